package org.spacemoe.shared.input;

/** Range checks that throw {@link InvalidInputException} naming the input. */
public final class Checks {
  private Checks() {}

  public static int positive(String input, int value) {
    if (value <= 0) {
      throw new InvalidInputException(input, "must be a positive integer, got " + value);
    }
    return value;
  }

  public static double positive(String input, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidInputException(input, "must be a positive finite number, got " + value);
    }
    return value;
  }

  public static double nonNegative(String input, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new InvalidInputException(input, "must be a finite number >= 0, got " + value);
    }
    return value;
  }

  public static double inRange(String input, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new InvalidInputException(input, "must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }

  public static int inRange(String input, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidInputException(input, "must be in [" + min + ", " + max + "], got " + value);
    }
    return value;
  }
}
