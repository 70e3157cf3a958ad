package org.spacemoe.hil.inventory;

/**
 * A value of an inventory that breaks a rule, thrown by the record that checks it: {@link #key} is the path below
 * that record ({@code port}, {@code satellites[2]}, {@code boards[1].http-port}), so the reader can name the full
 * path in the document.
 */
final class KeyProblem extends IllegalArgumentException {
  private final String key;
  private final String problem;

  KeyProblem(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
    this.problem = problem;
  }

  String key() {
    return key;
  }

  String problem() {
    return problem;
  }

  /** {@code value} without surrounding blanks; it must be present and not blank. */
  static String text(String key, String value) {
    if (value == null) {
      throw new KeyProblem(key, "missing");
    }
    if (value.isBlank()) {
      throw new KeyProblem(key, "must be a non-empty string");
    }
    return value.trim();
  }
}
