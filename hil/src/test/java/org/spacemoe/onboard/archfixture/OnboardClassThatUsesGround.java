package org.spacemoe.onboard.archfixture;

import org.spacemoe.ground.placement.Strategies;

/** Test fixture: an onboard class using the ground tool, so the onboard rule can be shown to fail. */
public final class OnboardClassThatUsesGround {
  private OnboardClassThatUsesGround() {}

  public static Object use() {
    return Strategies.byName("spacemoe");
  }
}
