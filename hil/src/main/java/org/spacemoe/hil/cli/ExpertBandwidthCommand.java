package org.spacemoe.hil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spacemoe.hil.perf.ExpertBandwidth;
import org.spacemoe.hil.perf.MemoryBandwidth;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.model.onnx.WeightFormat;
import org.spacemoe.shared.cli.JsonReportWriter;
import org.spacemoe.shared.cli.Progress;
import org.spacemoe.shared.cli.QuietOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code expert-bandwidth}: one expert through ONNX Runtime against the machine's memory bandwidth. */
@Command(name = "expert-bandwidth", mixinStandardHelpOptions = true,
    description = "Time per token of one SwiGLU expert (the exporter's graph, written alone) through ONNX Runtime "
        + "as the onboard runtime loads it, and its effective weight bandwidth (weight bytes / time), "
        + "against this machine's memory bandwidth measured in the same run (Java read and triad kernels "
        + "over arrays far beyond the caches, 1 and more threads, before and after the expert; the best "
        + "counts). Progress on stderr, a table on stdout.")
final class ExpertBandwidthCommand implements Callable<Integer> {
  @Option(names = "--hidden", defaultValue = "4096", description = "hidden size d (default: ${DEFAULT-VALUE}, the paper's)")
  int hidden;

  @Option(names = "--width", defaultValue = "1376", description = "expert FFN width w (default: ${DEFAULT-VALUE}, the paper's)")
  int width;

  @Option(names = "--weights", defaultValue = "fp32", description = "fp32 | fp16 initializers (default: ${DEFAULT-VALUE})")
  String weights;

  @Option(names = "--iterations", defaultValue = "200", description = "timed tokens per thread count (default: ${DEFAULT-VALUE})")
  int iterations;

  @Option(names = "--warmup", defaultValue = "20", description = "untimed tokens first (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--threads", defaultValue = "1,2", split = ",",
      description = "ONNX Runtime intra-op thread counts, also the memory kernels' (default: ${DEFAULT-VALUE})")
  int[] threads;

  @Option(names = "--memory-mib", defaultValue = "1024",
      description = "working set of each memory kernel, MiB, >= 512 (default: ${DEFAULT-VALUE})")
  long memoryMiB;

  @Option(names = "--memory-passes", defaultValue = "8", description = "passes per memory kernel (default: ${DEFAULT-VALUE})")
  int memoryPasses;

  @Option(names = "--seed", defaultValue = "1", description = "weight seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--work-dir", description = "keep the shard here (default: a temporary directory, deleted)")
  Path workDir;

  @Option(names = "--report", description = "write the JSON report here")
  Path report;

  @Mixin QuietOption quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.positive("--hidden", hidden);
    Checks.positive("--width", width);
    Checks.positive("--iterations", iterations);
    Checks.nonNegative("--warmup", warmup);
    Checks.inRange("--memory-mib", (int) Math.min(memoryMiB, Integer.MAX_VALUE), 512, 16_384);
    Checks.positive("--memory-passes", memoryPasses);
    if (threads.length == 0) {
      throw new org.spacemoe.shared.input.InvalidInputException("--threads", "needs at least one thread count");
    }
    for (int t : threads) {
      Checks.inRange("--threads", t, 1, 256);
    }
    ExpertBandwidth.Options o = new ExpertBandwidth.Options(hidden, width, WeightFormat.parse(weights), iterations,
        warmup, threads, memoryMiB, memoryPasses, seed, workDir);
    int total = threads.length * (warmup + iterations);
    ExpertBandwidth.Result r;
    try (Progress bar = quiet.progress("tokens", total)) {
      r = ExpertBandwidth.run(o, bar::message, bar::stepTo);
    }
    PrintWriter out = spec.commandLine().getOut();
    print(out, r);
    JsonReportWriter.write(report, r, out);
    out.flush();
    return 0;
  }

  static void print(PrintWriter o, ExpertBandwidth.Result r) {
    o.printf(Locale.ROOT, "%none SwiGLU expert %d x %d, %s weights: %.1f MB (file %.1f MB, exported in %.1f s)%n",
        r.hidden(), r.width(), r.weights(), r.weightBytes() / 1e6, r.fileBytes() / 1e6, r.exportSeconds());
    o.printf(Locale.ROOT, "%-20s %7s %9s %11s %13s %9s%n", "memory kernel", "threads", "best GB/s", "median GB/s",
        "traffic GB/s", "MiB/pass");
    for (MemoryBandwidth.Measure m : r.memory()) {
      o.printf(Locale.ROOT, "%-20s %7d %9.1f %11.1f %13.1f %9d%n", m.kernel(), m.threads(), m.bestGBps(),
          m.medianGBps(), m.trafficGBps(), m.bytesPerPass() >> 20);
    }
    o.printf(Locale.ROOT, "bound: %.1f GB/s (%s, %d thread%s; STREAM counting); with write-allocate traffic %.1f GB/s%n",
        r.bound().bestGBps(), r.bound().kernel(), r.bound().threads(), r.bound().threads() == 1 ? "" : "s",
        r.trafficBoundGBps());
    o.printf(Locale.ROOT, "%-8s %8s %8s %8s %8s %9s %8s %9s %11s %10s%n", "threads", "p50 ms", "mean ms", "min ms",
        "p90 ms", "eff GB/s", "GFLOP/s", "of bound", "of traffic", "of read@t");
    for (ExpertBandwidth.Run run : r.runs()) {
      o.printf(Locale.ROOT, "%-8d %8.3f %8.3f %8.3f %8.3f %9.1f %8.1f %8.0f%% %10.0f%% %9.0f%%%n", run.threads(),
          run.msPerTokenP50(), run.msPerTokenMean(), run.msPerTokenMin(), run.msPerTokenP90(), run.effectiveGBps(),
          run.gflops(), 100 * run.ofBound(), 100 * run.ofTrafficBound(), 100 * run.ofReadSameThreads());
    }
    ExpertBandwidth.Run best = r.runs().stream().max((a, b) -> Double.compare(a.ofBound(), b.ofBound())).orElseThrow();
    o.printf(Locale.ROOT, "target effective >= %.0f%% of bound: %s (best %.0f%% with %d thread%s)%n",
        100 * r.targetOfBound(), best.ofBound() >= r.targetOfBound() ? "met" : "MISSED", 100 * best.ofBound(),
        best.threads(), best.threads() == 1 ? "" : "s");
    if ("fp16".equals(r.weights())) {
      o.printf(Locale.ROOT, "note: fp16 initializers are cast to fp32 inside the graph, a constant subgraph ONNX Runtime "
          + "can fold when it loads the session: if the time equals fp32's, each token reads fp32 weights, twice the "
          + "bytes counted here%n");
    }
    o.printf(Locale.ROOT, "threads tried: %s; wall %.1f s%n", Arrays.toString(r.runs().stream()
        .mapToInt(ExpertBandwidth.Run::threads).toArray()), r.wallSeconds());
  }
}
