package org.spacemoe.ground.charts;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Short, locale-independent text for a number: three significant digits (all integer digits are kept), no
 * trailing zeros, no grouping.
 */
final class ShortNumber {
  private ShortNumber() {}

  static String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (value == 0) {
      return "0";
    }
    int integerDigits = (int) Math.floor(Math.log10(Math.abs(value))) + 1;
    MathContext precision = new MathContext(Math.max(3, integerDigits));
    return new BigDecimal(value).round(precision).stripTrailingZeros().toPlainString();
  }
}
