package org.spacemoe.ground.console;

import java.util.List;
import java.util.Map;

/**
 * What the operations console shows, as one JSON document ({@code /state} and every {@code /events} event).
 *
 * @param version increases with every change the console heard
 * @param timestampMs when this snapshot was taken (console clock)
 * @param broker the broker the console listens to
 * @param plan the plan given with {@code --plan} (or the bench's), or null
 * @param satellites every satellite heard or in the plan, sorted by name
 * @param drops frames dropped by reason: per reason the largest counter any heartbeat reports (counters are per
 *     hosting process, and every satellite of one process reports the same ones)
 * @param stageChanges the latest uplink stage changes, oldest first (at most {@value ConsoleModel#MAX_STAGE_CHANGES})
 * @param latency per-token latency of the shown sequence
 * @param counters messages heard, by kind ({@code telemetry}, {@code status}, {@code tokens}, {@code unreadable})
 * @param links the plan satellites' inter-satellite links in the current slot, or null without a plan
 * @param hops per layer, mean compute, link and queue time per hop from the heartbeats' hop totals
 */
public record ConsoleState(long version, long timestampMs, String broker, PlanInfo plan, List<Satellite> satellites,
    Map<String, Long> drops, List<StageChange> stageChanges, Latency latency, Map<String, Long> counters,
    Links links, List<LayerHops> hops) {

  /**
   * The plan satellites' +Grid links in one time slot.
   *
   * @param slot the slot shown (-1 when the links are unavailable)
   * @param slots the plan's slot count
   * @param slotRule how the slot was chosen: {@code pinned} (the bench's, or {@code ground console --slot}) or
   *     {@code clock} (orbit time advancing with wall time from when the console got the plan, time scale 1, as
   *     an unpinned node's slot clock)
   * @param slotLengthS one slot, s of orbit time
   * @param survivalProbability the plan's per-link survival probability (draw 0 of its seed decides which fail)
   * @param links every candidate link with a plan satellite at an end, sorted by name
   * @param unavailable why there are no links (the plan's constellation cannot be rebuilt here), else null
   */
  public record Links(int slot, int slots, String slotRule, double slotLengthS, double survivalProbability,
      List<Link> links, String unavailable) {}

  /**
   * One candidate +Grid link.
   *
   * @param name {@code A-B}, ends in name order
   * @param kind {@code INTRA_PLANE} or {@code INTER_PLANE}
   * @param bothInPlan whether both ends are plan satellites (else one end is a grid neighbour outside the plan)
   * @param exists whether the slot's geometry allows it (line of sight, range, tracking limit)
   * @param up whether it exists and survives the plan's link-survival draw for the slot
   * @param lengthKm its length when it exists, else null
   */
  public record Link(String name, String a, String b, String kind, boolean bothInPlan, boolean exists, boolean up,
      Double lengthKm) {}

  /**
   * One layer's mean per-hop times.
   *
   * @param layer the layer
   * @param hops hops counted (summed over the distinct hosting processes heard)
   * @param computeMs mean compute per hop, ms
   * @param linkMs mean link time per hop (send decision to arrival, including the emulated hold), ms
   * @param queueMs mean queue time per hop (arrival to start), ms
   */
  public record LayerHops(int layer, long hops, double computeMs, double linkMs, double queueMs) {}

  /**
   * @param planVersion the plan's version
   * @param entry the first layer's gateway (where sequences start)
   * @param layers layer count
   * @param satellites the satellites the plan uses
   */
  public record PlanInfo(long planVersion, String entry, int layers, int satellites) {}

  /**
   * One satellite.
   *
   * @param plane orbital plane from a {@code pPPsSS} name, or null
   * @param slot slot in the plane from a {@code pPPsSS} name, or null
   * @param health UP or DOWN from the latest heartbeat, UNKNOWN before one was heard
   * @param healthReason why DOWN, else null
   * @param activePlanVersion plan version running tokens (0: none)
   * @param stagedPlanVersion plan version staged (0: none)
   * @param lastHeartbeatMs the latest heartbeat's timestamp (satellite clock), 0 if none heard
   * @param stage the latest uplink report's stage, or null
   * @param stagePlanVersion the plan version that report is about (0: none)
   * @param missingChunks chunks that report still lists as missing (0 when none or no report)
   * @param detail that report's detail line, or null
   * @param rejectReason the reject reason code when that report is a rejection, else null
   * @param inPlan whether the plan uses this satellite
   * @param roles what the plan puts here: {@code L0 gateway}, {@code L0 standby}, {@code L3 expert 5}
   * @param dropped frames dropped (each counted once) by this satellite's hosting process
   */
  public record Satellite(String name, Integer plane, Integer slot, String health, String healthReason,
      long activePlanVersion, long stagedPlanVersion, long lastHeartbeatMs, String stage, long stagePlanVersion,
      long missingChunks, String detail, String rejectReason, boolean inPlan, List<String> roles, long dropped) {}

  /** An uplink stage change of one satellite, at console time {@code atMs}. */
  public record StageChange(String satellite, String stage, long planVersion, String rejectReason, long atMs) {}

  /**
   * Per-token latency of one sequence.
   *
   * @param sequence the sequence shown (the bench's timed one, else the latest that produced a token), 0 if none
   * @param sequencesSeen sequences whose tokens were heard
   * @param expectedTokens tokens the sequence is to produce when known (the bench tells), else 0
   * @param measuredPoints tokens with a measured latency
   * @param points one per token heard, by step
   * @param measuredMeanS mean measured latency of the tokens after the first, s (as the bench report's mean), or null
   * @param predictedMeanS mean prediction over the points that have one, s, or null
   */
  public record Latency(long sequence, int sequencesSeen, int expectedTokens, int measuredPoints,
      List<TokenPoint> points, Double measuredMeanS, Double predictedMeanS) {}

  /**
   * One generated token.
   *
   * @param index 1 for the sequence's first token heard, then 2, 3, ...
   * @param step the frame's token step
   * @param token the token id
   * @param measuredS time since the previous token arrived, or since the sequence started for the first token
   *     (known only when the bench tells the console; null otherwise)
   * @param predictedS the prediction for this token, or null
   */
  public record TokenPoint(int index, long step, int token, Double measuredS, Double predictedS) {}
}
