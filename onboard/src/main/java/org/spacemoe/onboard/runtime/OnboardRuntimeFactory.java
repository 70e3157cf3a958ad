package org.spacemoe.onboard.runtime;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.validation.Validator;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.config.OnboardConfigCheck;

/**
 * Wires the runtime into Micronaut: created eagerly at start-up, after {@link OnboardConfigCheck} has refused
 * unknown keys and invalid values under {@code spacemoe.onboard} (naming the key; Micronaut's own validation of
 * the configuration bean names only the Java property).
 */
@Factory
public class OnboardRuntimeFactory {
  @Context
  @Bean(preDestroy = "close")
  OnboardRuntime onboardRuntime(Environment environment, Validator validator, BeanProvider<OnboardConfig> config) {
    OnboardConfigCheck.check(environment, validator);
    return new OnboardRuntime(config.get()).start();
  }
}
