package org.spacemoe.hil.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import org.spacemoe.onboard.telemetry.TelemetrySnapshot;
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

  /**
   * What several nodes counted during a run: {@code after.get(i)} minus {@code before.get(i)} (null: the node
   * counted from zero), summed over the nodes.
   */
  static RunTelemetry sum(List<TelemetrySnapshot> after, List<TelemetrySnapshot> before) {
    long hops = 0;
    double c = 0;
    double l = 0;
    double q = 0;
    Map<Integer, double[]> layers = new TreeMap<>();
    Map<String, Long> drops = new TreeMap<>();
    Map<String, Long> act = new TreeMap<>();
    for (int i = 0; i < after.size(); i++) {
      TelemetrySnapshot y = after.get(i);
      TelemetrySnapshot x = before.get(i) != null ? before.get(i)
          : TelemetrySnapshot.ZERO;
      hops += y.hops() - x.hops();
      c += y.computeMs() - x.computeMs();
      l += y.linkMs() - x.linkMs();
      q += y.queueMs() - x.queueMs();
      y.perLayer().forEach((layer, a) -> {
        double[] prev = x.perLayer().getOrDefault(layer, new double[4]);
        double[] acc = layers.computeIfAbsent(layer, k -> new double[4]);
        for (int j = 0; j < 4; j++) {
          acc[j] += a[j] - prev[j];
        }
      });
      y.drops().forEach((k, v) -> {
        long d = v - x.drops().getOrDefault(k, 0L);
        if (d > 0) {
          drops.merge(k, d, Long::sum);
        }
      });
      y.expertActivations().forEach((k, v) -> act.merge(k, v - x.expertActivations().getOrDefault(k, 0L), Long::sum));
    }
    return new RunTelemetry(perHop(hops, c, l, q), layers, drops, act);
  }

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
