package org.spacemoe.onboard.telemetry;

import io.micronaut.core.annotation.Introspected;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.shared.input.OptionalField;

/**
 * A process's telemetry totals at one moment (monotonic counters; subtract two snapshots for a run).
 *
 * @param hops hops handled
 * @param computeMs total compute time, ms
 * @param linkMs total link time (send decision to arrival, including the emulated hold), ms
 * @param queueMs total queue time (arrival to start), ms
 * @param perLayer per layer: {hops, compute ms, link ms, queue ms}
 * @param framesReceived frames received
 * @param framesSent frames sent
 * @param drops drops by reason
 * @param expertActivations activations per {@code layer/expert}
 * @param status {@code UP} or {@code DOWN}
 * @param expertFailovers expert requests re-sent to another copy of the expert after the first timed out
 * @param retriesByKind frames sent again after a missed deadline, by frame kind
 * @param duplicatesIgnored frames received again and ignored (applied once)
 * @param commandRefusals ground commands refused, by {@code RejectReason} (bad signature, replayed, ...)
 * @param relayedFrames ISL mesh: frames this process's satellites forwarded for others (0 in shared-broker mode)
 * @param relayedBytes ISL mesh: their bytes
 * @param reroutes ISL mesh: frames sent off the failure-free route or taken off a failed link and sent again
 */
@Introspected
public record TelemetrySnapshot(long hops, double computeMs, double linkMs, double queueMs,
    @OptionalField Map<Integer, double[]> perLayer, long framesReceived, long framesSent,
    @OptionalField Map<String, Long> drops, @OptionalField Map<String, Long> expertActivations,
    @OptionalField String status, long expertFailovers, @OptionalField Map<String, Long> retriesByKind,
    long duplicatesIgnored, @OptionalField Map<String, Long> commandRefusals, @OptionalField Long relayedFrames,
    @OptionalField Long relayedBytes, @OptionalField Long reroutes) {

  /** All counters zero: a process that has done nothing yet. */
  public static final TelemetrySnapshot ZERO = new TelemetrySnapshot(0, 0, 0, 0, null, 0, 0, null, null, null, 0, null, 0,
      null, 0L, 0L, 0L);

  /** Empty maps may be left out of the JSON (Micronaut writes non-empty values only): read them back as empty. */
  public TelemetrySnapshot {
    perLayer = perLayer == null ? Map.of() : perLayer;
    drops = drops == null ? Map.of() : drops;
    expertActivations = expertActivations == null ? Map.of() : expertActivations;
    retriesByKind = retriesByKind == null ? Map.of() : retriesByKind;
    commandRefusals = commandRefusals == null ? Map.of() : commandRefusals;
    relayedFrames = relayedFrames == null ? 0L : relayedFrames;
    relayedBytes = relayedBytes == null ? 0L : relayedBytes;
    reroutes = reroutes == null ? 0L : reroutes;
  }

  /** Frames sent again after a missed deadline, all kinds. */
  public long retries() {
    return retriesByKind.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The counters of {@code t} now; {@code status} from {@code health} (may be empty). */
  public static TelemetrySnapshot of(NodeTelemetry t, Map<String, Object> health) {
    Map<Integer, double[]> layers = new LinkedHashMap<>(t.perLayerTotalsMs());
    double c = 0;
    double l = 0;
    double q = 0;
    long hops = 0;
    for (double[] a : layers.values()) {
      hops += (long) a[0];
      c += a[1];
      l += a[2];
      q += a[3];
    }
    return new TelemetrySnapshot(hops, c, l, q, layers, t.framesReceived(), t.framesSent(), t.dropsByReason(),
        t.expertActivations(), String.valueOf(health.get("status")), t.expertFailovers(), t.retriesByKind(),
        t.duplicatesIgnored(), t.commandRefusals(), t.relays().relayedFrameCount(), t.relays().relayedByteCount(),
        t.relays().reroutes());
  }
}
