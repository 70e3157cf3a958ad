package org.spacemoe.onboard.planstore;

/**
 * Checks the signed-plan envelope (key, signature, format) and parses its payload. The first step of
 * {@link PlanStore#stage}; the envelope verifier is bridged to it by the integrator.
 */
@FunctionalInterface
public interface PlanAuthenticator {
  /**
   * @param signedPlanBytes the exact bytes received from the ground
   * @throws StagingRejectedException with {@link RejectCode#UNKNOWN_KEY}, {@link RejectCode#BAD_SIGNATURE},
   *     {@link RejectCode#MALFORMED_ENVELOPE} or {@link RejectCode#MALFORMED_PLAN} (others pass through as given)
   */
  AuthenticatedPlan authenticate(byte[] signedPlanBytes) throws StagingRejectedException;
}
