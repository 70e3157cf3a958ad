package org.spacemoe.shared.stats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * SGLang's expert distribution dump ({@code ExpertDistributionRecorder}) converted to JSON: an object whose
 * {@code logical_count} is {@code [layers][experts]} or {@code [steps][layers][experts]} (summed over steps).
 * Other fields are ignored.
 */
final class SglangExpertDistribution {
  static final String FIELD = "logical_count";

  private SglangExpertDistribution() {}

  static ActivationStatistics fromTree(String input, JsonNode root) {
    double[][] counts = CountArrays.matrixOrSumOverSteps(input, "\"" + FIELD + "\"", root.get(FIELD));
    return new ActivationStatistics(input, counts);
  }
}
