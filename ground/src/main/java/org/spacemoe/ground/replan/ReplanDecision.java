package org.spacemoe.ground.replan;

/**
 * Whether to migrate. Decoding runs back to back: over a horizon of {@code H} seconds the current plan delivers
 * {@code H / T_current} tokens; the new one {@code (H - U) / T_new}, having waited {@code U} for the migration.
 * Migrate when the new plan delivers more, i.e. when the expected gain {@code H (1 - T_new / T_current)} (seconds
 * of decoding saved) beats the cost {@code U}.
 *
 * @param currentMeanS expected per-token latency of the current plan under the new conditions (statistics and/or
 *     epoch), s
 * @param newMeanS expected per-token latency of the new plan under the new conditions, s
 * @param horizonS how long the new conditions are expected to hold, s
 * @param costS migration time during which moved experts are unavailable, s
 * @param gainS expected seconds of decoding saved over the horizon
 * @param migrate true when {@code gainS > costS} and there is something to move
 * @param reason one line saying why
 */
public record ReplanDecision(double currentMeanS, double newMeanS, double horizonS, double costS, double gainS,
    boolean migrate, String reason) {

  public static ReplanDecision decide(double currentMeanS, double newMeanS, double horizonS, MigrationPlan moves) {
    double gain = horizonS * (1 - newMeanS / currentMeanS);
    double cost = moves.unavailableS();
    String reason;
    boolean migrate = false;
    if (!Double.isFinite(newMeanS)) {
      reason = "keeps the current plan: the new plan completes no token sample under the new conditions "
          + "(its gateways and experts are not connected)";
    } else if (!Double.isFinite(currentMeanS)) {
      migrate = !moves.moves().isEmpty();
      gain = horizonS;
      reason = migrate
          ? String.format("migrates: the current plan completes no token sample under the new conditions (its gateways "
              + "and experts are not connected), the new plan does (%.6f s per token) after %.3f s of %d shard moves",
              newMeanS, cost, moves.moves().size())
          : "keeps the current plan: it completes no token sample under the new conditions and nothing better was found";
    } else if (moves.moves().isEmpty()) {
      reason = "keeps the current plan: the new conditions give the same placement (nothing to move)";
    } else if (newMeanS >= currentMeanS) {
      reason = String.format("keeps the current plan: the new plan is not faster under the new conditions "
          + "(%.6f s vs %.6f s per token)", newMeanS, currentMeanS);
    } else if (gain <= cost) {
      reason = String.format("keeps the current plan: over %.0f s the new plan would save %.3f s of decoding, less than "
          + "the %.3f s its %d shard moves make experts unavailable", horizonS, gain, cost, moves.moves().size());
    } else {
      migrate = true;
      reason = String.format("migrates: over %.0f s the new plan saves %.3f s of decoding, more than the %.3f s its "
          + "%d shard moves make experts unavailable", horizonS, gain, cost, moves.moves().size());
    }
    return new ReplanDecision(currentMeanS, newMeanS, horizonS, cost, gain, migrate, reason);
  }
}
