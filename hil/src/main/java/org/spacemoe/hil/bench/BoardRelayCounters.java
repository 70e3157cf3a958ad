package org.spacemoe.hil.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A board's ISL relay counters in {@code isl: mesh} mode, as its {@code /telemetry} gives them (monotonic totals of the
 * onboard process); each is null when the board's telemetry has no such field (a runtime without them, or shared
 * mode).
 *
 * @param relayedFrames frames it forwarded for other satellites
 * @param relayedBytes bytes of those frames
 * @param reroutes frames sent again over another route after a link was taken as down
 */
public record BoardRelayCounters(Long relayedFrames, Long relayedBytes, Long reroutes) {
  /** The JSON fields, as the onboard telemetry names them. */
  static final String[] FIELDS = {"relayedFrames", "relayedBytes", "reroutes"};
  /** All counters zero: a board restarted during the run. */
  static final BoardRelayCounters ZERO = new BoardRelayCounters(0L, 0L, 0L);

  /** The counters in a {@code /telemetry} document. */
  static BoardRelayCounters of(JsonNode telemetry) {
    return new BoardRelayCounters(count(telemetry, FIELDS[0]), count(telemetry, FIELDS[1]), count(telemetry, FIELDS[2]));
  }

  /** This run's counts: {@code this} (after) minus {@code before}; null where either lacks the field. */
  BoardRelayCounters minus(BoardRelayCounters before) {
    return new BoardRelayCounters(diff(relayedFrames, before.relayedFrames), diff(relayedBytes, before.relayedBytes),
        diff(reroutes, before.reroutes));
  }

  /** At least one counter is present. */
  boolean reported() {
    return relayedFrames != null || relayedBytes != null || reroutes != null;
  }

  private static Long count(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isIntegralNumber() ? v.longValue() : null;
  }

  private static Long diff(Long after, Long before) {
    return after == null || before == null ? null : after - before;
  }
}
