package org.spacemoe.hil.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spacemoe.hil.bench.BenchOptions;
import org.spacemoe.hil.bench.CodecAccuracy;
import org.spacemoe.hil.bench.CodecLossFile;
import org.spacemoe.hil.bench.BenchCharts;
import org.spacemoe.hil.bench.BenchReport;
import org.spacemoe.hil.bench.BenchRunner;
import org.spacemoe.hil.bench.BoardTiming;
import org.spacemoe.hil.bench.BoardsBenchReport;
import org.spacemoe.hil.bench.BoardsBenchRunner;
import org.spacemoe.hil.bench.FaultsReport;
import org.spacemoe.hil.bench.HopCalibration;
import org.spacemoe.hil.faults.FaultSpec;
import org.spacemoe.hil.inventory.Inventory;
import org.spacemoe.hil.inventory.InventoryReader;
import org.spacemoe.hil.inventory.IslMode;
import org.spacemoe.hil.logs.LogOptions;
import org.spacemoe.shared.cli.JsonReportWriter;
import org.spacemoe.shared.cli.Progress;
import org.spacemoe.shared.cli.QuietOption;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: tokens generated through a bench constellation in one process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Generates tokens through a bench constellation and compares them with the reference run.",
        "Exports the model, plans it, starts an onboard runtime for every satellite of the plan against an",
        "embedded HiveMQ CE broker (or --broker tcp://HOST:PORT), and compares measured per-token latency with",
        "the planner's prediction for the same plan, slot and expert selections.",
        "With --codec fp16|int8 every activation is sent in that codec and the run is compared with the fp32",
        "reference on its own tokens (hidden-state cosine, greedy-token agreement, payload bytes); --codec all",
        "runs fp32, fp16 and int8 one after the other and compares them.",
        "With --inventory the same test runs through the boards of a bench: the workspace's plan and shards are",
        "flashed to them (unchanged boards are left alone), this process drives the tokens over the inventory's",
        "broker, and the report adds per board compute, link and queue time per hop against the modelled ISL",
        "latency. Slot, time scale and emulation switches then come from the inventory's onboard: settings."})
final class BenchCommand implements Callable<Integer> {
  @Option(names = "--preset", defaultValue = "bench",
      description = "tiny | bench | paper-slice (the paper's dimensions, 2 layers, ~2.7 GB of shards) (default: ${DEFAULT-VALUE})")
  String preset;

  @Option(names = "--tokens", defaultValue = "32", description = "tokens to generate (default: ${DEFAULT-VALUE})")
  int tokens;

  @Option(names = "--prompt", defaultValue = "1,2,3,4", split = ",", description = "prompt token ids (default: ${DEFAULT-VALUE})")
  int[] prompt;

  @Option(names = "--time-scale", defaultValue = "1", description = "multiplies every emulated delay; 1 = real time (default: ${DEFAULT-VALUE})")
  double timeScale;

  @Option(names = "--broker", defaultValue = "embedded",
      description = "embedded (in-process HiveMQ CE) | mosquitto (a Mosquitto child process the bench starts) | "
          + "tcp://HOST:PORT (an external broker: broker-down faults are refused) (default: ${DEFAULT-VALUE})")
  String broker;

  @Option(names = "--faults", paramLabel = "SPEC[,SPEC...]",
      description = {"inject faults (docs/bench.md): broker-down:DURATION@T, loss:P, dup:P, reorder:P, "
          + "kill:gateway-of-layer-N@T, kill:SAT@T, hang:gateway-of-layer-N@T, hang:SAT@T. T is measured from the start frame; DURATION and T "
          + "like 500ms, 5s, 1.5s, 1m; P in [0, 1) per frame between satellites; N is 0-based, as in the report's "
          + "per-layer table (layer 0 = the entry gateway). Kill and hang targets run in their own onboard runtime; "
          + "the report gains a faults section; exit 0 only if every token arrived and equals the reference"})
  String faults;

  @Option(names = "--no-gateway-standby",
      description = "with a kill:gateway-of-layer-N fault: plan without standby gateways (the sequence then fails "
          + "with a named reason within the give-up time instead of failing over)")
  boolean noGatewayStandby;

  @Option(names = "--give-up", paramLabel = "DURATION",
      description = "how long a node waits for an answer before the sequence fails with a named reason "
          + "(give-up-ms, like 30s or 2m; default: the node's, 120s); broker outages must be shorter")
  String giveUp;

  @Option(names = "--isl", defaultValue = "shared", paramLabel = "shared|mesh",
      description = {"how frames travel between satellites (docs/isl-mesh.md): shared = every frame through the one "
          + "broker, held for its whole route's latency; mesh = ISLs as links: every satellite on a route runs, one MQTT "
          + "connection per link, each relay forwards the frame and each link holds it for its own latency "
          + "(default: ${DEFAULT-VALUE})"})
  String isl;

  @Option(names = "--strategy", defaultValue = "spacemoe", description = "placement strategy (default: ${DEFAULT-VALUE})")
  String strategy;

  @Option(names = "--tensor-parallel-width", paramLabel = "K",
      description = "joint only: the widest split of a layer's attention heads (and the LM head's vocabulary) the"
          + " planner may choose where its latency model says it pays (1..4; 1 = never; default: joint's, 4). Split"
          + " runs are compared with the unsplit reference within float tolerance. On the bench preset splits pay"
          + " only on slow computers, e.g. --device custom:gflops=0.02,memory-gib=8 (the bench model's attention"
          + " then takes what the paper model's takes on sbc-2a72)")
  Integer tensorParallelWidth;

  @Option(names = "--no-link-emulation", description = "do not hold frames for the ISL latency (measures the runtime alone)")
  boolean noLinkEmulation;

  @Option(names = "--no-compute-emulation",
      description = "do not hold results for nominal FLOPs / device FLOP/s (the bench's small weights compute faster)")
  boolean noComputeEmulation;

  @Option(names = "--slot", defaultValue = "0", description = "time slot the constellation is pinned to (default: ${DEFAULT-VALUE})")
  int slot;

  @Option(names = "--seed", defaultValue = "1", description = "weights and planning seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--zipf", defaultValue = "1.0", description = "expert popularity skew (default: ${DEFAULT-VALUE})")
  double zipf;

  @Option(names = "--device", defaultValue = DeviceProfile.DEFAULT_NAME, description = "device profile (default: ${DEFAULT-VALUE})")
  String device;

  @Option(names = "--calibration-tokens", paramLabel = "N", defaultValue = "12",
      description = "before the timed tokens, generate a calibration sequence through the same broker and nodes and "
          + "measure the software time of one frame hop from N of its tokens (after "
          + HopCalibration.WARMUP_TOKENS + " warm-up tokens); the prediction then includes it. 0: predict with the "
          + "planner's model alone. Runs with --faults are not calibrated (default: ${DEFAULT-VALUE})")
  int calibrationTokens;

  @Option(names = "--no-transit-compensation",
      description = "do not subtract the broker's measured transit from emulated holds (measured latency then includes it)")
  boolean noTransitCompensation;

  @Option(names = "--no-check-hidden", description = "skip comparing every inter-layer hidden state with the reference")
  boolean noCheckHidden;

  @Option(names = "--uplink",
      description = "deliver the plan and shards over MQTT (signed, chunked, staged, activated) instead of locally")
  boolean uplink;

  @Option(names = "--attacks", paramLabel = "LIST",
      description = {"with --uplink: send hostile inputs through the broker before the tokens, each expected refused",
          "with its own reason: all, or some of forged-command, replayed-command, replayed-command-after-restart,",
          "wrong-target-command, rollback-unheld, activate-older, forged-plan, replayed-plan, truncated-chunk,",
          "flipped-chunk, oversize-frame. The report's settings gain attacks {name: {attempted, refused, reason}};",
          "exit 1 unless every attack was refused and the tokens still equal the reference"})
  String attacks;

  @Option(names = "--work-dir", description = "where to write the model and plan (default: a temporary directory)")
  Path workDir;

  @Option(names = "--split", paramLabel = "FILE",
      description = "run a ground split result (split.json) instead of --strategy: each layer and its experts on "
          + "its stage's satellite; each cut's hidden state in the codec the split planned for it")
  Path split;

  @Option(names = "--report", description = "write the JSON report here (with --codec all: one report per codec)")
  Path report;

  @Option(names = "--codec", defaultValue = "fp32", paramLabel = "CODEC",
      description = "activation codec on every link: fp32 | fp16 | int8 | all (default: ${DEFAULT-VALUE}; fp32 must "
          + "match the reference exactly, fp16 and int8 within cosine >= 0.999 and greedy agreement >= 99%%)")
  String codec;

  @Option(names = "--codec-loss-out", paramLabel = "FILE",
      description = "write each codec's measured bytes per value and accuracy loss here, for ground split")
  Path codecLossOut;

  @Option(names = "--inventory", description = "run through the boards of this bench inventory (YAML, docs/bench.md)")
  Path inventory;

  @Option(names = "--no-flash", description = "with --inventory: do not flash the plan first (the boards already run it)")
  boolean noFlash;

  @Option(names = "--console",
      description = "serve the read-only operations console (ground console) for this bench on 127.0.0.1")
  boolean console;

  @Option(names = "--console-port", defaultValue = "8470", paramLabel = "P",
      description = "with --console: its HTTP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int consolePort;

  @Option(names = "--console-hold", defaultValue = "0", paramLabel = "SECONDS",
      description = "with --console: keep the page up this long after the bench ended (default: ${DEFAULT-VALUE})")
  double consoleHold;

  @Mixin SshFlashOptions ssh;

  @Mixin QuietOption quiet;

  @Mixin LogOptions logs;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.positive("--tokens", tokens);
    Checks.positive("--time-scale", timeScale);
    Checks.nonNegative("--calibration-tokens", calibrationTokens);
    Checks.nonNegative("--zipf", zipf);
    Checks.inRange("--slot", slot, 0, 199);
    Checks.inRange("--console-port", consolePort, 0, 65535);
    Checks.nonNegative("--console-hold", consoleHold);
    for (String flag : List.of("--console-port", "--console-hold")) {
      if (!console && spec.commandLine().getParseResult().hasMatchedOption(flag)) {
        throw new InvalidInputException(flag, "needs --console");
      }
    }
    if (prompt.length == 0) {
      throw new InvalidInputException("--prompt", "needs at least one token id");
    }
    if (!"embedded".equals(broker) && !"mosquitto".equals(broker) && !broker.matches("(tcp|ssl)://.+:\\d+")) {
      throw new InvalidInputException("--broker", "must be embedded, mosquitto or tcp://HOST:PORT, got '" + broker + "'");
    }
    if (!"shared".equals(isl) && !"mesh".equals(isl)) {
      throw new InvalidInputException("--isl", "must be shared or mesh, got '" + isl + "'");
    }
    if (tensorParallelWidth != null && (tensorParallelWidth < 1 || tensorParallelWidth > 4)) {
      throw new InvalidInputException("--tensor-parallel-width", "must be in 1..4, got " + tensorParallelWidth);
    }
    if (tensorParallelWidth != null && (!strategy.startsWith("joint") || split != null)) {
      throw new InvalidInputException("--tensor-parallel-width", "only --strategy joint or joint-own split layers"
          + (split != null ? " (not with --split)" : ", not " + strategy));
    }
    List<FaultSpec> faultSpecs = faults == null ? List.of() : FaultSpec.parseAll(faults);
    long giveUpMs = giveUp == null ? 0 : FaultSpec.durationMs("--give-up", giveUp);
    if (!faultSpecs.isEmpty() && codecs(codec).size() > 1) {
      throw new InvalidInputException("--faults", "runs one bench: drop --codec all");
    }
    if (inventory != null) {
      faultSpecs.stream().filter(f -> f.kind() != FaultSpec.Kind.KILL).findFirst().ifPresent(f -> {
        throw new InvalidInputException("--faults", "'" + f.text() + "': with --inventory only kill: faults apply "
            + "(link and broker faults belong to the boards' own configuration, hangs need an in-process runtime)");
      });
    }
    if (faultSpecs.stream().anyMatch(f -> f.kind() == FaultSpec.Kind.BROKER_DOWN)
        && !"embedded".equals(broker) && !"mosquitto".equals(broker)) {
      throw new InvalidInputException("--faults", "broker-down needs a broker the bench runs (--broker embedded or "
          + "mosquitto); it cannot stop " + broker);
    }
    List<HiddenStateCodec> codecs = codecs(codec);
    if (codecLossOut != null && split != null) {
      throw new InvalidInputException("--codec-loss-out", "measures one codec on every link: drop --split");
    }
    if (codecLossOut != null && noCheckHidden) {
      throw new InvalidInputException("--codec-loss-out", "needs the hidden states: drop --no-check-hidden");
    }
    Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("spacemoe-bench");
    logs.apply(dir);
    if (inventory != null) {
      return onBoards(dir, faultSpecs);
    }
    List<String> attackList = org.spacemoe.hil.bench.BenchAttacks.parse(attacks);
    if (!attackList.isEmpty() && !uplink) {
      throw new InvalidInputException("--attacks", "needs --uplink");
    }
    BenchOptions o = new BenchOptions(preset, tokens, prompt, timeScale, broker, strategy, !noLinkEmulation,
        !noComputeEmulation, !noTransitCompensation, slot, seed, zipf, device, !noCheckHidden, dir, uplink, split)
        .withMesh("mesh".equals(isl)).withTensorParallelWidth(tensorParallelWidth == null ? 0 : tensorParallelWidth);
    PrintWriter out = spec.commandLine().getOut();
    try (BenchConsole bc = console ? new BenchConsole(consolePort, spec.commandLine().getErr()) : null) {
      int code = run(o, codecs, faultSpecs, giveUpMs, attackList, dir, out,
          bc == null ? org.spacemoe.hil.bench.BenchObserver.NONE : bc);
      if (bc != null) {
        bc.hold(consoleHold);
      }
      return code;
    }
  }

  private int run(BenchOptions o, List<HiddenStateCodec> codecs, List<FaultSpec> faultSpecs, long giveUpMs,
      List<String> attackList, Path dir, PrintWriter out, org.spacemoe.hil.bench.BenchObserver observer)
      throws Exception {
    List<BenchReport> reports = new ArrayList<>();
    for (HiddenStateCodec c : codecs) {
      BenchOptions oc = codecs.size() == 1 ? o.withCodec(c, dir) : o.withCodec(c, dir.resolve(c.wireName()));
      BenchReport r;
      try (Progress bar = quiet.progress("tokens " + c.wireName(), tokens)) {
        r = BenchRunner.run(oc, faultSpecs, !noGatewayStandby, giveUpMs, attackList, calibrationTokens, bar::stepTo,
            observer);
      }
      print(out, r);
      reports.add(r);
    }
    if (reports.size() > 1) {
      printCodecs(out, reports);
    }
    JsonReportWriter.write(report, reports.size() == 1 ? reports.get(0) : Map.of("runs", reports), out);
    if (report != null) {
      for (BenchReport r : reports) {
        charts(r, reports.size() == 1 ? null : r.accuracy().codec(), out);
      }
    }
    if (codecLossOut != null) {
      String date = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
      JsonReportWriter.write(codecLossOut, CodecLossFile.of(o, reports, date), out);
    }
    out.flush();
    if (!quiet.quiet()) {
      logs.announce(spec.commandLine().getErr());
    }
    return reports.stream().allMatch(r -> r.matchesReference() && r.tokens() == tokens
        && !Boolean.FALSE.equals(r.settings().get("allAttacksRefused"))) ? 0 : 1;
  }

  private static List<HiddenStateCodec> codecs(String name) {
    if ("all".equals(name)) {
      return List.of(HiddenStateCodec.values());
    }
    return List.of(HiddenStateCodec.byWireName(name).orElseThrow(
        () -> new InvalidInputException("--codec", "unknown codec '" + name + "'; use fp32, fp16, int8 or all")));
  }

  /** One line per codec: payload bytes, wire bytes, cosine and agreement against the fp32 reference. */
  private static void printCodecs(PrintWriter o, List<BenchReport> reports) {
    o.printf("%n%-6s %10s %9s %12s %10s %10s %10s %10s %8s%n", "codec", "B/value", "fp32/x", "wire B/tok",
        "min cos", "p1 cos", "mean cos", "agreement", "matches");
    for (BenchReport r : reports) {
      CodecAccuracy a = r.accuracy();
      o.printf("%-6s %10.5f %9.4f %12.1f %10.6f %10.6f %10.6f %10.4f %8s%n", a.codec(), a.payloadBytesPerValue(),
          a.fp32OverThis(), a.wireBytesPerToken(), a.minCosine(), a.p1Cosine(), a.meanCosine(), a.greedyAgreement(),
          r.matchesReference());
    }
  }

  /** {@code --inventory}: the bench through real boards. */
  private int onBoards(Path dir, List<FaultSpec> faultSpecs) throws Exception {
    for (String flag : List.of("--broker", "--slot", "--time-scale", "--no-link-emulation", "--no-compute-emulation",
        "--no-transit-compensation", "--uplink", "--console")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(flag)) {
        throw new InvalidInputException(flag, "does not apply with --inventory (the broker and the boards' onboard: "
            + "settings in the inventory do)");
      }
    }
    Inventory inv = islOption(InventoryReader.read(inventory));
    Map<String, Object> s = inv.onboard();
    if (!(s.get("pinned-slot") instanceof Number slotValue)) {
      throw new InvalidInputException(inventory.toString(),
          "onboard.pinned-slot: missing (hil bench --inventory compares with the prediction for one slot)");
    }
    if (!inv.broker().uri().startsWith("tcp://")) {
      throw new InvalidInputException(inventory.toString(), "broker.uri: hil bench --inventory drives tcp:// brokers only");
    }
    double scale = s.get("time-scale") instanceof Number n ? n.doubleValue() : 1.0;
    BenchOptions o = new BenchOptions(preset, tokens, prompt, scale, inv.broker().uri(), strategy,
        flagOf(s, "link-emulation", true), flagOf(s, "compute-emulation", false), flagOf(s, "compensate-transit", true),
        slotValue.intValue(), seed, zipf, device, !noCheckHidden, dir, false);
    PrintWriter out = spec.commandLine().getOut();
    BoardsBenchReport r;
    try (Progress bar = quiet.progress("tokens", tokens)) {
      r = BoardsBenchRunner.run(o, inv, ssh.options(null, null), !noFlash, faultSpecs, !noGatewayStandby,
          bar::stepTo);
    }
    print(out, r.bench());
    out.printf("%-14s %6s %11s %9s %9s %12s %9s  %s%n", "board", "hops", "compute ms", "link ms", "queue ms",
        "modelled ms", "measured/modelled", "links");
    for (BoardTiming b : r.boards()) {
      out.printf("%-14s %6d %11.3f %9.3f %9.3f %12.3f %9.3f  %s%n", b.board(), b.hops(), b.computeMs(), b.linkMs(),
          b.queueMs(), b.predictedLinkMs(), b.linkMeasuredOverPredicted(), b.links());
    }
    printIsl(out, r);
    out.printf(r.clocksShared() ? "links overall: measured/modelled %.3f per hop: %s%n"
        : "links overall (boards on several hosts: per-hop link times need one clock; token latency used): "
            + "measured/predicted %.3f: %s%n", r.linkMeasuredOverPredicted(), r.links());
    JsonReportWriter.write(report, r, out);
    if (report != null) {
      charts(r.bench(), null, out);
    }
    out.flush();
    return r.bench().matchesReference() && r.bench().tokens() == tokens ? 0 : 1;
  }

  /**
   * {@code --isl} (an option of the emulated bench, if this build has it) overrides the inventory's {@code isl} with
   * {@code --inventory}.
   */
  private Inventory islOption(Inventory inv) {
    if (spec.findOption("--isl") == null || !spec.commandLine().getParseResult().hasMatchedOption("--isl")) {
      return inv;
    }
    String v = spec.commandLine().getParseResult().matchedOption("--isl").stringValues().get(0);
    try {
      return inv.withIsl(IslMode.of(v));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--isl", e.getMessage());
    }
  }

  /** The ISL mode, and in mesh mode the relays per board and their relay counters (or that none were reported). */
  private static void printIsl(PrintWriter out, BoardsBenchReport r) {
    if (r.isl() != IslMode.MESH) {
      out.printf("isl: %s (every frame through the inventory's broker)%n", r.isl().yamlName());
      return;
    }
    out.printf("isl: mesh (each board's own ISL broker, one link per hop)%n");
    if (!r.relayCountersReported()) {
      out.printf("relay counters: absent (no board's /telemetry reports relayedFrames, relayedBytes, reroutes)%n");
      return;
    }
    out.printf("%-14s %8s %14s %14s %9s%n", "board", "relays", "relayed frames", "relayed bytes", "reroutes");
    for (BoardTiming b : r.boards()) {
      Integer relays = r.flash() == null || r.flash().relays() == null ? null
          : r.flash().relays().getOrDefault(b.board(), List.of()).size();
      out.printf("%-14s %8s %14s %14s %9s%n", b.board(), relays == null ? "-" : relays,
          orAbsent(b.relay().relayedFrames()), orAbsent(b.relay().relayedBytes()), orAbsent(b.relay().reroutes()));
    }
  }

  private static String orAbsent(Long v) {
    return v == null ? "absent" : v.toString();
  }

  /** The report's plots beside it; a plot that cannot be drawn is said, the run's outcome stands. */
  private void charts(BenchReport r, String tag, PrintWriter out) {
    try {
      for (Path png : BenchCharts.write(r, report, tag)) {
        out.println("wrote " + png);
      }
    } catch (java.io.IOException | RuntimeException e) {
      spec.commandLine().getErr().println("spacemoe-hil: bench: could not draw the report's plots: " + e.getMessage());
    }
  }

  private static boolean flagOf(Map<String, Object> s, String key, boolean dflt) {
    return s.get(key) instanceof Boolean b ? b : dflt;
  }

  private static void print(PrintWriter o, BenchReport r) {
    CodecAccuracy a = r.accuracy();
    o.printf("%n%d tokens on %s satellites (%s), codec %s: matches reference (%s): %s (max hidden diff %.2e over %d "
        + "states)%n", r.tokens(), r.settings().get("satellites"), r.settings().get("constellation"), a.codec(),
        a.comparison(), r.matchesReference(), r.maxHiddenAbsDiff(), r.hiddenStatesCompared());
    if (r.settings().get("attentionWidths") instanceof int[] widths) {
      o.printf("tensor-parallel layers: attention widths %s, LM head width %s; hidden states compared within %.0e"
          + " (the shares' sum order differs from the unsplit projection's)%n", java.util.Arrays.toString(widths),
          r.settings().get("headWidth"), r.settings().get("hiddenTolerance"));
    }
    o.printf("codec %s: %.5f payload bytes/value (fp32/this %.4f), %.1f wire bytes/token; hidden cosine min %.6f, "
        + "p1 %.6f, mean %.6f; greedy agreement %.4f over %d tokens%n", a.codec(), a.payloadBytesPerValue(),
        a.fp32OverThis(), a.wireBytesPerToken(), a.minCosine(), a.p1Cosine(), a.meanCosine(), a.greedyAgreement(),
        a.tokensCompared());
    if (!"exact".equals(a.comparison()) && a.minCosineByLayer().length > 0) {
      StringBuilder sb = new StringBuilder();
      double[] m = a.minCosineByLayer();
      for (int l = 0; l < m.length; l++) {
        sb.append(l == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.5f", m[l]));
      }
      o.printf("min cosine entering layer 1..%d: %s%n", m.length, sb);
      o.printf("routing: %d of %d (step, layer) expert choices differ from the reference's%s%n",
          a.routingMismatches(), a.routingCompared(),
          a.routingMismatches() == 0 ? "" : " (first at step/layer " + a.firstRoutingMismatch() + ")");
    }
    o.printf("generated %s%nreference %s%n", Arrays.toString(r.generatedTokens()), Arrays.toString(r.referenceTokens()));
    o.printf("%-6s %-6s %12s %12s%n", "step", "token", "measured ms", "predicted ms");
    for (BenchReport.TokenTiming t : r.perToken()) {
      o.printf("%-6d %-6d %12.2f %12.2f%n", t.step(), t.token(), t.measuredS() * 1e3, t.predictedS() * 1e3);
    }
    o.printf("%-6s %10s %12s %10s %10s%n", "layer", "hops/tok", "compute ms", "link ms", "queue ms");
    for (BenchReport.LayerTiming l : r.perLayer()) {
      o.printf("%-6d %10.1f %12.3f %10.3f %10.3f%n", l.layer(), l.hopsPerToken(), l.computeMs(), l.linkMs(), l.queueMs());
    }
    Map<String, Double> hop = r.perHop();
    o.printf("per hop: compute %.3f ms, link %.3f ms, queue %.3f ms%n", hop.get("computeMs"), hop.get("linkMs"), hop.get("queueMs"));
    o.printf("measured mean %.2f ms, predicted %.2f ms, measured/predicted %.3f; expected over the statistics %.2f ms; "
        + "%.2f tokens/s end to end (prompt included), %.2f tokens/s decoding%n",
        r.measuredMeanTokenLatencyS() * 1e3, r.predictedMeanTokenLatencyS() * 1e3, r.measuredOverPredicted(),
        r.expectedTokenLatencyS() * 1e3, r.tokensPerSecond(), r.decodeTokensPerSecond());
    HopCalibration c = r.hopCalibration();
    if (c.tokens() > 0) {
      String unit = r.mesh() != null ? "ISL hop" : "frame hop";
      o.printf("hop overhead calibrated in this run: %.3f ms per %s x %.1f %ss per token (from %d "
          + "calibration tokens: measured %.2f ms, model %.2f ms); model-only prediction %.2f ms, measured/model-only "
          + "%.3f%n", c.hopOverheadMs(), unit, c.framesPerToken(), unit, c.tokens(), c.measuredMeanS() * 1e3,
          c.modelOnlyMeanS() * 1e3, r.predictedModelOnlyS() * 1e3,
          r.measuredMeanTokenLatencyS() / r.predictedModelOnlyS());
    } else {
      o.printf("predicted with the planner's model alone (no hop overhead calibrated)%n");
    }
    o.printf("dropped frames: %s%s%n", r.droppedFrames().isEmpty() ? "none" : r.droppedFrames(),
        r.errors().isEmpty() ? "" : "; errors: " + r.errors());
    if (r.mesh() != null) {
      printMesh(o, r.mesh());
    }
    if (r.faults() != null) {
      printFaults(o, r.faults());
    }
  }

  /** The ISL mesh section: who relayed what, the busiest links, reroutes, and the hop count behind the prediction. */
  private static void printMesh(PrintWriter o, org.spacemoe.hil.bench.MeshReport m) {
    o.printf("%nISL mesh: %d satellites ran (%d with no role in the plan); %d frames (%.1f kB) relayed by %d "
        + "satellites over %d links; reroutes %d, links down %d, back up %d, frames with no route %d%n",
        m.satellitesRun(), m.relaysOutsideThePlan(), m.relayedFrameCount(), m.relayedBytes() / 1e3,
        m.relayedFrames().size(), m.linkFrames().size(), m.reroutes(), m.linksDown(), m.linksUp(), m.noRoute());
    o.printf("frames over links: %d sent, %d arrived%n", m.framesSentOverLinks(), m.framesArrivedOverLinks());
    o.printf("critical path per token: %.1f frame hops over %.1f ISL hops; relays add %.2f ms per token to the "
        + "prediction over a shared broker's%n", m.frameHopsPerToken(), m.islHopsPerToken(),
        m.relayOverheadPerTokenMs());
    List<Map.Entry<String, Long>> top = m.relayedFrames().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8).toList();
    if (!top.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      top.forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
      o.printf("busiest relays (frames): %s%n", sb);
    }
  }

  private static void printFaults(PrintWriter o, FaultsReport f) {
    o.printf("%nfaults (%d onboard runtimes):%n%-36s %8s %8s  %s%n", f.runtimes(), "fault", "at s", "until s", "outcome");
    for (FaultsReport.Injection i : f.injected()) {
      o.printf("%-36s %8.3f %8s  %s%n", i.spec(), i.atS(), i.untilS() == null ? "-"
          : String.format(java.util.Locale.ROOT, "%.3f", i.untilS()), i.outcome());
    }
    o.printf("tokens: %d requested, %d completed, %d identical to the reference (prefix), %d failed %s, %d lost%n",
        f.tokensRequested(), f.tokensCompleted(), f.tokensIdenticalToReference(),
        f.tokensFailedWithReason().values().stream().mapToInt(Integer::intValue).sum(), f.tokensFailedWithReason(),
        f.tokensLost());
    o.printf("duplicates ignored onboard %s, duplicate token results %d; start re-published %d times (stall "
        + "interval %.1f s), driver reconnects %d; max stall %.3f s; heap after GC %.1f -> %.1f MiB%n",
        f.duplicatesIgnored() == null ? "n/a (boards)" : f.duplicatesIgnored(), f.duplicateTokenResults(),
        f.startsRepublished(), f.stallIntervalS(), f.driverReconnects(), f.maxStallS(), f.heapAfterGcStartMiB(),
        f.heapAfterGcEndMiB());
    FaultsReport.Recovery r = f.recovery();
    if (r != null) {
      o.printf("recovery: re-sent %s, expert fail-overs %d, gateway fail-overs %d, KV steps rebuilt %d, re-sent after "
          + "reconnect %d, sequences failed onboard %s%n", r.retriesByKind(), r.expertFailovers(), r.gatewayFailovers(),
          r.rebuiltSteps(), r.resentAfterReconnect(), r.sequenceFailures());
    }
    for (var rs : f.nodeRestarts()) {
      o.printf("restarted %s at %.3f s: %s%n", rs.satellites(), rs.atS(), rs.reason());
    }
  }
}
