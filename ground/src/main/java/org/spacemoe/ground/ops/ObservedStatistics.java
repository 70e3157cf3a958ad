package org.spacemoe.ground.ops;

import java.util.Collection;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.stats.ActivationStatistics;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;

/**
 * Turns the expert activation counts satellites report into the activation statistics the planner reads,
 * closing the loop from flight back to planning. {@code prior} is added to every count (Laplace smoothing) so
 * a layer that saw no token still gets a valid row; with prior 0 such a layer is refused.
 */
public final class ObservedStatistics {
  private ObservedStatistics() {}

  public static ActivationStatistics from(Collection<SatelliteTelemetry> heartbeats, int layers, int experts,
      double prior) {
    double[][] counts = new double[layers][experts];
    for (double[] row : counts) {
      java.util.Arrays.fill(row, prior);
    }
    long seen = 0;
    for (SatelliteTelemetry t : heartbeats) {
      if (t.expertActivations() == null) {
        continue;
      }
      for (var e : t.expertActivations().entrySet()) {
        String[] le = e.getKey().split("/");
        if (le.length != 2) {
          throw new InvalidInputException("telemetry of " + t.satellite(), "bad expert key '" + e.getKey() + "'");
        }
        int l = Integer.parseInt(le[0]);
        int x = Integer.parseInt(le[1]);
        if (l < 0 || l >= layers || x < 0 || x >= experts) {
          throw new InvalidInputException("telemetry of " + t.satellite(), "expert " + e.getKey()
              + " is outside the plan's [" + layers + "][" + experts + "]");
        }
        counts[l][x] += e.getValue();
        seen += e.getValue();
      }
    }
    return new ActivationStatistics("observed: " + seen + " activations from " + heartbeats.size()
        + " satellites, prior " + prior, counts);
  }
}
