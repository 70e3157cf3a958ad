package org.spacemoe.onboard.uplink;

import org.spacemoe.shared.plan.envelope.RejectReason;

/** A signed command a satellite will not carry out: the reason goes into its status report and telemetry. */
public final class CommandRefusedException extends Exception {
  private static final long serialVersionUID = 1L;
  private final RejectReason reason;

  public CommandRefusedException(RejectReason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
