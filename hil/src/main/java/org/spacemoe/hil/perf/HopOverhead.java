package org.spacemoe.hil.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import org.spacemoe.hil.broker.EmbeddedBroker;
import org.spacemoe.onboard.runtime.HopPath;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.MqttFrameTransport;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.TensorCodec;

/**
 * Runtime overhead of one hop: an FP32 hidden state sent from a gateway satellite to an expert satellite through
 * the runtime's real path ({@link HopPath}: frame, codec, {@link MqttFrameTransport}, broker, dispatcher, serial
 * executor, expert role) against bare Paho v5 publish/subscribe of the same number of bytes through the same
 * broker, in the same run. Every message is sent alone (the next one only after the previous hop is over) and
 * timed one way with {@link System#nanoTime()} (sender and receiver in this process); the variants take turns in
 * rounds so that background load falls on all of them alike.
 */
public final class HopOverhead {
  /** The runtime's path. */
  public static final String RUNTIME = "runtime";
  /** Bare Paho, QoS 1, TCP_NODELAY: the baseline. */
  public static final String BARE = "bare-qos1-nodelay";
  /** Bare Paho, QoS 1, Nagle on (Paho's default socket). */
  public static final String BARE_NAGLE = "bare-qos1-nagle";
  /** Bare Paho, QoS 0, TCP_NODELAY. */
  public static final String BARE_QOS0 = "bare-qos0-nodelay";

  private static final long TIMEOUT_MS = 5_000;

  private HopOverhead() {}

  /**
   * @param broker {@code embedded} or {@code tcp://HOST:PORT}
   * @param payloadBytes tensor payload of a frame (FP32: payloadBytes / 4 floats in one row)
   * @param messages timed messages per variant (Nagle variant: {@code nagleMessages})
   * @param warmup untimed messages per variant before the first round
   * @param rounds the timed messages of each variant are split into this many turns
   * @param nagleMessages timed messages of the variant without TCP_NODELAY (slow: tens of ms each)
   * @param pauseMicros idle time between two messages
   */
  public record Options(String broker, int payloadBytes, int messages, int warmup, int rounds, int nagleMessages,
      long pauseMicros) {}

  /**
   * One way of moving the bytes and its one-way latencies.
   *
   * @param name {@link #RUNTIME}, {@link #BARE}, {@link #BARE_NAGLE} or {@link #BARE_QOS0}
   * @param path what is timed
   * @param lost messages that did not arrive within 5 s (not in the statistics)
   */
  public record Variant(String name, String path, int qos, boolean tcpNoDelay, int wireBytes, int lost,
      LatencyStats oneWay) {}

  /** {@code runtime - baseline} in microseconds and {@code runtime / baseline}, per percentile. */
  public record Difference(String baseline, double p50Us, double p90Us, double p99Us, double meanUs,
      double p50Ratio, double p90Ratio, double p99Ratio, double meanRatio) {}

  /**
   * Where the runtime's time goes, means over the timed hops. {@code transportUs} and {@code dispatchUs} come from
   * the receiving node's telemetry (link and queue time of its hops); {@code senderUs} is the rest: building and
   * encoding the frame before the transport is called. {@code encodeUs} and {@code decodeUs} time the codec alone
   * on the same frame in a loop.
   *
   * @param totalUs mean one-way latency of the runtime
   * @param transportUs after encoding to the receiving client's {@code messageArrived} (MqttFrameTransport, Paho,
   *     broker)
   * @param dispatchUs {@code messageArrived} to the expert role's start: decode, plan check, hand-over to the
   *     satellite's serial executor on the node's pool
   * @param senderUs the remainder: frame construction and encoding on the sender
   */
  public record Breakdown(long hops, double totalUs, double transportUs, double dispatchUs, double senderUs,
      double encodeUs, double decodeUs) {}

  /**
   * @param frameBytes encoded frame: 44-byte header + payload + 4-byte CRC; the bare variants publish this many
   *     bytes (the runtime adds two MQTT user properties, about 50 bytes)
   * @param runtimeVsBare runtime against {@link #BARE}
   * @param responseTransport the runtime's untimed return leg (the expert's response to the gateway satellite), from
   *     the expert's transport call to the gateway client's {@code messageArrived}: the same link the other way,
   *     on clients that both publish and receive
   * @param targetMet runtime median one-way <= {@code targetP50Ms}
   * @param drops the runtime's drops by reason (expected empty)
   */
  public record Result(String broker, int payloadBytes, int frameBytes, int messages, int warmup, int rounds,
      int nagleMessages, long pauseMicros, List<Variant> variants, Difference runtimeVsBare, Breakdown runtime,
      LatencyStats responseTransport, double targetP50Ms, boolean targetMet, Map<String, Long> drops, double wallSeconds) {}

  /** Upper bound of the runtime's median one-way latency on loopback. */
  public static final double TARGET_P50_MS = 1.0;

  /** A timed path: sends one message and returns its one-way latency in ns, or -1 if it was lost. */
  private interface Hop extends AutoCloseable {
    long oneWay() throws Exception;

    @Override
    void close();
  }

  private record Spec(String name, String path, int qos, boolean noDelay, int wireBytes, int messages, int warmup,
      Hop hop) {}

  /** Total messages {@link #run} sends (for progress). */
  public static int totalMessages(Options o) {
    return 3 * (o.warmup() + o.messages()) + nagleWarmup(o) + o.nagleMessages();
  }

  private static int nagleWarmup(Options o) {
    return Math.min(o.warmup(), Math.max(1, o.nagleMessages() / 10));
  }

  public static Result run(Options o, IntConsumer progress) throws Exception {
    long start = System.nanoTime();
    int floats = o.payloadBytes() / 4;
    float[] hidden = new float[floats];
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < floats; i++) {
      hidden[i] = (float) rnd.nextGaussian();
    }
    ActivationFrameCodec codec = new ActivationFrameCodec();
    ActivationFrame frame = ActivationFrame.expertRequest(HopPath.PLAN_VERSION, 0, 0, 0, 0, TensorCodec.FP32, 1,
        floats, hidden);
    byte[] wire = codec.encode(frame);
    double[] codecUs = codecMicros(codec, frame);

    EmbeddedBroker embedded = "embedded".equals(o.broker()) ? EmbeddedBroker.launch() : null;
    String uri = embedded != null ? embedded.uri() : o.broker();
    List<Spec> specs = new ArrayList<>();
    NodeTelemetry expertTelemetry = new NodeTelemetry();
    NodeTelemetry gatewayTelemetry = new NodeTelemetry();
    try {
      specs.add(new Spec(RUNTIME, "ActivationFrame + codec + Outbox + MqttFrameTransport -> broker -> "
          + "MqttFrameTransport + FrameDispatcher (decode) + SerialExecutor + ExpertRole", 1, true, wire.length,
          o.messages(), o.warmup(), new RuntimeHop(uri, hidden, expertTelemetry, gatewayTelemetry)));
      specs.add(bare(uri, BARE, 1, true, wire, o.messages(), o.warmup()));
      specs.add(bare(uri, BARE_NAGLE, 1, false, wire, o.nagleMessages(), nagleWarmup(o)));
      specs.add(bare(uri, BARE_QOS0, 0, true, wire, o.messages(), o.warmup()));
      int[] done = {0};
      for (Spec s : specs) {
        for (int i = 0; i < s.warmup(); i++) {
          s.hop().oneWay();
          pause(o);
          progress.accept(++done[0]);
        }
      }
      RuntimeHop runtimeHop = (RuntimeHop) specs.get(0).hop();
      runtimeHop.record();
      double[] before = runtimeTotals(expertTelemetry);
      Map<String, long[]> samples = new LinkedHashMap<>();
      Map<String, int[]> counts = new LinkedHashMap<>();
      for (Spec s : specs) {
        samples.put(s.name(), new long[s.messages()]);
        counts.put(s.name(), new int[2]);
      }
      for (int r = 0; r < o.rounds(); r++) {
        for (int k = 0; k < specs.size(); k++) {
          Spec s = specs.get((k + r) % specs.size());
          int from = s.messages() * r / o.rounds();
          int to = s.messages() * (r + 1) / o.rounds();
          long[] lat = samples.get(s.name());
          int[] c = counts.get(s.name());
          for (int i = from; i < to; i++) {
            long ns = s.hop().oneWay();
            if (ns < 0) {
              c[1]++;
            } else {
              lat[c[0]++] = ns;
            }
            pause(o);
            progress.accept(++done[0]);
          }
        }
      }
      double[] after = runtimeTotals(expertTelemetry);
      List<Variant> variants = new ArrayList<>();
      for (Spec s : specs) {
        int[] c = counts.get(s.name());
        variants.add(new Variant(s.name(), s.path(), s.qos(), s.noDelay(), s.wireBytes(), c[1],
            LatencyStats.ofNanos(samples.get(s.name()), c[0])));
      }
      LatencyStats rt = variants.get(0).oneWay();
      LatencyStats base = variants.get(1).oneWay();
      Difference diff = new Difference(BARE, rt.p50Us() - base.p50Us(), rt.p90Us() - base.p90Us(),
          rt.p99Us() - base.p99Us(), rt.meanUs() - base.meanUs(), rt.p50Us() / base.p50Us(),
          rt.p90Us() / base.p90Us(), rt.p99Us() / base.p99Us(), rt.meanUs() / base.meanUs());
      long hops = (long) (after[0] - before[0]);
      double transport = hops == 0 ? Double.NaN : (after[2] - before[2]) * 1e3 / hops;
      double dispatch = hops == 0 ? Double.NaN : (after[3] - before[3]) * 1e3 / hops;
      Breakdown b = new Breakdown(hops, rt.meanUs(), transport, dispatch, rt.meanUs() - transport - dispatch,
          codecUs[0], codecUs[1]);
      Map<String, Long> drops = new LinkedHashMap<>(expertTelemetry.dropsByReason());
      gatewayTelemetry.dropsByReason().forEach((k, v) -> drops.merge("gateway:" + k, v, Long::sum));
      return new Result(o.broker(), o.payloadBytes(), wire.length, o.messages(), o.warmup(), o.rounds(),
          o.nagleMessages(), o.pauseMicros(), variants, diff, b, runtimeHop.responses(), TARGET_P50_MS, rt.p50Us() <= TARGET_P50_MS * 1e3,
          drops, (System.nanoTime() - start) / 1e9);
    } finally {
      for (Spec s : specs) {
        s.hop().close();
      }
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static Spec bare(String uri, String name, int qos, boolean noDelay, byte[] wire, int messages, int warmup)
      throws Exception {
    BarePaho p = new BarePaho(uri, "spacemoe/v1/bench/" + name, qos, noDelay);
    Hop hop = new Hop() {
      @Override
      public long oneWay() throws Exception {
        return p.oneWay(wire, TIMEOUT_MS);
      }

      @Override
      public void close() {
        p.close();
      }
    };
    return new Spec(name, "Paho publish -> broker -> Paho messageArrived, " + wire.length + " bytes", qos, noDelay,
        wire.length, messages, warmup, hop);
  }

  private static void pause(Options o) {
    if (o.pauseMicros() > 0) {
      LockSupport.parkNanos(o.pauseMicros() * 1_000);
    }
  }

  /** The expert node's layer-0 totals: hops, compute ms, link ms, queue ms. */
  private static double[] runtimeTotals(NodeTelemetry t) {
    double[] v = t.perLayerTotalsMs().get(0);
    return v == null ? new double[4] : v.clone();
  }

  /** Best mean over 20 batches of 500: encode and decode of {@code frame}, microseconds. */
  private static double[] codecMicros(ActivationFrameCodec codec, ActivationFrame frame) {
    byte[] wire = codec.encode(frame);
    double bestEnc = Double.MAX_VALUE;
    double bestDec = Double.MAX_VALUE;
    long sink = 0;
    for (int batch = 0; batch < 20; batch++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < 500; i++) {
        sink += codec.encode(frame).length;
      }
      long t1 = System.nanoTime();
      for (int i = 0; i < 500; i++) {
        sink += codec.decode(wire).cols();
      }
      long t2 = System.nanoTime();
      bestEnc = Math.min(bestEnc, (t1 - t0) / 500e3);
      bestDec = Math.min(bestDec, (t2 - t1) / 500e3);
    }
    if (sink == 42) {
      System.err.print("");
    }
    return new double[] {bestEnc, bestDec};
  }

  /** The runtime's path between two satellites on their own transports. */
  private static final class RuntimeHop implements Hop {
    private final HopPath path;
    private final float[] hidden;
    private final Semaphore atExpert = new Semaphore(0);
    private final Semaphore responses = new Semaphore(0);
    private volatile long arrivedAt;
    private volatile long responseTransit;
    private long sequence;
    private boolean recording;
    private long[] responseNanos = new long[0];
    private int responseCount;

    RuntimeHop(String uri, float[] hidden, NodeTelemetry expertTelemetry, NodeTelemetry gatewayTelemetry) {
      this.hidden = hidden;
      ExpertExecutor expert = new ExpertExecutor() {
        @Override
        public float[] run(float[] x) {
          arrivedAt = System.nanoTime();
          atExpert.release();
          return x;
        }

        @Override
        public void close() {}
      };
      path = new HopPath(new MqttFrameTransport(uri, null, null, 4096, gatewayTelemetry),
          new MqttFrameTransport(uri, null, null, 4096, expertTelemetry), hidden.length, expert,
          (sat, from, frame, sentAt, arrived) -> {
            responseTransit = arrived - sentAt;
            responses.release();
          }, expertTelemetry);
      try {
        path.start();
      } catch (RuntimeException e) {
        path.close();
        throw e;
      }
    }

    /**
     * Sends one request; the latency ends when the expert role runs the executor. Waits for the expert's
     * response back at the gateway (untimed) so that the next request finds the path idle.
     */
    @Override
    public long oneWay() throws InterruptedException {
      atExpert.drainPermits();
      responses.drainPermits();
      long t0 = System.nanoTime();
      path.sendRequest(sequence++, 0, hidden);
      if (!atExpert.tryAcquire(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        return -1;
      }
      long ns = arrivedAt - t0;
      if (responses.tryAcquire(TIMEOUT_MS, TimeUnit.MILLISECONDS) && recording) {
        if (responseCount == responseNanos.length) {
          responseNanos = java.util.Arrays.copyOf(responseNanos, Math.max(64, 2 * responseCount));
        }
        responseNanos[responseCount++] = responseTransit;
      }
      return ns;
    }

    /** From now on, record the transport time of the expert's responses (after warm-up). */
    void record() {
      recording = true;
    }

    LatencyStats responses() {
      return LatencyStats.ofNanos(responseNanos, responseCount);
    }

    @Override
    public void close() {
      path.close();
    }
  }
}
