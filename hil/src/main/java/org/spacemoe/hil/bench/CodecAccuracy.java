package org.spacemoe.hil.bench;

import java.util.Arrays;
import java.util.Map;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.hipparchus.stat.descriptive.rank.Percentile.EstimationType;
import org.spacemoe.onboard.reference.ReferenceGenerator;

/**
 * How a run's activation codec did against the fp32 reference, on the run's own tokens (the reference replayed
 * with teacher forcing, {@link ReferenceGenerator#replay}): cosine similarity of every inter-layer hidden state
 * the broker carried (as the next layer decoded it) to the reference's, and greedy-token agreement (the run's
 * token equals the one the reference picks from the same context). Cosines are computed in double.
 *
 * @param codec activation codec on every link ({@code fp32}, {@code fp16}, {@code int8}), or {@code split} for a
 *     split run whose cuts use the codecs the split planned
 * @param comparison how {@code matchesReference} is decided: {@code exact} when every link is fp32 (same tokens, every hidden
 *     state within {@link BenchRunner#HIDDEN_TOLERANCE}); {@code tolerance} for lossy codecs (all tokens arrived,
 *     min cosine >= {@link #MIN_COSINE} and greedy agreement >= {@link #MIN_AGREEMENT}, the acceptance)
 * @param payloadBytesPerValue measured activation payload bytes per hidden value (int8 includes its per-row
 *     fp32 scale), NaN when no activation frame was observed
 * @param fp32OverThis 4 / payloadBytesPerValue: how many times fewer payload bytes than fp32
 * @param wireBytesPerToken all frame bytes of the sequence (headers, CRCs, token frames included) per token
 *     position (each prompt and generated position is one pass through the ring); the last ring-closure token
 *     frame (52 bytes) may cross the broker after the run ended and be missed
 * @param activationFrames activation frames observed
 * @param framesByKindAndCodec frames observed by {@code KIND/CODEC} (which codec each link class used)
 * @param hiddenStatesCompared inter-layer hidden states compared with the reference
 * @param maxHiddenAbsDiff largest absolute element difference (NaN when none compared)
 * @param minCosine smallest cosine similarity (NaN when none compared)
 * @param meanCosine mean cosine similarity
 * @param p1Cosine 1st percentile of the cosine similarities (nearest rank)
 * @param tokensCompared generated tokens compared
 * @param greedyAgreement fraction of generated tokens equal to the reference's choice from the same context
 * @param firstDisagreementStep token step of the first disagreement, -1 when none
 * @param routingCompared (step, layer) pairs whose expert requests were observed
 * @param routingMismatches of those, how many asked another set of experts than the reference picked: a lossy
 *     hidden state can flip a near-tie of the router, which swaps an expert's whole output into the residual
 * @param firstRoutingMismatch {@code step/layer} of the first mismatch (smallest step, then layer), or empty
 * @param minCosineByLayer per receiving layer 1..L-1 (index 0 is layer 1), the smallest cosine of the hidden
 *     states entering it (NaN where none was compared): shows how the loss grows with the hops behind a state
 */
public record CodecAccuracy(
    String codec,
    String comparison,
    double payloadBytesPerValue,
    double fp32OverThis,
    double wireBytesPerToken,
    long activationFrames,
    Map<String, Long> framesByKindAndCodec,
    int hiddenStatesCompared,
    double maxHiddenAbsDiff,
    double minCosine,
    double meanCosine,
    double p1Cosine,
    int tokensCompared,
    double greedyAgreement,
    long firstDisagreementStep,
    int routingCompared,
    int routingMismatches,
    String firstRoutingMismatch,
    double[] minCosineByLayer) {

  /** Lowest hidden-state cosine a lossy run may show and still match the reference (issue 7's acceptance). */
  public static final double MIN_COSINE = 0.999;
  /** Lowest greedy-token agreement a lossy run may show and still match the reference (issue 7's acceptance). */
  public static final double MIN_AGREEMENT = 0.99;

  /**
   * @param codec the run's codec name
   * @param exact every link of the run is fp32: compared exactly
   * @param reference the reference replayed on the run's tokens
   * @param hidden observed hidden states by {@link TokenDriver#hiddenKey} (step, receiving layer)
   * @param runTokens the tokens the run generated, in step order
   * @param wire the run's frames as counted at the broker (null when not watched)
   * @param requested experts asked per (step, layer), by {@link TokenDriver#hiddenKey}
   */
  static CodecAccuracy measure(String codec, boolean exact, ReferenceGenerator.Generation reference,
      Map<Long, float[]> hidden, int[] runTokens, WireTally wire, Map<Long, java.util.Set<Integer>> requested) {
    int layers = reference.steps().isEmpty() ? 0 : reference.steps().get(0).layerHidden().length;
    double[] cos = new double[reference.steps().size() * Math.max(0, layers - 1)];
    double[] byLayer = new double[Math.max(0, layers - 1)];
    Arrays.fill(byLayer, Double.NaN);
    int n = 0;
    double maxDiff = Double.NaN;
    for (ReferenceGenerator.Step step : reference.steps()) {
      for (int l = 0; l + 1 < layers; l++) {
        float[] seen = hidden.get(TokenDriver.hiddenKey(step.position(), l + 1));
        if (seen == null) {
          continue;
        }
        float[] want = step.layerHidden()[l];
        double diff = 0;
        for (int i = 0; i < want.length; i++) {
          diff = Math.max(diff, Math.abs(want[i] - seen[i]));
        }
        maxDiff = Double.isNaN(maxDiff) ? diff : Math.max(maxDiff, diff);
        double c = cosine(want, seen);
        cos[n++] = c;
        byLayer[l] = Double.isNaN(byLayer[l]) ? c : Math.min(byLayer[l], c);
      }
    }
    double[] c = Arrays.copyOf(cos, n);
    Arrays.sort(c);
    double mean = n == 0 ? Double.NaN : Arrays.stream(c).sum() / n;
    int compared = Math.min(runTokens.length, reference.generated().length);
    int agree = 0;
    long firstDisagreement = -1;
    int stepOffset = reference.prompt().length - 1;
    for (int i = 0; i < compared; i++) {
      if (runTokens[i] == reference.generated()[i]) {
        agree++;
      } else if (firstDisagreement < 0) {
        firstDisagreement = stepOffset + i;
      }
    }
    int routed = 0;
    int mismatches = 0;
    String firstMismatch = "";
    for (ReferenceGenerator.Step step : reference.steps()) {
      for (int l = 0; l < layers; l++) {
        java.util.Set<Integer> asked = requested.get(TokenDriver.hiddenKey(step.position(), l));
        if (asked == null) {
          continue;
        }
        routed++;
        java.util.Set<Integer> want = new java.util.HashSet<>();
        for (int e : step.selectedExperts()[l]) {
          want.add(e);
        }
        if (!want.equals(asked)) {
          if (mismatches++ == 0) {
            firstMismatch = step.position() + "/" + l;
          }
        }
      }
    }
    double perValue = wire == null ? Double.NaN : wire.payloadBytesPerValue();
    int positions = reference.prompt().length + compared - 1;
    double perToken = wire == null || positions <= 0 ? Double.NaN : (double) wire.frameBytes() / positions;
    return new CodecAccuracy(codec, exact ? "exact" : "tolerance", perValue,
        4.0 / perValue, perToken, wire == null ? 0 : wire.activationFrames(),
        wire == null ? Map.of() : wire.framesByKindAndCodec(), n, maxDiff,
        n == 0 ? Double.NaN : c[0], mean, new Percentile(1).withEstimationType(EstimationType.R_1).evaluate(c), compared,
        compared == 0 ? Double.NaN : (double) agree / compared, firstDisagreement, routed, mismatches, firstMismatch,
        byLayer);
  }

  /** Cosine similarity in double; 1 when both are zero vectors, 0 when only one is. */
  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    if (na == 0 && nb == 0) {
      return 1;
    }
    if (na == 0 || nb == 0) {
      return 0;
    }
    return dot / Math.sqrt(na * nb);
  }

  /**
   * Whether a lossy run is within the tolerance; {@code hiddenChecked}: hidden states were watched, so some must
   * have been compared (that all tokens arrived is checked by the caller).
   */
  boolean withinTolerance(boolean hiddenChecked) {
    boolean cosOk = !hiddenChecked || (hiddenStatesCompared > 0 && minCosine >= MIN_COSINE);
    return cosOk && tokensCompared > 0 && greedyAgreement >= MIN_AGREEMENT;
  }
}
