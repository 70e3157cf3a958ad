package org.spacemoe.onboard.runtime;

import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.MoeModel;

/**
 * Nominal compute times of the plan's model on the configured device, times the time scale: with compute
 * emulation a result is released no earlier than its start plus this, so a PC bench behaves like the
 * satellite computer even with smaller weights. Without emulation every time is 0.
 */
final class EmulatedCompute {
  private final long gatewayNanos;
  private final long expertNanos;
  private final long headNanos;
  private final long attentionNanos;
  private final long routerNanos;

  EmulatedCompute(boolean enabled, MoeModel model, int contextTokens, DeviceProfile device, double timeScale) {
    double k = enabled ? timeScale * 1e9 : 0;
    this.gatewayNanos = (long) (device.computeS(model.gatewayFlops(contextTokens)) * k);
    this.expertNanos = (long) (device.computeS(model.expertFlops()) * k);
    this.headNanos = (long) (device.computeS(model.headFlops()) * k);
    this.attentionNanos = (long) (device.computeS(model.attentionFlops(contextTokens)) * k);
    this.routerNanos = (long) (device.computeS(model.routerFlops()) * k);
  }

  /** One share of a layer's attention split {@code width} ways (the work divided evenly, as the planner models it). */
  long attentionShareNanos(int width) {
    return attentionNanos / width;
  }

  /** The router alone (what a split lead runs after summing the attention terms). */
  long routerNanos() {
    return routerNanos;
  }

  /** One vocabulary slice of the LM head split {@code width} ways. */
  long headSliceNanos(int width) {
    return headNanos / width;
  }

  long gatewayNanos() {
    return gatewayNanos;
  }

  long expertNanos() {
    return expertNanos;
  }

  long headNanos() {
    return headNanos;
  }
}
