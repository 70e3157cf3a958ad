package org.spacemoe.hil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spacemoe.hil.perf.HopOverhead;
import org.spacemoe.hil.perf.LatencyStats;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.cli.JsonReportWriter;
import org.spacemoe.shared.cli.Progress;
import org.spacemoe.shared.cli.QuietOption;
import org.spacemoe.hil.logs.LogOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hop-overhead}: the runtime's one-way latency per hop against bare Paho through the same broker. */
@Command(name = "hop-overhead", mixinStandardHelpOptions = true,
    description = "Runtime overhead per hop: one-way latency of an FP32 hidden state from a gateway satellite to "
        + "an expert satellite through the runtime's real path (frame codec, MqttFrameTransport, "
        + "FrameDispatcher, serial executor, ExpertRole) against bare Paho v5 publish/subscribe of the "
        + "same bytes through the same broker, with and without TCP_NODELAY and at QoS 0, in one run. One "
        + "message at a time; the variants take turns in rounds. Progress on stderr, a table on stdout.")
final class HopOverheadCommand implements Callable<Integer> {
  @Option(names = "--broker", defaultValue = "embedded",
      description = "embedded (HiveMQ CE in this process) | tcp://HOST:PORT (default: ${DEFAULT-VALUE})")
  String broker;

  @Option(names = "--bytes", defaultValue = "8192",
      description = "tensor payload per frame, a multiple of 4 (FP32, one row) (default: ${DEFAULT-VALUE})")
  int bytes;

  @Option(names = "--messages", defaultValue = "2000", description = "timed messages per variant (default: ${DEFAULT-VALUE})")
  int messages;

  @Option(names = "--warmup", defaultValue = "500", description = "untimed messages per variant first (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--rounds", defaultValue = "5",
      description = "turns the variants take, each sending messages/rounds (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--nagle-messages", defaultValue = "200",
      description = "timed messages of the bare variant without TCP_NODELAY, tens of ms each (default: ${DEFAULT-VALUE})")
  int nagleMessages;

  @Option(names = "--pause-us", defaultValue = "200", description = "idle time between messages, us (default: ${DEFAULT-VALUE})")
  long pauseMicros;

  @Option(names = "--report", description = "write the JSON report here")
  Path report;

  @Mixin QuietOption quiet;

  @Mixin LogOptions logs;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.positive("--bytes", bytes);
    if (bytes % 4 != 0) {
      throw new InvalidInputException("--bytes", "must be a multiple of 4 (FP32 values), got " + bytes);
    }
    Checks.positive("--messages", messages);
    Checks.nonNegative("--warmup", warmup);
    Checks.inRange("--rounds", rounds, 1, messages);
    Checks.inRange("--nagle-messages", nagleMessages, rounds, Integer.MAX_VALUE);
    Checks.nonNegative("--pause-us", pauseMicros);
    if (!"embedded".equals(broker) && !broker.matches("tcp://.+:\\d+")) {
      throw new InvalidInputException("--broker", "must be embedded or tcp://HOST:PORT, got '" + broker + "'");
    }
    HopOverhead.Options o = new HopOverhead.Options(broker, bytes, messages, warmup, rounds, nagleMessages, pauseMicros);
    HopOverhead.Result r;
    logs.apply(null);
    try (Progress bar = quiet.progress("messages", HopOverhead.totalMessages(o))) {
      r = HopOverhead.run(o, bar::stepTo);
    }
    PrintWriter out = spec.commandLine().getOut();
    print(out, r);
    JsonReportWriter.write(report, r, out);
    out.flush();
    return 0;
  }

  static void print(PrintWriter o, HopOverhead.Result r) {
    o.printf(Locale.ROOT, "%none-way latency per hop, broker %s: %d-byte FP32 payload = %d-byte frame; %d timed messages "
        + "per variant (%d without TCP_NODELAY) in %d rounds, %d warm-up, %d us apart%n", r.broker(), r.payloadBytes(),
        r.frameBytes(), r.messages(), r.nagleMessages(), r.rounds(), r.warmup(), r.pauseMicros());
    o.printf(Locale.ROOT, "%-20s %3s %7s %6s %5s %9s %9s %9s %9s%n", "variant", "qos", "nodelay", "n", "lost", "p50 us",
        "p90 us", "p99 us", "mean us");
    for (HopOverhead.Variant v : r.variants()) {
      LatencyStats s = v.oneWay();
      o.printf(Locale.ROOT, "%-20s %3d %7s %6d %5d %9.1f %9.1f %9.1f %9.1f%n", v.name(), v.qos(),
          v.tcpNoDelay() ? "yes" : "no", s.count(), v.lost(), s.p50Us(), s.p90Us(), s.p99Us(), s.meanUs());
    }
    HopOverhead.Difference d = r.runtimeVsBare();
    o.printf(Locale.ROOT, "runtime - %s: p50 %+.1f us (x%.2f), p90 %+.1f us (x%.2f), p99 %+.1f us (x%.2f), "
        + "mean %+.1f us (x%.2f)%n", d.baseline(), d.p50Us(), d.p50Ratio(), d.p90Us(), d.p90Ratio(), d.p99Us(),
        d.p99Ratio(), d.meanUs(), d.meanRatio());
    HopOverhead.Breakdown b = r.runtime();
    o.printf(Locale.ROOT, "runtime mean %.1f us = sender (frame + encode) %.1f + transport (after encode -> "
        + "messageArrived) %.1f + dispatch (decode, serial executor -> role) %.1f; codec alone: encode %.1f us, "
        + "decode %.1f us%n", b.totalUs(), b.senderUs(), b.transportUs(), b.dispatchUs(), b.encodeUs(), b.decodeUs());
    LatencyStats back = r.responseTransport();
    o.printf(Locale.ROOT, "runtime return leg (expert response, transport only, untimed path): p50 %.1f us, p90 %.1f "
        + "us, p99 %.1f us, mean %.1f us%n", back.p50Us(), back.p90Us(), back.p99Us(), back.meanUs());
    if (back.p50Us() > 10_000) {
      o.printf(Locale.ROOT, "note: the return leg takes tens of ms: Nagle on the broker's socket to a client that also "
          + "publishes (against the client's delayed ACK). Mosquitto: set_tcp_nodelay true%n");
    }
    o.printf(Locale.ROOT, "target runtime p50 <= %.1f ms: %s (%.3f ms)%s%n", r.targetP50Ms(),
        r.targetMet() ? "met" : "MISSED", r.variants().get(0).oneWay().p50Us() / 1e3,
        r.drops().isEmpty() ? "" : "; runtime drops: " + r.drops());
  }
}
