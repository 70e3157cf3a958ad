package org.spacemoe.shared.cli;

/** The exit codes every SpaceMoE command line uses. */
public final class ExitCodes {
  /** Everything ran and every check passed. */
  public static final int OK = 0;
  /** The command ran but a check it makes failed (a bench that does not match its reference, a failed selftest). */
  public static final int CHECK_FAILED = 1;
  /** Bad input: an unknown or malformed option, an unreadable or missing file, an invalid value. */
  public static final int BAD_INPUT = 2;
  /** An internal error: a bug or an unexpected failure, printed with its stack trace. */
  public static final int INTERNAL = 3;

  private ExitCodes() {}
}
