package org.spacemoe.onboard.watchdog;

import jakarta.inject.Singleton;

/**
 * Set by {@code OnboardApplication.main} once {@code Micronaut.run} has returned and the graceful stop's signal
 * handlers are installed: from now on SIGTERM runs the graceful stop. {@code READY=1} waits for it: a SIGTERM before
 * it would end the JVM without a drain.
 */
@Singleton
public class ApplicationStarted {
  private volatile boolean started;

  public void set() {
    started = true;
  }

  public boolean get() {
    return started;
  }
}
