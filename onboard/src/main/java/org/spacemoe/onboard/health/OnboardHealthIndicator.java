package org.spacemoe.onboard.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import io.micronaut.core.async.publisher.Publishers;

/** {@code /health}: UP when the plan and its shards are loaded and the broker is connected, else DOWN with the reason. */
@Singleton
public class OnboardHealthIndicator implements HealthIndicator {
  private final OnboardRuntime runtime;

  public OnboardHealthIndicator(OnboardRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    Map<String, Object> details = runtime.health();
    HealthStatus status = "UP".equals(details.get("status")) ? HealthStatus.UP : HealthStatus.DOWN;
    return Publishers.just(HealthResult.builder("spacemoe-onboard", status).details(details).build());
  }
}
