package org.spacemoe.hil.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.onboard.telemetry.NodeTelemetry;

/**
 * The onboard telemetry a bench report uses, from one process ({@link NodeTelemetry}) or summed over the boards
 * of a bench.
 *
 * @param perHopMs mean compute / link / queue per hop, ms ({@code computeMs}, {@code linkMs}, {@code queueMs})
 * @param perLayerTotalsMs per layer {hops, compute ms, link ms, queue ms}
 * @param drops drops by reason
 * @param expertActivations activations per {@code layer/expert}
 */
record RunTelemetry(Map<String, Double> perHopMs, Map<Integer, double[]> perLayerTotalsMs, Map<String, Long> drops,
    Map<String, Long> expertActivations) {

  static RunTelemetry of(NodeTelemetry t) {
    return new RunTelemetry(t.perHopMs(), t.perLayerTotalsMs(), t.dropsByReason(), t.expertActivations());
  }

  static Map<String, Double> perHop(long hops, double computeMs, double linkMs, double queueMs) {
    long n = Math.max(1, hops);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("computeMs", computeMs / n);
    m.put("linkMs", linkMs / n);
    m.put("queueMs", queueMs / n);
    return m;
  }
}
