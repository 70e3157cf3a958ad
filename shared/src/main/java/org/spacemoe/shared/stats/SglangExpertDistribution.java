package org.spacemoe.shared.stats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * SGLang's expert distribution dump ({@code ExpertDistributionRecorder}) converted to JSON: an object whose
 * {@code logical_count} is {@code [layers][experts]} or {@code [steps][layers][experts]} (summed over steps).
 * A foreign format: the other fields SGLang writes are ignored.
 */
final class SglangExpertDistribution {
  static final String FIELD = "logical_count";

  private SglangExpertDistribution() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Layers(@JsonProperty(FIELD) double[][] counts) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Steps(@JsonProperty(FIELD) double[][][] counts) {}

  static ActivationStatistics fromTree(String input, JsonNode root) {
    int d = CountArrays.requireShape(input, "\"" + FIELD + "\"", root.get(FIELD),
        "[layers][experts] or [steps][layers][experts]", 2, 3);
    double[][] counts = d == 2
        ? CountArrays.matrix(input, ActivationStatisticsFile.bind(input, root, Layers.class).counts())
        : CountArrays.sumOverSteps(input, ActivationStatisticsFile.bind(input, root, Steps.class).counts());
    return new ActivationStatistics(input, counts);
  }
}
