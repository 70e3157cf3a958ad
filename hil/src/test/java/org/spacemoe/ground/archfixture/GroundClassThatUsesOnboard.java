package org.spacemoe.ground.archfixture;

import org.spacemoe.onboard.runtime.PlanRoles;

/** Test fixture: a ground class using onboard code, so the ground rule can be shown to fail. */
public final class GroundClassThatUsesOnboard {
  private GroundClassThatUsesOnboard() {}

  public static int use(PlanRoles roles) {
    return roles.layers();
  }
}
