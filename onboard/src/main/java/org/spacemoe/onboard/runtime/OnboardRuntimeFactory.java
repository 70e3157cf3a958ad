package org.spacemoe.onboard.runtime;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import org.spacemoe.onboard.config.OnboardConfig;

/** Wires the runtime into Micronaut: created eagerly at start-up from the validated configuration. */
@Factory
public class OnboardRuntimeFactory {
  @Context
  @Bean(preDestroy = "close")
  OnboardRuntime onboardRuntime(OnboardConfig config) {
    return new OnboardRuntime(config).start();
  }
}
