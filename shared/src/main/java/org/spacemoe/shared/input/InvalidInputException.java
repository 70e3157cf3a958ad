package org.spacemoe.shared.input;

/**
 * A user-supplied input (flag, file, spec string, frame, plan) is wrong. The message names the input
 * and says what is wrong in one line, so a command can print it as is and exit non-zero.
 */
public class InvalidInputException extends RuntimeException {
  private final String input;

  public InvalidInputException(String input, String problem) {
    super(input + ": " + problem);
    this.input = input;
  }

  public InvalidInputException(String input, String problem, Throwable cause) {
    super(input + ": " + problem, cause);
    this.input = input;
  }

  /** The name of the offending input (flag, file path, field). */
  public String input() {
    return input;
  }
}
