package org.spacemoe.shared.stats;

import com.fasterxml.jackson.databind.JsonNode;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Checks activation count arrays: before binding, that the JSON value is a non-empty array of the expected
 * number of dimensions; after binding, that the {@code [layers][experts]} matrix is rectangular, every entry
 * finite and {@code >= 0}, every layer with a positive entry. Indices in messages are 0-based.
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

  /**
   * The number of dimensions of {@code node}, one of {@code depths}.
   *
   * @param name the field, for messages, e.g. {@code "layers"} (quoted)
   * @param expected the shapes allowed, for messages, e.g. {@code [layers][experts]}
   */
  static int requireShape(String input, String name, JsonNode node, String expected, int... depths) {
    if (!node.isArray()) {
      throw new InvalidInputException(input, name + " is " + JsonNodeText.describe(node) + ", expected an array "
          + expected);
    }
    if (node.isEmpty()) {
      throw new InvalidInputException(input, name + " is empty, expected " + expected);
    }
    int d = depth(node);
    for (int allowed : depths) {
      if (d == allowed) {
        return d;
      }
    }
    throw new InvalidInputException(input, name + " is " + d + "-dimensional, expected " + expected);
  }

  /** A bound {@code [layers][experts]} array, checked. */
  static double[][] matrix(String input, double[][] m) {
    return requirePositiveLayers(input, rows(input, "", m));
  }

  /** A bound {@code [steps][layers][experts]} array, checked and summed over steps. */
  static double[][] sumOverSteps(String input, double[][][] steps) {
    double[][] sum = null;
    for (int s = 0; s < steps.length; s++) {
      if (steps[s].length == 0) {
        throw new InvalidInputException(input, "step " + s + " is empty, expected an array [layers][experts]");
      }
      double[][] m = rows(input, "step " + s + " ", steps[s]);
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

  private static double[][] rows(String input, String prefix, double[][] m) {
    for (int l = 0; l < m.length; l++) {
      String layer = prefix + "layer " + l;
      if (m[l].length == 0) {
        throw new InvalidInputException(input, layer + " has no experts");
      }
      if (l > 0 && m[l].length != m[0].length) {
        throw new InvalidInputException(input, "ragged array: " + layer + " has length " + m[l].length + ", "
            + prefix + "layer 0 has length " + m[0].length);
      }
      for (int e = 0; e < m[l].length; e++) {
        check(input, layer + " expert " + e, m[l][e]);
      }
    }
    return m;
  }

  private static void check(String input, String where, double c) {
    if (!Double.isFinite(c)) {
      throw new InvalidInputException(input, where + " is " + c + ", expected a finite number >= 0");
    }
    if (c < 0) {
      String text = c == Math.rint(c) && c > -1e15 ? Long.toString((long) c) : Double.toString(c);
      throw new InvalidInputException(input, where + " is negative (" + text + "), counts must be >= 0");
    }
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
