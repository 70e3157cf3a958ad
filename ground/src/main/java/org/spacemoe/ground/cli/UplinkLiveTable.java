package org.spacemoe.ground.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.ops.uplink.UplinkSession.ChunkProgress;
import org.spacemoe.ground.ops.uplink.UplinkSession.SatelliteState;
import org.spacemoe.shared.uplink.UplinkStage;

/**
 * The per-satellite stages of a running uplink (QUEUED, SENT, RECEIVED, VERIFIED, STAGED, ACTIVE, REJECTED with its
 * reason) with each satellite's chunk progress. On a terminal the table is redrawn in place (ANSI cursor-up and
 * clear-line, at most every {@value #REDRAW_MS} ms); otherwise (CI, pipes) one plain line per stage change and a
 * chunk summary every {@value #SUMMARY_MS} ms.
 */
final class UplinkLiveTable {
  static final long REDRAW_MS = 100;
  static final long SUMMARY_MS = 5_000;
  private static final int BAR = 20;
  /** Satellite rows redrawn at most (a taller table would scroll and break the in-place redraw). */
  static final int MAX_ROWS = 30;

  private final PrintStream out;
  private final boolean redraw;
  private final long planVersion;
  private final Map<String, UplinkStage> shown = new HashMap<>();
  private int drawnLines;
  private long lastDrawNs;
  private long lastSummaryNs = System.nanoTime();

  /**
   * @param redraw true to redraw a table in place (a terminal), false for plain lines
   */
  UplinkLiveTable(PrintStream out, boolean redraw, long planVersion) {
    this.out = out;
    this.redraw = redraw;
    this.planVersion = planVersion;
  }

  /** Whether standard output is an interactive terminal (then the table is redrawn in place). */
  static boolean stdoutIsTerminal() {
    return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
  }

  /** Shows the latest states; cheap to call often (redraws are rate-limited). */
  synchronized void update(Map<String, SatelliteState> states, Map<String, ChunkProgress> chunks) {
    if (redraw) {
      if (System.nanoTime() - lastDrawNs >= REDRAW_MS * 1_000_000L) {
        draw(states, chunks);
      }
      return;
    }
    for (Map.Entry<String, SatelliteState> e : states.entrySet()) {
      UplinkStage stage = e.getValue().stage();
      if (stage != shown.put(e.getKey(), stage)) {
        out.println(line(e.getKey(), e.getValue(), chunks.get(e.getKey())));
      }
    }
    if (System.nanoTime() - lastSummaryNs >= SUMMARY_MS * 1_000_000L) {
      lastSummaryNs = System.nanoTime();
      out.println(summary(states, chunks));
    }
    out.flush();
  }

  /** The last redraw (terminal) or the summary line (plain). */
  synchronized void finish(Map<String, SatelliteState> states, Map<String, ChunkProgress> chunks) {
    if (redraw) {
      draw(states, chunks);
    } else {
      out.println(summary(states, chunks));
    }
    out.flush();
  }

  private void draw(Map<String, SatelliteState> states, Map<String, ChunkProgress> chunks) {
    lastDrawNs = System.nanoTime();
    StringBuilder sb = new StringBuilder();
    if (drawnLines > 0) {
      sb.append("\033[").append(drawnLines).append('A');
    }
    List<String> lines = render(states, chunks, MAX_ROWS);
    lines.add(summary(states, chunks));
    for (String l : lines) {
      sb.append("\r\033[2K").append(l).append('\n');
    }
    out.print(sb);
    out.flush();
    drawnLines = lines.size();
  }

  /**
   * Header and one row per satellite: stage, chunks sent of requested, a bar, and the reject reason or detail. With
   * more than {@code maxRows} satellites the rejected and unfinished ones come first and the rest is one line of
   * counts per stage.
   */
  static List<String> render(Map<String, SatelliteState> states, Map<String, ChunkProgress> chunks, int maxRows) {
    List<String> rows = new ArrayList<>();
    rows.add(String.format("%-12s %-9s %13s  %-" + BAR + "s  %s", "satellite", "stage", "chunks", "", "reason / detail"));
    List<Map.Entry<String, SatelliteState>> order = new ArrayList<>(states.entrySet());
    if (order.size() > maxRows) {
      order.sort(java.util.Comparator.comparingInt(e -> urgency(e.getValue().stage())));
    }
    for (Map.Entry<String, SatelliteState> e : order.subList(0, Math.min(order.size(), maxRows))) {
      String sat = e.getKey();
      SatelliteState st = e.getValue();
      ChunkProgress c = chunks.get(sat);
      String count = c == null ? "" : c.requested() < 0 ? "?/" + c.offered() : c.sent() + "/" + c.requested();
      rows.add(String.format("%-12s %-9s %13s  %-" + BAR + "s  %s", sat, st.stage(), count, bar(st, c), why(st)));
    }
    if (order.size() > maxRows) {
      Map<UplinkStage, Integer> rest = new java.util.EnumMap<>(UplinkStage.class);
      order.subList(maxRows, order.size()).forEach(e -> rest.merge(e.getValue().stage(), 1, Integer::sum));
      rows.add("(+" + (order.size() - maxRows) + " more: " + rest.entrySet().stream()
          .map(x -> x.getValue() + " " + x.getKey()).collect(java.util.stream.Collectors.joining(", ")) + ")");
    }
    return rows;
  }

  /** Rejected first, then transfers under way, then waiting, then done. */
  private static int urgency(UplinkStage s) {
    return switch (s) {
      case REJECTED -> 0;
      case RECEIVED, SENT -> 1;
      case QUEUED -> 2;
      case VERIFIED -> 3;
      default -> 4;
    };
  }

  private static String bar(SatelliteState st, ChunkProgress c) {
    double f;
    if (st.stage() == UplinkStage.STAGED || st.stage() == UplinkStage.ACTIVE || st.stage() == UplinkStage.VERIFIED) {
      f = 1;
    } else if (c == null || c.requested() <= 0) {
      f = 0;
    } else {
      f = Math.min(1.0, (double) c.sent() / c.requested());
    }
    int n = (int) Math.round(f * BAR);
    return "#".repeat(n) + ".".repeat(BAR - n);
  }

  private static String why(SatelliteState st) {
    if (st.reason() != null) {
      return st.reason() + ": " + st.detail();
    }
    return st.detail() == null ? "" : st.detail();
  }

  /** One plain progress line: satellite, stage, chunks and reason. */
  String line(String sat, SatelliteState st, ChunkProgress c) {
    String chunks = c == null || c.requested() < 0 ? "" : " (" + c.sent() + "/" + c.requested() + " chunks)";
    return "uplink v" + planVersion + ": " + sat + " " + st.stage() + chunks
        + (st.reason() == null ? "" : " " + st.reason() + ": " + st.detail());
  }

  /** Counts per stage and chunks sent of requested, over all satellites. */
  String summary(Map<String, SatelliteState> states, Map<String, ChunkProgress> chunks) {
    Map<UplinkStage, Integer> by = new java.util.EnumMap<>(UplinkStage.class);
    states.values().forEach(s -> by.merge(s.stage(), 1, Integer::sum));
    long sent = chunks.values().stream().mapToLong(ChunkProgress::sent).sum();
    long requested = chunks.values().stream().mapToLong(c -> Math.max(0, c.requested())).sum();
    StringBuilder sb = new StringBuilder("uplink v" + planVersion + ": ");
    by.forEach((stage, n) -> sb.append(n).append(' ').append(stage).append(", "));
    return sb.append(sent).append('/').append(requested).append(" chunks sent").toString();
  }
}
