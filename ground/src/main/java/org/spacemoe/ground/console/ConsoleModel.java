package org.spacemoe.ground.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import org.spacemoe.shared.uplink.MissingChunks;
import org.spacemoe.shared.uplink.StatusReport;

/**
 * What the console knows: the latest heartbeat and uplink report per satellite, the plan's roles, the tokens of the
 * latest sequences with their arrival times. Thread-safe; every change bumps {@link #version()} and wakes
 * {@link #awaitChange} callers.
 */
public final class ConsoleModel {
  static final int MAX_STAGE_CHANGES = 200;
  static final int MAX_SEQUENCES = 16;
  static final int MAX_TOKENS_PER_SEQUENCE = 10_000;
  private static final Pattern PLANE_SLOT = Pattern.compile("p(\\d+)s(\\d+)");

  private String broker;
  private final Map<String, SatelliteTelemetry> heartbeats = new HashMap<>();
  private final Map<String, StatusReport> reports = new HashMap<>();
  private final ArrayDeque<ConsoleState.StageChange> stageChanges = new ArrayDeque<>();
  private final Map<String, List<String>> roles = new TreeMap<>();
  private final LinkedHashMap<Long, Track> sequences = new LinkedHashMap<>();
  private final Map<String, Long> counters = new TreeMap<>();
  private ConsoleState.PlanInfo plan;
  private SlotLinks slotLinks;
  private String linksUnavailable;
  private Integer pinnedSlot;
  private long planNanos;
  private long focus;
  private long latestSequence;
  private long version;

  /** Arrivals of one sequence (System.nanoTime). */
  private static final class Track {
    long startNanos;
    boolean started;
    int expected;
    long firstStep;
    final TreeMap<Long, long[]> arrivals = new TreeMap<>(); // step -> {token, nanos}
    final Map<Long, Double> predicted = new HashMap<>();
  }

  public ConsoleModel(String broker) {
    this.broker = broker;
  }

  /** The broker named on the page. */
  public synchronized void broker(String uri) {
    broker = uri;
    changed();
  }

  /** The plan whose satellites, gateways and experts the console marks. */
  public synchronized void setPlan(PlacementPlan p) {
    roles.clear();
    TreeSet<String> sats = new TreeSet<>();
    for (LayerPlacement l : p.layers()) {
      role(l.gateway(), "L" + l.layer() + " gateway", sats);
      l.standbyGateway().ifPresent(s -> role(s, "L" + l.layer() + " standby", sats));
      for (int e = 0; e < l.experts().size(); e++) {
        for (String s : l.experts().get(e)) {
          role(s, "L" + l.layer() + " expert " + e, sats);
        }
      }
    }
    plan = new ConsoleState.PlanInfo(p.planVersion(), p.layers().get(0).gateway(), p.layers().size(), sats.size());
    planNanos = System.nanoTime();
    try {
      slotLinks = new SlotLinks(p, sats);
      linksUnavailable = null;
    } catch (RuntimeException e) {
      slotLinks = null;
      linksUnavailable = "the plan's constellation '" + p.inputs().constellationSpec() + "' cannot be rebuilt: "
          + e.getMessage();
    }
    changed();
  }

  /**
   * Shows the links of time slot {@code slot} (the slot the nodes are pinned to, as a bench pins them); null: the
   * slot advances with wall time from when the plan was given, time scale 1, as an unpinned node's slot clock.
   */
  public synchronized void pinSlot(Integer slot) {
    pinnedSlot = slot;
    changed();
  }

  private void role(String satellite, String role, TreeSet<String> sats) {
    sats.add(satellite);
    roles.computeIfAbsent(satellite, k -> new ArrayList<>()).add(role);
  }

  /** A heartbeat from a telemetry topic. */
  public synchronized void heartbeat(SatelliteTelemetry t) {
    count("telemetry");
    heartbeats.put(t.satellite(), t);
    changed();
  }

  /** A status report (stage report or heartbeat) from a status topic. */
  public synchronized void status(StatusReport r) {
    count("status");
    if (r.isHeartbeat()) {
      changed();
      return;
    }
    StatusReport before = reports.put(r.satellite(), r);
    if (before == null || before.stage() != r.stage() || before.planVersion() != r.planVersion()) {
      stageChanges.addLast(new ConsoleState.StageChange(r.satellite(), r.stage() == null ? null : r.stage().name(),
          r.planVersion(), r.reason() == null ? null : r.reason().name(), System.currentTimeMillis()));
      while (stageChanges.size() > MAX_STAGE_CHANGES) {
        stageChanges.removeFirst();
      }
    }
    changed();
  }

  /** A message that did not parse. */
  public synchronized void unreadable() {
    count("unreadable");
    changed();
  }

  /** A token frame of sequence {@code seq} that arrived at {@code nanos} (System.nanoTime). */
  public synchronized void token(long seq, ActivationFrame f, long nanos) {
    count("tokens");
    Track t = track(seq);
    if (f.tokens() == null || f.tokens().length == 0 || f.tokenStep() < t.firstStep
        || t.arrivals.containsKey(f.tokenStep())
        || t.arrivals.size() >= MAX_TOKENS_PER_SEQUENCE) {
      return; // a duplicate (the entry re-publishes tokens on a repeated start) or too many
    }
    t.arrivals.put(f.tokenStep(), new long[] {f.tokens()[0], nanos});
    latestSequence = seq;
    changed();
  }

  /**
   * The bench started sequence {@code seq} at {@code nanos} (System.nanoTime) to produce {@code tokens} tokens, the
   * first of them at token step {@code firstStep} (the prompt's last position; earlier steps are not shown).
   */
  public synchronized void sequenceStarted(long seq, long nanos, int tokens, long firstStep) {
    Track t = track(seq);
    t.firstStep = firstStep;
    t.arrivals.headMap(firstStep).clear();
    t.startNanos = nanos;
    t.started = true;
    t.expected = tokens;
    changed();
  }

  /** Shows sequence {@code seq} in the latency view (the bench's timed sequence) instead of the latest one. */
  public synchronized void focus(long seq) {
    focus = seq;
    track(seq);
    changed();
  }

  /** Predicted latency, s, of sequence {@code seq}'s tokens by step. */
  public synchronized void predicted(long seq, Map<Long, Double> byStep) {
    track(seq).predicted.putAll(byStep);
    changed();
  }

  private Track track(long seq) {
    Track t = sequences.get(seq);
    if (t == null) {
      t = new Track();
      sequences.put(seq, t);
      while (sequences.size() > MAX_SEQUENCES) {
        Long oldest = sequences.keySet().stream().filter(k -> k != focus).findFirst().orElse(null);
        if (oldest == null) {
          break;
        }
        sequences.remove(oldest);
      }
    }
    return t;
  }

  private void count(String what) {
    counters.merge(what, 1L, Long::sum);
  }

  private void changed() {
    version++;
    notifyAll();
  }

  public synchronized long version() {
    return version;
  }

  /**
   * Waits until the version differs from {@code seen} or {@code timeoutMs} passed.
   *
   * @return the version now
   */
  public synchronized long awaitChange(long seen, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (version == seen) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return version;
  }

  /** Everything the console shows, now. */
  public synchronized ConsoleState snapshot() {
    TreeSet<String> names = new TreeSet<>(heartbeats.keySet());
    names.addAll(reports.keySet());
    names.addAll(roles.keySet());
    List<ConsoleState.Satellite> sats = new ArrayList<>();
    Map<String, Long> drops = new TreeMap<>();
    for (String n : names) {
      SatelliteTelemetry h = heartbeats.get(n);
      StatusReport r = reports.get(n);
      boolean reportNewer = r != null && (h == null || r.timestampMs() > h.timestampMs());
      long active = reportNewer ? r.activePlanVersion() : h == null ? 0 : h.activePlanVersion();
      long staged = reportNewer ? r.stagedPlanVersion() : h == null ? 0 : h.stagedPlanVersion();
      long missing = 0;
      if (r != null) {
        for (MissingChunks m : r.missing().values()) {
          missing += m.count();
        }
      }
      Matcher m = PLANE_SLOT.matcher(n);
      boolean grid = m.matches();
      if (h != null && h.droppedFrames() != null) {
        h.droppedFrames().forEach((reason, c) -> {
          if (c != null) {
            drops.merge(reason, c, Math::max);
          }
        });
      }
      sats.add(new ConsoleState.Satellite(n, grid ? Integer.valueOf(m.group(1)) : null,
          grid ? Integer.valueOf(m.group(2)) : null, h == null || h.health() == null ? "UNKNOWN" : h.health(),
          h == null ? null : h.reason(), active, staged, h == null ? 0 : h.timestampMs(),
          r == null || r.stage() == null ? null : r.stage().name(), r == null ? 0 : r.planVersion(), missing,
          r == null ? null : r.detail(), r == null || r.reason() == null ? null : r.reason().name(),
          roles.containsKey(n), List.copyOf(roles.getOrDefault(n, List.of())), h == null ? 0 : h.droppedTotal()));
    }
    return new ConsoleState(version, System.currentTimeMillis(), broker, plan, sats, drops,
        List.copyOf(stageChanges), latency(), new TreeMap<>(counters), links(), hops());
  }

  private ConsoleState.Links links() {
    if (plan == null) {
      return null;
    }
    if (slotLinks == null) {
      return new ConsoleState.Links(-1, 0, null, 0, 0, List.of(), linksUnavailable);
    }
    int count = slotLinks.slotCount();
    String rule = pinnedSlot != null ? "pinned" : "clock";
    if (pinnedSlot != null && (pinnedSlot < 0 || pinnedSlot >= count)) {
      return new ConsoleState.Links(-1, count, rule, slotLinks.slotLengthS(), slotLinks.survivalProbability(),
          List.of(), "slot " + pinnedSlot + " is not among the plan's " + count + " slots");
    }
    // the rule of the onboard SlotClock: orbit time = wall time / time scale, slot = floor(orbit / length) mod slots
    int slot = pinnedSlot != null ? pinnedSlot
        : (int) (Math.floor((System.nanoTime() - planNanos) / 1e9 / slotLinks.slotLengthS()) % count);
    return new ConsoleState.Links(slot, count, rule, slotLinks.slotLengthS(), slotLinks.survivalProbability(),
        slotLinks.at(slot), null);
  }

  /**
   * Mean per-hop times by layer. Hop totals are per hosting process and every satellite of one process reports the
   * same ones: equal totals are counted once.
   */
  private List<ConsoleState.LayerHops> hops() {
    Map<Integer, java.util.Set<SatelliteTelemetry.LayerHops>> distinct = new TreeMap<>();
    for (SatelliteTelemetry h : heartbeats.values()) {
      if (h.hopsByLayer() != null) {
        h.hopsByLayer().forEach((layer, totals) -> {
          if (layer != null && totals != null && totals.hops() > 0) {
            distinct.computeIfAbsent(layer, k -> new java.util.HashSet<>()).add(totals);
          }
        });
      }
    }
    List<ConsoleState.LayerHops> out = new ArrayList<>();
    distinct.forEach((layer, set) -> {
      long n = 0;
      double c = 0;
      double l = 0;
      double q = 0;
      for (SatelliteTelemetry.LayerHops t : set) {
        n += t.hops();
        c += t.computeMs();
        l += t.linkMs();
        q += t.queueMs();
      }
      out.add(new ConsoleState.LayerHops(layer, n, c / n, l / n, q / n));
    });
    return out;
  }

  private ConsoleState.Latency latency() {
    long shown = focus != 0 ? focus : latestSequence;
    Track t = sequences.get(shown);
    if (t == null) {
      return new ConsoleState.Latency(0, sequences.size(), 0, 0, List.of(), null, null);
    }
    List<ConsoleState.TokenPoint> points = new ArrayList<>();
    long prev = t.startNanos;
    boolean known = t.started;
    int index = 0;
    int measured = 0;
    int measuredForMean = 0;
    double measuredSum = 0;
    double predictedSum = 0;
    int predictedCount = 0;
    for (Map.Entry<Long, long[]> e : t.arrivals.entrySet()) {
      long nanos = e.getValue()[1];
      Double s = known ? (nanos - prev) / 1e9 : null;
      prev = nanos;
      known = true;
      Double p = t.predicted.get(e.getKey());
      points.add(new ConsoleState.TokenPoint(++index, e.getKey(), (int) e.getValue()[0], s, p));
      if (s != null) {
        measured++;
        if (index > 1) {
          measuredSum += s; // the mean leaves the first token out, as the bench report does (it holds the prompt)
          measuredForMean++;
        }
      }
      if (p != null) {
        predictedCount++;
        predictedSum += p;
      }
    }
    return new ConsoleState.Latency(shown, sequences.size(), t.expected, measured, points,
        measuredForMean == 0 ? null : measuredSum / measuredForMean, predictedCount == 0 ? null : predictedSum / predictedCount);
  }
}
