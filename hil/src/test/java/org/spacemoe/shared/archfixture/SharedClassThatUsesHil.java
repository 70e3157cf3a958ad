package org.spacemoe.shared.archfixture;

import org.spacemoe.hil.broker.EmbeddedBroker;

/** Test fixture: a shared class using the bench, so the shared rule can be shown to fail. */
public final class SharedClassThatUsesHil {
  private SharedClassThatUsesHil() {}

  public static String use(EmbeddedBroker broker) {
    return broker.uri();
  }
}
