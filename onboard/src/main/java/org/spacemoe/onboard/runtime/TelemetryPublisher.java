package org.spacemoe.onboard.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.FrameTransport;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;

/**
 * Publishes one retained heartbeat per hosted satellite: plan versions, health, drop counters and the
 * activation counts of the experts that satellite hosts. A failure to publish is counted by the transport,
 * never thrown.
 */
public final class TelemetryPublisher implements Runnable {
  private static final ObjectMapper JSON = PlanJson.mapper();

  private final List<String> satellites;
  private final FrameTransport transport;
  private final NodeTelemetry telemetry;
  private final Supplier<Map<String, Object>> health;
  private final Supplier<long[]> planVersions;
  private final Function<String, List<int[]>> expertsOf;

  /**
   * @param planVersions {active, staged}
   * @param expertsOf {layer, expert} pairs a satellite hosts in the active plan
   */
  public TelemetryPublisher(List<String> satellites, FrameTransport transport, NodeTelemetry telemetry,
      Supplier<Map<String, Object>> health, Supplier<long[]> planVersions, Function<String, List<int[]>> expertsOf) {
    this.satellites = List.copyOf(satellites);
    this.transport = transport;
    this.telemetry = telemetry;
    this.health = health;
    this.planVersions = planVersions;
    this.expertsOf = expertsOf;
  }

  @Override
  public void run() {
    try {
      Map<String, Object> h = health.get();
      long[] versions = planVersions.get();
      Map<String, Long> activations = telemetry.expertActivations();
      Map<String, Long> drops = telemetry.dropsByReason();
      Map<Integer, SatelliteTelemetry.LayerHops> hops = new TreeMap<>();
      telemetry.perLayerTotalsMs().forEach((layer, a) ->
          hops.put(layer, new SatelliteTelemetry.LayerHops((long) a[0], a[1], a[2], a[3])));
      for (String sat : satellites) {
        Map<String, Long> mine = new TreeMap<>();
        for (int[] le : expertsOf.apply(sat)) {
          String key = le[0] + "/" + le[1];
          mine.put(key, activations.getOrDefault(key, 0L));
        }
        SatelliteTelemetry t = new SatelliteTelemetry(sat, System.currentTimeMillis(), versions[0], versions[1],
            String.valueOf(h.get("status")), (String) h.get("reason"), drops, mine,
            telemetry.framesReceived(), telemetry.framesSent(), hops);
        transport.publishRetained(FrameTopics.satelliteTelemetry(sat), JSON.writeValueAsBytes(t));
      }
    } catch (Exception | LinkageError e) {
      telemetry.dropped(DropReason.PUBLISH_FAILED);
    }
  }
}
