package org.spacemoe.shared.archfixture;

import org.spacemoe.ground.placement.Strategies;

/** Test fixture: breaks the module rule on purpose, so the rule can be shown to fail. */
public final class SharedClassThatUsesGround {
  private SharedClassThatUsesGround() {}

  public static Object use() {
    return Strategies.byName("spacemoe");
  }
}
