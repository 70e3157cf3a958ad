package org.spacemoe.ground.placement.joint;

/**
 * The cheapest choice of one gateway candidate per layer when the cost is a sum over consecutive layers on a
 * ring: {@code sum_l cost[l][c_l][c_{l+1}]}, {@code c_L = c_0}. Dynamic programming along the ring for every
 * choice of {@code c_0}: O(L C^3) for C candidates per layer. Exact.
 */
public final class RingGatewayChoice {
  private RingGatewayChoice() {}

  /**
   * @param cost {@code cost[l][c][j]}: cost of layer l with its candidate c and layer l+1's candidate j
   * @return the candidate per layer; null when every cycle has an infinite cost
   */
  public static int[] cheapestCycle(double[][][] cost) {
    int layers = cost.length;
    double bestTotal = Double.POSITIVE_INFINITY;
    int[] best = null;
    for (int c0 = 0; c0 < cost[0].length; c0++) {
      // f[c]: cheapest cost of layers 0..l-1 ending with layer l at candidate c; from[l][c]: layer l-1's choice
      double[] f = new double[cost[0].length];
      java.util.Arrays.fill(f, Double.POSITIVE_INFINITY);
      f[c0] = 0;
      int[][] from = new int[layers][];
      for (int l = 0; l < layers - 1; l++) {
        int nextCount = cost[l][0].length;
        double[] g = new double[nextCount];
        from[l + 1] = new int[nextCount];
        java.util.Arrays.fill(g, Double.POSITIVE_INFINITY);
        for (int c = 0; c < f.length; c++) {
          if (f[c] == Double.POSITIVE_INFINITY) {
            continue;
          }
          for (int j = 0; j < nextCount; j++) {
            double v = f[c] + cost[l][c][j];
            if (v < g[j]) {
              g[j] = v;
              from[l + 1][j] = c;
            }
          }
        }
        f = g;
      }
      int lastChoice = -1;
      double total = Double.POSITIVE_INFINITY;
      for (int c = 0; c < f.length; c++) {
        double v = f[c] + cost[layers - 1][c][c0];
        if (v < total) {
          total = v;
          lastChoice = c;
        }
      }
      if (total < bestTotal) {
        bestTotal = total;
        best = new int[layers];
        best[layers - 1] = lastChoice;
        for (int l = layers - 1; l > 0; l--) {
          best[l - 1] = from[l][best[l]];
        }
        best[0] = c0;
      }
    }
    return best;
  }
}
