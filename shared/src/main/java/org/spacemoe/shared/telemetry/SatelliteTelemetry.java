package org.spacemoe.shared.telemetry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.spacemoe.shared.input.OptionalField;

/**
 * The heartbeat a satellite publishes (retained) on {@code spacemoe/v1/sat/NAME/telemetry}.
 *
 * @param satellite satellite name
 * @param timestampMs sender's wall clock, ms since the epoch
 * @param activePlanVersion plan version new sequences run on (0: none)
 * @param stagedPlanVersion plan version staged and ready to activate (0: none)
 * @param health UP or DOWN
 * @param reason why DOWN (null when UP)
 * @param droppedFrames drop counters by reason of the process hosting this satellite; a key with a colon
 *     ({@code MALFORMED:TRUNCATED}) is a breakdown of the reason before the colon, already counted in it
 * @param expertActivations activations of the experts this satellite hosts, by {@code layer/expert}
 * @param framesReceived frames received by the hosting process
 * @param framesSent frames sent by the hosting process
 * @param hopsByLayer per layer, the hosting process's hop totals since it started (hops, and their compute, link and
 *     queue time); {@code null} (absent from the JSON, as in heartbeats written before it existed) when not told
 */
public record SatelliteTelemetry(
    String satellite,
    long timestampMs,
    long activePlanVersion,
    long stagedPlanVersion,
    String health,
    String reason,
    Map<String, Long> droppedFrames,
    Map<String, Long> expertActivations,
    long framesReceived,
    long framesSent,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Map<Integer, LayerHops> hopsByLayer) {

  /** A heartbeat without hop totals. */
  public SatelliteTelemetry(String satellite, long timestampMs, long activePlanVersion, long stagedPlanVersion,
      String health, String reason, Map<String, Long> droppedFrames, Map<String, Long> expertActivations,
      long framesReceived, long framesSent) {
    this(satellite, timestampMs, activePlanVersion, stagedPlanVersion, health, reason, droppedFrames,
        expertActivations, framesReceived, framesSent, null);
  }

  /**
   * One layer's hop totals of a process (monotonic counters).
   *
   * @param hops hops handled for the layer
   * @param computeMs their total compute time, ms
   * @param linkMs their total link time (send decision to arrival, including the emulated hold), ms
   * @param queueMs their total queue time (arrival to start), ms
   */
  public record LayerHops(long hops, double computeMs, double linkMs, double queueMs) {}

  public static final String FORMAT = "spacemoe-telemetry";

  /** Frames dropped, each counted once: the sum of the reasons, breakdowns ({@code REASON:detail}) left out. */
  public long droppedTotal() {
    if (droppedFrames == null) {
      return 0;
    }
    return droppedFrames.entrySet().stream().filter(e -> e.getKey().indexOf(':') < 0)
        .mapToLong(e -> e.getValue() == null ? 0 : e.getValue()).sum();
  }
}
