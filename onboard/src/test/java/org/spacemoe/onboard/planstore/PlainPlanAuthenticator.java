package org.spacemoe.onboard.planstore;

import org.spacemoe.shared.plan.envelope.RejectReason;

import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlanJson;

/** Test authenticator: the "envelope" is the plain plan JSON, trusted as is; {@code rollback} as configured. */
record PlainPlanAuthenticator(boolean rollback) implements PlanAuthenticator {
  static final PlainPlanAuthenticator PLAIN = new PlainPlanAuthenticator(false);
  static final PlainPlanAuthenticator ROLLBACK = new PlainPlanAuthenticator(true);

  @Override
  public AuthenticatedPlan authenticate(byte[] signedPlanBytes) throws StagingRejectedException {
    try {
      return new AuthenticatedPlan(PlanJson.parse("uplinked plan", signedPlanBytes), rollback);
    } catch (InvalidInputException e) {
      throw new StagingRejectedException(RejectReason.MALFORMED_PLAN, e.getMessage());
    }
  }

  /** An authenticator that refuses everything with {@code code}, as a bad signature or unknown key would. */
  static PlanAuthenticator rejecting(RejectReason code) {
    return bytes -> {
      throw new StagingRejectedException(code, "test authenticator refuses (" + code + ")");
    };
  }
}
