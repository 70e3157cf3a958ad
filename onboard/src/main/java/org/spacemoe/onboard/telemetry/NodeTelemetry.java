package org.spacemoe.onboard.telemetry;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and timing sums of one process: dropped frames by reason, decode errors by frame error, expert
 * activations per layer and expert, and per-hop time split into compute, link and queue (ns). Thread-safe.
 */
public final class NodeTelemetry {
  private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
  private final Map<String, LongAdder> frameErrors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> expertActivations = new ConcurrentHashMap<>();
  private final LongAdder hops = new LongAdder();
  private final Map<Integer, LongAdder[]> perLayer = new ConcurrentHashMap<>();
  private final LongAdder computeNs = new LongAdder();
  private final LongAdder linkNs = new LongAdder();
  private final LongAdder queueNs = new LongAdder();
  private final AtomicLong framesReceived = new AtomicLong();
  private final AtomicLong framesSent = new AtomicLong();
  private final LongAdder expertFailovers = new LongAdder();
  private final Map<String, LongAdder> duplicates = new ConcurrentHashMap<>();
  private final LongAdder resentAfterReconnect = new LongAdder();
  private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
  private final LongAdder gatewayFailovers = new LongAdder();
  private final LongAdder rebuiltSteps = new LongAdder();
  private final Map<String, LongAdder> sequenceFailures = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> commandRefusals = new ConcurrentHashMap<>();
  private volatile SeriesListener listener = (series, key) -> {};
  private final org.spacemoe.onboard.telemetry.RelayTelemetry relays = new org.spacemoe.onboard.telemetry.RelayTelemetry();

  /** The ISL mesh counters (zero in shared-broker mode). */
  public org.spacemoe.onboard.telemetry.RelayTelemetry relays() {
    return relays;
  }

  /** A family of keyed counters whose keys appear as they are first counted. */
  public enum Series {
    /** {@link #frameError}: key a {@code FrameError} name. */
    FRAME_ERROR,
    /** {@link #duplicateIgnored}: key a frame kind or role name. */
    DUPLICATE,
    /** {@link #retried}: key a frame kind (or {@code PUBLISH_REFUSED}). */
    RETRY,
    /** {@link #sequenceFailed}: key a {@code SequenceErrorReason} name. */
    SEQUENCE_FAILURE,
    /** {@link #expertActivated}: key {@code layer/expert}. */
    EXPERT_ACTIVATION,
    /** {@link #hop}: key the layer. */
    LAYER,
    /** {@link #commandRefused}: key a command refusal reason. */
    COMMAND_REFUSAL
  }

  /** Told once for each new key of a {@link Series} (so meters can follow the keys as they appear). */
  @FunctionalInterface
  public interface SeriesListener {
    void added(Series series, String key);
  }

  public NodeTelemetry() {
    for (DropReason r : DropReason.values()) {
      drops.put(r, new LongAdder());
    }
  }

  /**
   * From now on {@code l} hears of each new key; it is told at once of the keys counted so far. One listener (the
   * last set); it must not block.
   */
  public synchronized void listen(SeriesListener l) {
    listener = l;
    frameErrors.keySet().forEach(k -> l.added(Series.FRAME_ERROR, k));
    duplicates.keySet().forEach(k -> l.added(Series.DUPLICATE, k));
    retries.keySet().forEach(k -> l.added(Series.RETRY, k));
    sequenceFailures.keySet().forEach(k -> l.added(Series.SEQUENCE_FAILURE, k));
    expertActivations.keySet().forEach(k -> l.added(Series.EXPERT_ACTIVATION, k));
    perLayer.keySet().forEach(k -> l.added(Series.LAYER, Integer.toString(k)));
  }

  /** The adder of {@code key} in {@code map}, created (and announced) on first use. */
  private LongAdder adder(Map<String, LongAdder> map, Series series, String key) {
    LongAdder a = map.get(key);
    if (a != null) {
      return a;
    }
    boolean[] created = {false};
    a = map.computeIfAbsent(key, k -> {
      created[0] = true;
      return new LongAdder();
    });
    if (created[0]) {
      listener.added(series, key);
    }
    return a;
  }

  public void dropped(DropReason reason) {
    drops.get(reason).increment();
  }

  public void frameError(String error) {
    adder(frameErrors, Series.FRAME_ERROR, error).increment();
    dropped(DropReason.MALFORMED);
  }

  public void expertActivated(int layer, int expert) {
    adder(expertActivations, Series.EXPERT_ACTIVATION, layer + "/" + expert).increment();
  }

  /**
   * One hop handled for {@code layer}: its link time (send decision to arrival, including the emulated hold),
   * queue time (arrival to start) and compute time, ns.
   */
  public void hop(int layer, long linkNanos, long queueNanos, long computeNanos) {
    hops.increment();
    linkNs.add(Math.max(0, linkNanos));
    queueNs.add(Math.max(0, queueNanos));
    computeNs.add(Math.max(0, computeNanos));
    LongAdder[] a = perLayer.get(layer);
    if (a == null) {
      boolean[] created = {false};
      a = perLayer.computeIfAbsent(layer, k -> {
        created[0] = true;
        return new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
      });
      if (created[0]) {
        listener.added(Series.LAYER, Integer.toString(layer));
      }
    }
    a[0].increment();
    a[1].add(Math.max(0, computeNanos));
    a[2].add(Math.max(0, linkNanos));
    a[3].add(Math.max(0, queueNanos));
  }

  /** Per layer: hops, and total compute, link and queue time, ms. */
  public Map<Integer, double[]> perLayerTotalsMs() {
    Map<Integer, double[]> m = new TreeMap<>();
    perLayer.forEach((l, a) -> m.put(l, new double[] {a[0].sum(), a[1].sum() / 1e6, a[2].sum() / 1e6, a[3].sum() / 1e6}));
    return m;
  }

  public void received() {
    framesReceived.incrementAndGet();
  }

  public void sent() {
    framesSent.incrementAndGet();
  }

  /** A gateway re-sent an expert request to another copy after the first copy timed out. */
  public void expertFailover() {
    expertFailovers.increment();
  }

  /**
   * A frame already applied arrived again (a duplicate on the wire, a re-send after a lost acknowledgement, a
   * second start or ring closure) and was ignored; {@code kind} names what was duplicated (frame kind or role).
   */
  public void duplicateIgnored(String kind) {
    adder(duplicates, Series.DUPLICATE, kind).increment();
  }

  /** Publishes not acknowledged when the broker connection dropped, queued to be sent again. */
  public void resentAfterReconnect(int frames) {
    resentAfterReconnect.add(frames);
  }

  public long resentAfterReconnect() {
    return resentAfterReconnect.sum();
  }

  /**
   * A frame sent again because its acknowledgement (or the expert's output) did not come in time, or a transport
   * retry ({@code RESUBSCRIBE}, {@code CLIENT_REBUILT}, {@code PUBLISH_REFUSED}).
   */
  public void retried(String kind) {
    adder(retries, Series.RETRY, kind).increment();
  }

  /** Re-sends after a missed deadline, by frame kind. */
  public Map<String, Long> retriesByKind() {
    Map<String, Long> m = new TreeMap<>();
    retries.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** A layer's hidden state went to the standby gateway because the gateway missed its deadlines. */
  public void gatewayFailover() {
    gatewayFailovers.increment();
  }

  public long gatewayFailovers() {
    return gatewayFailovers.sum();
  }

  /** A gateway rebuilt {@code steps} steps of a sequence's KV cache from the history a predecessor sent. */
  public void rebuilt(long steps) {
    rebuiltSteps.add(steps);
  }

  public long rebuiltSteps() {
    return rebuiltSteps.sum();
  }

  /** A ground command refused, by its reason ({@code RejectReason} name). */
  public void commandRefused(String reason) {
    adder(commandRefusals, Series.COMMAND_REFUSAL, reason).increment();
  }

  /** Ground commands refused, by reason. */
  public Map<String, Long> commandRefusals() {
    Map<String, Long> m = new TreeMap<>();
    commandRefusals.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** A sequence this node was working on failed, with the reason it published. */
  public void sequenceFailed(String reason) {
    adder(sequenceFailures, Series.SEQUENCE_FAILURE, reason).increment();
  }

  public Map<String, Long> sequenceFailures() {
    Map<String, Long> m = new TreeMap<>();
    sequenceFailures.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Duplicates ignored, by what was duplicated. */
  public Map<String, Long> duplicatesIgnoredByKind() {
    Map<String, Long> m = new TreeMap<>();
    duplicates.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Duplicates ignored in all. */
  public long duplicatesIgnored() {
    return duplicates.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Expert requests re-sent to another copy after a timeout. */
  public long expertFailovers() {
    return expertFailovers.sum();
  }

  /** The count of one key of {@code series} (0 if not counted yet); for meters read at scrape time. */
  public double count(Series series, String key) {
    LongAdder a = switch (series) {
      case FRAME_ERROR -> frameErrors.get(key);
      case DUPLICATE -> duplicates.get(key);
      case RETRY -> retries.get(key);
      case SEQUENCE_FAILURE -> sequenceFailures.get(key);
      case EXPERT_ACTIVATION -> expertActivations.get(key);
      case COMMAND_REFUSAL -> commandRefusals.get(key);
      case LAYER -> {
        LongAdder[] l = perLayer.get(Integer.parseInt(key));
        yield l == null ? null : l[0];
      }
    };
    return a == null ? 0 : a.sum();
  }

  /** One layer's total time of a hop phase ({@code 1} compute, {@code 2} link, {@code 3} queue), ns. */
  public double layerNanos(int layer, int phase) {
    LongAdder[] l = perLayer.get(layer);
    return l == null ? 0 : l[phase].sum();
  }

  public long dropCount(DropReason reason) {
    return drops.get(reason).sum();
  }

  /** Non-zero drop counters by reason name (plus frame errors as {@code MALFORMED:<error>}). */
  public Map<String, Long> dropsByReason() {
    Map<String, Long> m = new TreeMap<>();
    drops.forEach((r, a) -> {
      if (a.sum() > 0) {
        m.put(r.name(), a.sum());
      }
    });
    frameErrors.forEach((e, a) -> m.put("MALFORMED:" + e, a.sum()));
    return m;
  }

  public Map<String, Long> expertActivations() {
    Map<String, Long> m = new TreeMap<>();
    expertActivations.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Mean per-hop times, ms. */
  public Map<String, Double> perHopMs() {
    long n = Math.max(1, hops.sum());
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("computeMs", computeNs.sum() / 1e6 / n);
    m.put("linkMs", linkNs.sum() / 1e6 / n);
    m.put("queueMs", queueNs.sum() / 1e6 / n);
    return m;
  }

  public long hopCount() {
    return hops.sum();
  }

  public long framesReceived() {
    return framesReceived.get();
  }

  public long framesSent() {
    return framesSent.get();
  }
}
