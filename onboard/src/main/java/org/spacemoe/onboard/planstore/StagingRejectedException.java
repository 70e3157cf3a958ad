package org.spacemoe.onboard.planstore;

/** A plan was refused while staging: a {@link RejectCode} and a one-line detail for the acknowledgement. */
public class StagingRejectedException extends Exception {
  private final RejectCode code;
  private final String detail;

  public StagingRejectedException(RejectCode code, String detail) {
    this(code, detail, null);
  }

  public StagingRejectedException(RejectCode code, String detail, Throwable cause) {
    super(code + ": " + oneLine(detail), cause);
    this.code = code;
    this.detail = oneLine(detail);
  }

  public RejectCode code() {
    return code;
  }

  /** One line, no line breaks. */
  public String detail() {
    return detail;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
