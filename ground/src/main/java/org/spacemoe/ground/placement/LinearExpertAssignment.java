package org.spacemoe.ground.placement;

/**
 * An assignment of a layer's experts to distinct candidate satellites under the paper's linear objective
 * {@code sum_e p_e * L(sat(e))}.
 *
 * @param candidateOfExpert {@code candidateOfExpert[e]}: index into the candidate list
 * @param objectiveS value of the linear objective, s
 */
public record LinearExpertAssignment(int[] candidateOfExpert, double objectiveS) {

  static double objective(double[] shares, double[] latencyS, int[] candidateOfExpert) {
    double sum = 0;
    for (int e = 0; e < shares.length; e++) {
      sum += shares[e] * latencyS[candidateOfExpert[e]];
    }
    return sum;
  }
}
