package org.spacemoe.onboard.health;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.onboard.telemetry.TelemetrySnapshot;

/**
 * {@code GET /telemetry}: this process's counters since it started, as {@link TelemetrySnapshot} JSON. Benches of
 * real boards read it before and after a run and take the difference (per board: hops, compute, link and queue
 * time).
 */
@Controller("/telemetry")
public class TelemetryController {
  private final OnboardRuntime runtime;

  public TelemetryController(OnboardRuntime runtime) {
    this.runtime = runtime;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  public TelemetrySnapshot get() {
    return TelemetrySnapshot.of(runtime.telemetry(), runtime.health());
  }

}
