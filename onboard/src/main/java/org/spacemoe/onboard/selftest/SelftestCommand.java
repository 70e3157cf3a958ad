package org.spacemoe.onboard.selftest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spacemoe.onboard.natives.OnnxRuntimeNatives;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.cli.CliCore;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ShardEntry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spacemoe-onboard selftest}: exit 0 when every shard passes, 1 when one fails (or the loaded ONNX Runtime
 * library is not the one for this architecture), 2 on bad input (a missing config, plan, manifest or directory).
 */
@Command(name = "selftest", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Checks that this board can run its shards: loads each shard the configuration names (the shards of",
        "its satellites under DATA_DIR/plan.json, from DATA_DIR/model/) or every shard of --shards DIR, runs it",
        "once on a fixed input and compares the outputs with the reference values in manifest.json (numerically,",
        "within the manifest's tolerance). Prints the architecture, CPU, JVM, ONNX Runtime version, the native",
        "library actually loaded and per-shard load and run times.",
        "Exit 0: all passed; 1: a shard failed or the native library does not fit the architecture; 2: bad input;",
        "3: internal error."})
public final class SelftestCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "the onboard configuration (default: $SPACEMOE_CONFIG, else config/application.yml)")
  Path config;

  @Option(names = "--shards", paramLabel = "DIR",
      description = "check every shard of this exported model directory instead of the configured ones")
  Path shards;

  @Option(names = "--plan-dir", paramLabel = "DIR",
      description = {"take plan.json and model/ from DIR instead of the data directory (a node with trusted-keys",
          "keeps its plans in DATA_DIR/store/plans/VERSION)"})
  Path planDir;

  @Option(names = "--threads", paramLabel = "N",
      description = "ONNX Runtime intra-op threads per session (default: the config's intra-op-threads, else 1)")
  Integer threads;

  @Option(names = "--json", paramLabel = "FILE", description = "also write the report as JSON")
  Path json;

  @Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line; returns the exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs the command line printing to {@code out} and {@code err}, with the exit codes of the shared CLI core: bad
   * input (an {@link InvalidInputException}, a missing file, a bad option) prints an {@code error:} line to
   * {@code err} and gives 2, an internal error 3.
   */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = CliCore.configure(new CommandLine(new SelftestCommand()), "spacemoe-onboard");
    cl.setOut(out);
    cl.setErr(err);
    return cl.execute(args);
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (threads != null && threads < 1) {
      throw new InvalidInputException("--threads", "must be >= 1, got " + threads);
    }
    SelftestTarget target;
    int intraOp;
    if (shards != null && planDir != null) {
      throw new InvalidInputException("--plan-dir", "cannot be combined with --shards (which checks every shard)");
    }
    if (shards != null) {
      target = SelftestTarget.allOf(shards);
      intraOp = threads == null ? 1 : threads;
    } else {
      Path file = config != null ? config : defaultConfig();
      OnboardSettings s = OnboardSettings.read(file);
      target = SelftestTarget.ofNode(s, file, planDir);
      intraOp = threads == null ? s.intraOpThreads() : threads;
    }

    PlatformInfo p = PlatformInfo.current();
    String expected = expectedPlatform(p.arch());
    String distribution = distributionVersion();
    out.printf("spacemoe-onboard selftest%s%n", distribution == null ? "" : " (" + distribution + ")");
    out.printf(Locale.ROOT, "platform: %s, %s, %d cores%n", p.os(), p.arch(), p.cores());
    CpuInfo cpu = p.cpu();
    out.printf("cpu: %s%s%n", cpu.model() == null ? "unknown (no /proc/cpuinfo)" : cpu.model(),
        cpu.hostFile() ? " (the host's /proc/cpuinfo: user-mode emulation)" : "");
    if (cpu.features() != null) {
      out.printf("cpu features: %s%n", abbreviate(cpu.features(), 160));
    }
    if (cpu.hwcap() != null) {
      out.printf("cpu features (AT_HWCAP): %s%n", cpu.hwcap());
    }
    out.printf(Locale.ROOT, "java: %s, %s, max heap %s%n", p.java(), p.vm(), mb(p.maxHeapBytes()));
    out.printf("onnx runtime: %s%n", p.onnxRuntime());
    for (NativeLibrary l : p.nativeLibraries()) {
      out.printf("native library: %s (ELF %s, %s)%n", l.path(), l.elfMachine() == null ? "unreadable" : l.elfMachine(),
          l.resource() == null ? "matches no bundled library" : "= " + l.resource());
    }
    String ortPlatform = p.ortPlatform();
    boolean platformOk = ortPlatform == null || expected == null || ortPlatform.equals(expected);
    out.printf("native platform: %s%s%n", ortPlatform == null ? "unproven" : ortPlatform,
        platformOk ? "" : " (WRONG: this JVM is " + p.arch() + ", needs " + expected + ")");
    out.printf(Locale.ROOT, "shards: %s (model %s, %s weights, %d shards, intra-op threads %d)%n", target.source(),
        target.manifest().preset(), target.manifest().weights().wireName(), target.shards().size(), intraOp);
    out.printf("%-18s %-8s %10s %9s %9s %11s %9s %11s %10s  %s%n", "shard", "kind", "bytes", "fp32 MB", "load ms",
        "1st run ms", "run ms", "max |diff|", "tolerance", "result");
    out.flush();

    ShardCheck check = new ShardCheck(new ShardLoader(target.modelDir(), target.manifest(), intraOp));
    List<ShardResult> results = new ArrayList<>();
    double maxDiff = -1;
    double load = 0;
    double run = 0;
    int passed = 0;
    for (ShardEntry e : target.shards()) {
      ShardResult r = check.run(e);
      results.add(r);
      passed += r.passed() ? 1 : 0;
      load += r.loadMs();
      run += r.runMs() == null ? 0 : r.runMs();
      if (r.maxAbsDiff() != null) {
        maxDiff = Math.max(maxDiff, r.maxAbsDiff());
      }
      out.printf(Locale.ROOT, "%-18s %-8s %10d %9.2f %9.1f %11s %9s %11s %10s  %s%n", r.shard(), r.kind(), r.bytes(),
          r.fp32Bytes() / 1e6, r.loadMs(), num("%.2f", r.firstRunMs()), num("%.3f", r.runMs()),
          num("%.2e", r.maxAbsDiff()), num("%.1e", r.tolerance()), r.passed() ? "pass" : "FAIL: " + r.error());
      out.flush();
    }
    int failed = results.size() - passed;
    boolean ok = failed == 0 && platformOk;
    Double max = maxDiff < 0 ? null : maxDiff;
    out.printf(Locale.ROOT, "selftest %s: %d/%d shards within tolerance (max abs diff %s), load %.0f ms, run %.1f ms;"
        + " %s on %s%n", ok ? "PASSED" : "FAILED", passed, results.size(), num("%.2e", max), load, run,
        ortPlatform == null ? "native library unproven" : ortPlatform, p.arch());
    SelftestReport report = new SelftestReport("spacemoe-selftest", 1, distribution, p, ortPlatform, expected,
        target.source(), target.manifest().preset() + " " + target.manifest().weights().wireName(), results, passed,
        failed, max, load, run, ok);
    if (json != null) {
      report.write(json);
      out.printf("wrote %s%n", json);
    }
    out.flush();
    return ok ? 0 : 1;
  }

  /** The ONNX Runtime platform directory a Linux JVM of {@code osArch} loads, or null for others. */
  static String expectedPlatform(String osArch) {
    return OnnxRuntimeNatives.platform(osArch);
  }

  private static Path defaultConfig() {
    String env = System.getenv("SPACEMOE_CONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String home = System.getProperty("spacemoe.home");
    return home != null ? Path.of(home, "config", "application.yml") : Path.of("config", "application.yml");
  }

  /** The first line of the distribution's VERSION file, when run from one ({@code -Dspacemoe.home}). */
  private static String distributionVersion() {
    String home = System.getProperty("spacemoe.home");
    if (home == null) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(Path.of(home, "VERSION"));
      return lines.isEmpty() ? null : lines.get(0).trim();
    } catch (IOException e) {
      return null;
    }
  }

  private static String num(String fmt, Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, fmt, v);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + " ... (" + s.split(" ").length + " flags)";
  }
}
