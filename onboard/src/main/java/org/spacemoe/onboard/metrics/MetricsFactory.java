package org.spacemoe.onboard.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;

/**
 * Wires the node's meters into Micronaut Micrometer ({@code /prometheus}): the {@link NodeMeters} binder over the
 * runtime's telemetry and state, and the {@link SatelliteTag} on every meter of the process (JVM ones included).
 */
@Factory
@Requires(beans = OnboardRuntime.class)
public class MetricsFactory {
  @Singleton
  @Bean
  NodeMeters nodeMeters(OnboardRuntime runtime) {
    return new NodeMeters(runtime.telemetry(), new NodeMeters.NodeGauges() {
      @Override
      public double up() {
        return runtime.isHealthy() ? 1 : 0;
      }

      @Override
      public double draining() {
        return runtime.isStopping() ? 1 : 0;
      }

      @Override
      public double brokerConnected() {
        return Boolean.TRUE.equals(runtime.health().get("brokerConnected")) ? 1 : 0;
      }

      @Override
      public double activePlanVersion() {
        return runtime.activePlanVersion();
      }

      @Override
      public double shardsLoaded() {
        Object n = runtime.health().get("shardsLoaded");
        return n instanceof Number x ? x.doubleValue() : 0;
      }

      @Override
      public double sequencesHeld() {
        return runtime.sequencesHeld();
      }
    });
  }

  @Singleton
  @Bean
  MeterFilter satelliteTag(OnboardConfig config) {
    return MeterFilter.commonTags(java.util.List.of(
        io.micrometer.core.instrument.Tag.of(SatelliteTag.NAME, SatelliteTag.value(config.getSatellites()))));
  }
}
