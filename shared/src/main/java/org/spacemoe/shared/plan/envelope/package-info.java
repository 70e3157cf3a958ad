/**
 * Signed placement plans: Ed25519 keys and their PEM files ({@link org.spacemoe.shared.plan.envelope.PlanKeys}),
 * the JSON envelope ({@link org.spacemoe.shared.plan.envelope.SignedPlan}), signing
 * ({@link org.spacemoe.shared.plan.envelope.PlanSigner}) and verification against trusted key ids
 * ({@link org.spacemoe.shared.plan.envelope.PlanVerifier}), and the reject codes a satellite reports
 * ({@link org.spacemoe.shared.plan.envelope.RejectReason}). See {@code docs/uplink.md}.
 */
package org.spacemoe.shared.plan.envelope;
