package org.spacemoe.ground.placement;

/**
 * The linear objective of one layer under the sorted rule and under the optimal (Hungarian) assignment.
 *
 * @param sortedS objective of the sorted assignment, s
 * @param optimalS objective of the Hungarian assignment, s
 * @param equal whether they agree within 1e-9 relative
 */
public record LayerObjective(int layer, double sortedS, double optimalS, boolean equal) {
  public static LayerObjective of(int layer, double sortedS, double optimalS) {
    boolean eq = Math.abs(sortedS - optimalS) <= 1e-9 * Math.max(1e-12, Math.abs(optimalS));
    return new LayerObjective(layer, sortedS, optimalS, eq);
  }
}
