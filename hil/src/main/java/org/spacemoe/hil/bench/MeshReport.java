package org.spacemoe.hil.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spacemoe.onboard.telemetry.RelayTelemetry;

/**
 * What the ISL mesh did in a bench run ({@code --isl mesh}), summed over every runtime.
 *
 * @param satellitesRun satellites the bench ran: the plan's and the relays on routes between them (with their
 *     neighbours, the detours)
 * @param relaysOutsideThePlan of those, satellites with no role in the plan (they only forward)
 * @param relayedFrameCount frames a satellite forwarded for others
 * @param relayedBytes their bytes
 * @param relayedFrames frames forwarded per satellite that forwarded any
 * @param linkFrames frames sent per directed link {@code A>B} used (first hops and relays)
 * @param reroutes frames sent to another next hop than the failure-free route's, or taken off a failed link and
 *     sent again
 * @param linksDown links taken out of the routes (failed connections and {@code link-down} faults)
 * @param linksUp failed links that came back
 * @param noRoute frames dropped with no route left
 * @param framesSentOverLinks frames published on links (each hop of each frame)
 * @param framesArrivedOverLinks frames that arrived over a link (equal to the sent ones once all arrived, duplicates
 *     aside)
 * @param frameHopsPerToken frame hops on the critical path per timed token (what a shared broker pays overhead on)
 * @param islHopsPerToken ISL hops on the critical path per timed token (what the mesh pays overhead on: every relay)
 * @param relayOverheadPerTokenMs the prediction's extra software time per token over the shared broker's for the
 *     same tokens: (ISL hops - frame hops) x the calibrated per-hop overhead, ms
 */
public record MeshReport(int satellitesRun, int relaysOutsideThePlan, long relayedFrameCount, long relayedBytes,
    Map<String, Long> relayedFrames, Map<String, Long> linkFrames, long reroutes, long linksDown, long linksUp,
    long noRoute, long framesSentOverLinks, long framesArrivedOverLinks, double frameHopsPerToken, double islHopsPerToken, double relayOverheadPerTokenMs) {

  /** Sums the counters of {@code relays} (one per runtime). */
  static MeshReport of(int satellitesRun, int relaysOutsideThePlan, List<RelayTelemetry> relays,
      double frameHopsPerToken, double islHopsPerToken, double hopOverheadMs) {
    Map<String, Long> relayed = new TreeMap<>();
    Map<String, Long> links = new TreeMap<>();
    long frames = 0;
    long bytes = 0;
    long reroutes = 0;
    long down = 0;
    long up = 0;
    long none = 0;
    long sent = 0;
    long arrived = 0;
    for (RelayTelemetry r : relays) {
      r.relayedFrames().forEach((k, v) -> relayed.merge(k, v, Long::sum));
      r.linkFrames().forEach((k, v) -> links.merge(k, v, Long::sum));
      frames += r.relayedFrameCount();
      bytes += r.relayedByteCount();
      reroutes += r.reroutes();
      down += r.linksDown();
      up += r.linksUp();
      none += r.noRoute();
      sent += r.sentFrames();
      arrived += r.arrivedFrames();
    }
    return new MeshReport(satellitesRun, relaysOutsideThePlan, frames, bytes, relayed, links, reroutes, down, up, none, sent,
        arrived, frameHopsPerToken, islHopsPerToken, (islHopsPerToken - frameHopsPerToken) * hopOverheadMs);
  }
}
