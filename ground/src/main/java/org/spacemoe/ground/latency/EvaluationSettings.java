package org.spacemoe.ground.latency;

import org.spacemoe.shared.input.Checks;

/**
 * How many token samples to draw. Realisation {@code r} uses time slot {@code r mod slots} and link-failure
 * draw {@code r / slots}, so slots are covered evenly; each realisation carries {@code tokensPerRealisation}
 * tokens with independent top-k draws.
 *
 * @param realisations network realisations, >= 1
 * @param tokensPerRealisation token samples per realisation, >= 1
 * @param seed seed of the top-k draws (link failures use the scenario seed)
 */
public record EvaluationSettings(int realisations, int tokensPerRealisation, long seed) {
  public EvaluationSettings {
    Checks.positive("realisations", realisations);
    Checks.positive("tokens per realisation", tokensPerRealisation);
  }

  /** {@code samples} tokens spread over one realisation per slot (or fewer if samples < slots). */
  public static EvaluationSettings forSamples(int samples, int slots, long seed) {
    Checks.positive("--samples", samples);
    int realisations = Math.min(samples, slots);
    int perRealisation = (samples + realisations - 1) / realisations;
    return new EvaluationSettings(realisations, perRealisation, seed);
  }

  public int tokens() {
    return realisations * tokensPerRealisation;
  }
}
