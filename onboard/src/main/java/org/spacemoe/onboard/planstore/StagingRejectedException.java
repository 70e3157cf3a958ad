package org.spacemoe.onboard.planstore;

import org.spacemoe.shared.plan.envelope.RejectReason;

/** A plan was refused while staging: a {@link RejectReason} and a one-line detail for the acknowledgement. */
public class StagingRejectedException extends Exception {
  private final RejectReason code;
  private final String detail;

  public StagingRejectedException(RejectReason code, String detail) {
    this(code, detail, null);
  }

  public StagingRejectedException(RejectReason code, String detail, Throwable cause) {
    super(code + ": " + oneLine(detail), cause);
    this.code = code;
    this.detail = oneLine(detail);
  }

  public RejectReason code() {
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
