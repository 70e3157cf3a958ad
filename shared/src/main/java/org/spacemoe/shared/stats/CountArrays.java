package org.spacemoe.shared.stats;

import com.fasterxml.jackson.databind.JsonNode;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Turns a JSON array of activation counts into a validated {@code [layers][experts]} matrix: rectangular,
 * every entry a finite number {@code >= 0}, every layer with a positive entry. Indices in messages are 0-based.
 */
final class CountArrays {
  private CountArrays() {}

  /** Number of nested array levels, following first elements: {@code [[1, 2]]} has 2. */
  static int depth(JsonNode node) {
    int d = 0;
    while (node.isArray()) {
      d++;
      if (node.isEmpty()) {
        break;
      }
      node = node.get(0);
    }
    return d;
  }

  /** A {@code [layers][experts]} array. */
  static double[][] matrix(String input, String name, JsonNode node) {
    int d = requireNonEmptyArray(input, name, node, "[layers][experts]");
    if (d != 2) {
      throw new InvalidInputException(input, name + " is " + d + "-dimensional, expected [layers][experts]");
    }
    return requirePositiveLayers(input, rows(input, "", node));
  }

  /** A {@code [layers][experts]} array, or a {@code [steps][layers][experts]} array summed over steps. */
  static double[][] matrixOrSumOverSteps(String input, String name, JsonNode node) {
    String expected = "[layers][experts] or [steps][layers][experts]";
    int d = requireNonEmptyArray(input, name, node, expected);
    if (d == 2) {
      return requirePositiveLayers(input, rows(input, "", node));
    }
    if (d != 3) {
      throw new InvalidInputException(input, name + " is " + d + "-dimensional, expected " + expected);
    }
    double[][] sum = null;
    for (int s = 0; s < node.size(); s++) {
      JsonNode step = node.get(s);
      if (!step.isArray() || step.isEmpty()) {
        throw new InvalidInputException(input, "step " + s + " is " + (step.isArray() ? "empty" : JsonNodeText.describe(step))
            + ", expected an array [layers][experts]");
      }
      double[][] m = rows(input, "step " + s + " ", step);
      if (sum == null) {
        sum = m;
      } else if (m.length != sum.length || m[0].length != sum[0].length) {
        throw new InvalidInputException(input, "step " + s + " has shape " + shape(m) + ", step 0 has " + shape(sum));
      } else {
        add(input, sum, m);
      }
    }
    return requirePositiveLayers(input, sum);
  }

  static String shape(double[][] m) {
    return "[" + m.length + "][" + m[0].length + "]";
  }

  private static int requireNonEmptyArray(String input, String name, JsonNode node, String expected) {
    if (!node.isArray()) {
      throw new InvalidInputException(input, name + " is " + JsonNodeText.describe(node) + ", expected an array " + expected);
    }
    if (node.isEmpty()) {
      throw new InvalidInputException(input, name + " is empty, expected " + expected);
    }
    return depth(node);
  }

  private static double[][] rows(String input, String prefix, JsonNode node) {
    double[][] out = new double[node.size()][];
    for (int l = 0; l < out.length; l++) {
      String layer = prefix + "layer " + l;
      JsonNode row = node.get(l);
      if (!row.isArray()) {
        throw new InvalidInputException(input, layer + " is " + JsonNodeText.describe(row)
            + ", expected an array of expert counts");
      }
      if (row.isEmpty()) {
        throw new InvalidInputException(input, layer + " has no experts");
      }
      if (l > 0 && row.size() != out[0].length) {
        throw new InvalidInputException(input, "ragged array: " + layer + " has length " + row.size() + ", "
            + prefix + "layer 0 has length " + out[0].length);
      }
      out[l] = new double[row.size()];
      for (int e = 0; e < row.size(); e++) {
        out[l][e] = count(input, layer + " expert " + e, row.get(e));
      }
    }
    return out;
  }

  private static double count(String input, String where, JsonNode v) {
    if (!v.isNumber()) {
      throw new InvalidInputException(input, where + " is " + JsonNodeText.describe(v) + ", expected a number");
    }
    double c = v.doubleValue();
    if (!Double.isFinite(c)) {
      throw new InvalidInputException(input, where + " is " + c + ", expected a finite number >= 0");
    }
    if (c < 0) {
      throw new InvalidInputException(input, where + " is negative (" + v.asText() + "), counts must be >= 0");
    }
    return Math.max(c, 0.0);
  }

  private static void add(String input, double[][] sum, double[][] m) {
    for (int l = 0; l < sum.length; l++) {
      for (int e = 0; e < sum[l].length; e++) {
        sum[l][e] += m[l][e];
        if (Double.isInfinite(sum[l][e])) {
          throw new InvalidInputException(input, "layer " + l + " expert " + e + " sums to Infinity over the steps");
        }
      }
    }
  }

  private static double[][] requirePositiveLayers(String input, double[][] m) {
    for (int l = 0; l < m.length; l++) {
      boolean positive = false;
      for (double c : m[l]) {
        positive |= c > 0;
      }
      if (!positive) {
        throw new InvalidInputException(input, "layer " + l + " is all zeros, every layer needs a positive count");
      }
    }
    return m;
  }
}
