package org.spacemoe.ground.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import org.spacemoe.shared.uplink.StatusReport;

/**
 * What the ground knows of one satellite: its latest heartbeat (null if none heard) and its latest uplink report
 * (stage, plan version, and the reject reason code and detail when it refused a plan).
 *
 * @param activePlanVersion active plan version from the newer of the heartbeat and the uplink report (0: none)
 * @param stagedPlanVersion staged plan version from the newer of the two (0: none)
 * @param lastUplinkStage stage of the latest uplink report, or null if none heard
 * @param lastUplinkPlanVersion plan version that report is about (0: none)
 * @param rejectReason {@code RejectReason} name when that report is a rejection, else null
 * @param rejectDetail the satellite's explanation of the rejection, else null
 */
public record SatelliteStatus(String satellite, SatelliteTelemetry heartbeat, long activePlanVersion,
    long stagedPlanVersion, String lastUplinkStage, long lastUplinkPlanVersion, String rejectReason,
    String rejectDetail) {

  /** Every satellite heard on either topic, sorted by name. */
  public static List<SatelliteStatus> merge(Map<String, SatelliteTelemetry> heartbeats,
      Map<String, StatusReport> uplink) {
    TreeSet<String> names = new TreeSet<>(heartbeats.keySet());
    names.addAll(uplink.keySet());
    List<SatelliteStatus> out = new ArrayList<>();
    for (String n : names) {
      StatusReport u = uplink.get(n);
      SatelliteTelemetry h = heartbeats.get(n);
      boolean reportNewer = u != null && (h == null || u.timestampMs() > h.timestampMs());
      long active = reportNewer ? u.activePlanVersion() : h == null ? 0 : h.activePlanVersion();
      long staged = reportNewer ? u.stagedPlanVersion() : h == null ? 0 : h.stagedPlanVersion();
      out.add(new SatelliteStatus(n, h, active, staged, u == null || u.stage() == null ? null : u.stage().name(),
          u == null ? 0 : u.planVersion(), u == null || u.reason() == null ? null : u.reason().name(),
          u == null || u.reason() == null ? null : u.detail()));
    }
    return out;
  }
}
