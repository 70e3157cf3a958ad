package org.spacemoe.onboard.planstore;

import org.spacemoe.shared.plan.envelope.RejectReason;

/**
 * Checks the signed-plan envelope (key, signature, format) and parses its payload. The first step of
 * {@link PlanStore#stage}; the envelope verifier is bridged to it by the integrator.
 */
@FunctionalInterface
public interface PlanAuthenticator {
  /**
   * @param signedPlanBytes the exact bytes received from the ground
   * @throws StagingRejectedException with {@link RejectReason#UNKNOWN_KEY}, {@link RejectReason#BAD_SIGNATURE},
   *     {@link RejectReason#MALFORMED_ENVELOPE} or {@link RejectReason#MALFORMED_PLAN} (others pass through as given)
   */
  AuthenticatedPlan authenticate(byte[] signedPlanBytes) throws StagingRejectedException;
}
