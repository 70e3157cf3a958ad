package org.spacemoe.ground.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.spacemoe.ground.ops.uplink.UplinkSession;

/** Prints per-satellite uplink stages. */
final class StageTable {
  private StageTable() {}

  static void print(PrintWriter o, Map<String, UplinkSession.SatelliteState> states) {
    o.printf("%-12s %-9s %7s %7s  %s%n", "satellite", "stage", "active", "staged", "reason");
    states.forEach((sat, st) -> o.printf("%-12s %-9s %7d %7d  %s%n", sat, st.stage(), st.activeVersion(),
        st.stagedVersion(), st.reason() == null ? "" : st.reason() + ": " + st.detail()));
  }
}
