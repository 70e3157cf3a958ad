package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.shared.uplink.UplinkStage;

/** Prints per-satellite uplink stages. */
final class StageTable {
  private StageTable() {}

  static void print(PrintWriter o, Map<String, UplinkSession.SatelliteState> states) {
    o.printf("%-12s %-9s %7s %7s  %s%n", "satellite", "stage", "active", "staged", "reason");
    states.forEach((sat, st) -> o.printf("%-12s %-9s %7d %7d  %s%n", sat, st.stage(), st.activeVersion(),
        st.stagedVersion(), st.reason() == null ? "" : st.reason() + ": " + st.detail()));
  }

  /**
   * The plan version each satellite reported running, for example {@code now on v1: every satellite} or
   * {@code now on v2: 9 satellites; v1: p00s03; no answer: p01s00}.
   */
  static String versionsNow(Map<String, UplinkSession.SatelliteState> states) {
    Map<Long, List<String>> byVersion = new TreeMap<>((a, b) -> Long.compare(b, a));
    List<String> silent = new ArrayList<>();
    states.forEach((sat, st) -> {
      if (st.stage() == UplinkStage.SENT) {
        silent.add(sat);
      } else {
        byVersion.computeIfAbsent(st.activeVersion(), v -> new ArrayList<>()).add(sat);
      }
    });
    if (silent.isEmpty() && byVersion.size() == 1) {
      long v = byVersion.keySet().iterator().next();
      return "now on " + (v == 0 ? "no plan" : "v" + v) + ": every satellite";
    }
    List<String> parts = new ArrayList<>();
    byVersion.forEach((v, sats) -> parts.add((v == 0 ? "no plan" : "v" + v) + ": " + names(sats)));
    if (!silent.isEmpty()) {
      parts.add("no answer: " + names(silent));
    }
    return "now on " + String.join("; ", parts);
  }

  private static String names(List<String> sats) {
    return sats.size() > 4 ? sats.size() + " satellites" : String.join(", ", sats);
  }
}
