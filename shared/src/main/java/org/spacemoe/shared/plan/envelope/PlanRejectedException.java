package org.spacemoe.shared.plan.envelope;

import org.spacemoe.shared.input.InvalidInputException;

/**
 * A plan, or an uplink of one, is refused. {@link #reason()} is the code a satellite reports to the ground;
 * the message is one line naming the input and the problem, ending with the reason in brackets, e.g.
 * {@code signed plan: signature does not verify with key 0f1e2d3c4b5a6978 [BAD_SIGNATURE]}.
 */
public final class PlanRejectedException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;
  private final String detail;

  /**
   * @param reason the code reported to the ground
   * @param input what was refused, e.g. {@code signed plan} or a file name
   * @param detail what is wrong, one line
   */
  public PlanRejectedException(RejectReason reason, String input, String detail) {
    super(input, detail + " [" + reason + "]");
    this.reason = reason;
    this.detail = detail;
  }

  public PlanRejectedException(RejectReason reason, String input, String detail, Throwable cause) {
    super(input, detail + " [" + reason + "]", cause);
    this.reason = reason;
    this.detail = detail;
  }

  /** Why the plan was refused. */
  public RejectReason reason() {
    return reason;
  }

  /** The problem without the input name and reason: the status report's detail text. */
  public String detail() {
    return detail;
  }
}
