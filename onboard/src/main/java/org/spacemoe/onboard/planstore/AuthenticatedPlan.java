package org.spacemoe.onboard.planstore;

import java.util.Objects;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * A plan whose envelope verified.
 *
 * @param plan the parsed payload
 * @param rollback the envelope says this is a deliberate rollback: its version may be older than the active one
 */
public record AuthenticatedPlan(PlacementPlan plan, boolean rollback) {
  public AuthenticatedPlan {
    Objects.requireNonNull(plan, "plan");
  }
}
