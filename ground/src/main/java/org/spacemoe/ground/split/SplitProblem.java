package org.spacemoe.ground.split;

import java.util.List;
import org.spacemoe.shared.frame.FrameLayout;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * One split-planning instance and its cost model, shared by the A* planner, the brute force and the baselines.
 *
 * <p>Per-token latency of a plan = sum over stages of {@code FLOPs(stage units) / device FLOP/s} + sum over cuts
 * of {@code propagation + hops * frameBytes(codec) * 8 / rate} + the ring closure (the next token, a
 * {@value #TOKEN_PAYLOAD_BYTES}-byte frame, back from the last stage to the first). A stage fits when its units'
 * weights plus {@code sequences} KV caches fit the satellite's memory. The accuracy loss is the sum over cuts of
 * the codec's {@code lossPerCut}; it must stay {@code <= accuracyBudget}.
 *
 * @param units the layer sequence, in order
 * @param chain the satellites, in order
 * @param codecs measured per-codec losses; only these codecs are used
 * @param hidden hidden size: values per hidden state crossing a cut
 * @param rateBitsPerS ISL rate, bit/s
 * @param accuracyBudget largest allowed sum of per-cut losses, {@code >= 0}
 * @param sequences concurrent sequences (KV caches held, pipeline depth for throughput), {@code >= 1}
 */
public record SplitProblem(List<SplitUnit> units, SplitChain chain, CodecLossTable codecs, int hidden,
    double rateBitsPerS, double accuracyBudget, int sequences) {
  /** The sampled token sent back to the first stage: one int32. */
  public static final int TOKEN_PAYLOAD_BYTES = 4;
  /** Slack for summing losses in floating point. */
  public static final double LOSS_EPSILON = 1e-12;

  public SplitProblem {
    units = List.copyOf(units);
    if (!(accuracyBudget >= 0) || !Double.isFinite(accuracyBudget)) {
      throw new IllegalArgumentException("accuracy budget must be finite and >= 0");
    }
    if (sequences < 1 || hidden < 1 || !(rateBitsPerS > 0)) {
      throw new IllegalArgumentException("sequences, hidden and rate must be positive");
    }
  }

  public int unitCount() {
    return units.size();
  }

  public int stageCount() {
    return chain.size();
  }

  /** FLOPs of units {@code [from, to)}. */
  public double flops(int from, int to) {
    double f = 0;
    for (int u = from; u < to; u++) {
      f += units.get(u).flopsPerToken();
    }
    return f;
  }

  /** Compute time of units {@code [from, to)} on stage {@code stage}'s satellite, s. */
  public double computeS(int stage, int from, int to) {
    return chain.devices().get(stage).computeS(flops(from, to));
  }

  /** Memory units {@code [from, to)} need with {@link #sequences()} KV caches, bytes. */
  public long memoryBytes(int from, int to) {
    long m = 0;
    for (int u = from; u < to; u++) {
      m += units.get(u).memoryBytes(sequences);
    }
    return m;
  }

  public long memoryLimitBytes(int stage) {
    return chain.devices().get(stage).memoryBytes();
  }

  public boolean fits(int stage, int from, int to) {
    return memoryBytes(from, to) <= memoryLimitBytes(stage);
  }

  /** Bytes of one activation frame carrying one hidden state with {@code codec}. */
  public long frameBytes(HiddenStateCodec codec) {
    return FrameLayout.frameBytes(codec.bytes(hidden));
  }

  /** Time one hop of cut {@code link} is busy sending one hidden state, s. */
  public double hopTransmissionS(HiddenStateCodec codec) {
    return frameBytes(codec) * 8.0 / rateBitsPerS;
  }

  /** Latency of sending one hidden state across cut {@code link} (stage {@code link} to {@code link + 1}), s. */
  public double transferS(int link, HiddenStateCodec codec) {
    ChainLink l = chain.links().get(link);
    return l.propagationS() + l.hops() * hopTransmissionS(codec);
  }

  /** Latency of returning the sampled token from stage {@code lastStage} to stage 0, s. */
  public double ringCloseS(int lastStage) {
    double tx = FrameLayout.frameBytes(TOKEN_PAYLOAD_BYTES) * 8.0 / rateBitsPerS;
    return chain.ringCloseS()[lastStage] + chain.ringCloseHops()[lastStage] * tx;
  }

  /** Whether a multiset of cut codecs stays within the budget. */
  public boolean withinBudget(double loss) {
    return loss <= accuracyBudget + LOSS_EPSILON;
  }

  /** The same instance with other codecs (e.g. fp32 only). */
  public SplitProblem withCodecs(CodecLossTable other) {
    return new SplitProblem(units, chain, other, hidden, rateBitsPerS, accuracyBudget, sequences);
  }
}
