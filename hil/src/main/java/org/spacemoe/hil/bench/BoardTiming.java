package org.spacemoe.hil.bench;

import java.util.List;

/**
 * One board's share of a bench run through real boards (differences of its {@code /telemetry} before and after).
 * Times in ms per hop it handled.
 *
 * @param board the board's name
 * @param satellites the satellites it hosts
 * @param hops hops it handled
 * @param computeMs mean compute per hop
 * @param linkMs mean link time per hop (send decision to arrival: emulated hold, broker and network); NaN when
 *     the boards do not share a clock
 * @param queueMs mean queue time per hop
 * @param predictedHops hops the plan sends to its satellites for the run's expert selections
 * @param predictedLinkMs mean modelled ISL latency of those hops (times the time scale)
 * @param linkMeasuredOverPredicted linkMs / predictedLinkMs
 * @param links {@code slower than emulated}, {@code faster than emulated} (beyond 10%), {@code as emulated}, or
 *     {@code not measured} (boards on different hosts)
 * @param drops frames it dropped
 * @param retries frames it sent again after a missed deadline (each re-sent expert request may be computed again:
 *     a board does at most {@code predictedHops + retries} hops)
 * @param relay with {@code isl: mesh}: the frames and bytes it forwarded for other satellites and its reroutes in
 *     this run, each null when its telemetry does not report it; null in shared mode
 */
public record BoardTiming(String board, List<String> satellites, long hops, double computeMs, double linkMs,
    double queueMs, long predictedHops, double predictedLinkMs, double linkMeasuredOverPredicted, String links,
    long drops, long retries, BoardRelayCounters relay) {

  /** Relative difference beyond which links are called slower or faster than the emulation. */
  public static final double TOLERANCE = 0.10;

  static String verdict(double ratio) {
    if (Double.isNaN(ratio)) {
      return "not measured";
    }
    return ratio > 1 + TOLERANCE ? "slower than emulated" : ratio < 1 - TOLERANCE ? "faster than emulated" : "as emulated";
  }
}
