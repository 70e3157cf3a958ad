package org.spacemoe.onboard.telemetry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of an ISL mesh node: frames and bytes each hosted satellite forwarded for others (relayed), frames and
 * bytes sent over each link ({@code FROM>TO}, relays and first hops), reroutes (a frame sent to another next hop than
 * the failure-free route's, or taken off a failed link and sent again) and link state changes. Thread-safe.
 */
public final class RelayTelemetry {
  private final Map<String, LongAdder[]> relayed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder[]> perLink = new ConcurrentHashMap<>();
  private final LongAdder reroutes = new LongAdder();
  private final LongAdder linksDown = new LongAdder();
  private final LongAdder linksUp = new LongAdder();
  private final LongAdder noRoute = new LongAdder();
  private final LongAdder arrived = new LongAdder();

  /** A frame crossed a link to a hosted satellite (its destination or a relay). */
  public void arrived() {
    arrived.increment();
  }

  /** Frames that crossed a link to a hosted satellite. */
  public long arrivedFrames() {
    return arrived.sum();
  }

  /** Frames sent over links (all links). */
  public long sentFrames() {
    return linkFrames().values().stream().mapToLong(Long::longValue).sum();
  }

  /** {@code satellite} forwarded a frame of {@code bytes} it was not the destination of. */
  public void relayed(String satellite, int bytes) {
    add(relayed, satellite, bytes);
  }

  /** A frame of {@code bytes} went out over the link {@code from} to {@code to}. */
  public void linkSent(String from, String to, int bytes) {
    add(perLink, from + ">" + to, bytes);
  }

  public void rerouted(int frames) {
    reroutes.add(frames);
  }

  public void linkDown() {
    linksDown.increment();
  }

  public void linkUp() {
    linksUp.increment();
  }

  public void countNoRoute() {
    noRoute.increment();
  }

  private static void add(Map<String, LongAdder[]> m, String key, int bytes) {
    LongAdder[] a = m.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
    a[0].increment();
    a[1].add(bytes);
  }

  /** Frames relayed by each hosted satellite that relayed any. */
  public Map<String, Long> relayedFrames() {
    return column(relayed, 0);
  }

  /** Bytes relayed by each hosted satellite that relayed any. */
  public Map<String, Long> relayedBytes() {
    return column(relayed, 1);
  }

  /** Frames sent over each link used, keyed {@code FROM>TO}. */
  public Map<String, Long> linkFrames() {
    return column(perLink, 0);
  }

  public long relayedFrameCount() {
    return relayed.values().stream().mapToLong(a -> a[0].sum()).sum();
  }

  public long relayedByteCount() {
    return relayed.values().stream().mapToLong(a -> a[1].sum()).sum();
  }

  public long reroutes() {
    return reroutes.sum();
  }

  public long linksDown() {
    return linksDown.sum();
  }

  public long linksUp() {
    return linksUp.sum();
  }

  /** Frames dropped because no route to their destination was left. */
  public long noRoute() {
    return noRoute.sum();
  }

  private static Map<String, Long> column(Map<String, LongAdder[]> m, int i) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, a) -> out.put(k, a[i].sum()));
    return out;
  }
}
