package org.spacemoe.ground.split;

import org.jgrapht.alg.interfaces.AStarAdmissibleHeuristic;

/**
 * Lower bound on the latency still to pay from a state {@code (b, s)}, s:
 * {@code FLOPs(units b..) / fastest FLOP/s among stages s..} (the remaining compute with no further transfer)
 * {@code + (k - 1) * cheapest transfer over links s..} where {@code k} is the fewest stages whose memories add up
 * to the remaining units' memory (fewer stages cannot hold them even ignoring fragmentation)
 * {@code + the cheapest ring closure from any stage >= s}. Admissible and consistent: see docs/split-planner.md.
 */
final class SplitHeuristic implements AStarAdmissibleHeuristic<SplitState> {
  private final double[] suffixFlops;
  private final long[] suffixMemory;
  private final double[] fastestFrom;
  private final double[] cheapestTransferFrom;
  private final double[] cheapestRingFrom;
  private final long[] memory;

  SplitHeuristic(SplitProblem p) {
    int u = p.unitCount();
    int n = p.stageCount();
    suffixFlops = new double[u + 1];
    suffixMemory = new long[u + 1];
    for (int i = u - 1; i >= 0; i--) {
      suffixFlops[i] = suffixFlops[i + 1] + p.units().get(i).flopsPerToken();
      suffixMemory[i] = suffixMemory[i + 1] + p.units().get(i).memoryBytes(p.sequences());
    }
    fastestFrom = new double[n];
    cheapestTransferFrom = new double[n];
    cheapestRingFrom = new double[n];
    memory = new long[n];
    double fastest = 0;
    double cheapest = Double.POSITIVE_INFINITY;
    double ring = Double.POSITIVE_INFINITY;
    for (int s = n - 1; s >= 0; s--) {
      memory[s] = p.memoryLimitBytes(s);
      fastest = Math.max(fastest, p.chain().devices().get(s).flops());
      fastestFrom[s] = fastest;
      if (s < n - 1) {
        for (var codec : p.codecs().available()) {
          cheapest = Math.min(cheapest, p.transferS(s, codec));
        }
      }
      cheapestTransferFrom[s] = cheapest;
      ring = Math.min(ring, p.ringCloseS(s));
      cheapestRingFrom[s] = ring;
    }
  }

  @Override
  public double getCostEstimate(SplitState v, SplitState target) {
    if (v.equals(SplitState.END)) {
      return 0;
    }
    int b = v.boundary();
    int s = v.stage();
    double h = suffixFlops[b] / fastestFrom[s] + cheapestRingFrom[s];
    int extraCuts = fewestStages(b, s) - 1;
    if (extraCuts > 0) {
      h += extraCuts * cheapestTransferFrom[s];
    }
    return h;
  }

  /** Fewest stages from {@code s} whose memories sum to at least the memory of units {@code b..}. */
  int fewestStages(int b, int s) {
    long need = suffixMemory[b];
    long have = 0;
    for (int j = s; j < memory.length; j++) {
      have += memory[j];
      if (have >= need) {
        return j - s + 1;
      }
    }
    return memory.length - s + 1;
  }
}
