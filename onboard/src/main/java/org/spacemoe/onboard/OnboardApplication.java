package org.spacemoe.onboard;

import io.micronaut.runtime.Micronaut;

/** Starts the onboard runtime: one process hosts one satellite (a board) or many (a bench). */
public final class OnboardApplication {
  private OnboardApplication() {}

  public static void main(String[] args) {
    Micronaut.run(OnboardApplication.class, args);
  }
}
