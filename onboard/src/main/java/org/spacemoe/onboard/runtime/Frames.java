package org.spacemoe.onboard.runtime;

import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.SequenceStart;
import org.spacemoe.shared.frame.SequenceStartCodec;
import org.spacemoe.shared.frame.TensorCodec;

/**
 * Builds the frames the runtime sends. Activations use the plan's codec for their link ({@link
 * PlanRoles#codecFor}): fp32 (the default) keeps a run bit-identical to the reference; fp16 and int8 are
 * quantised when the outbox encodes the frame and dequantised by the receiver's decoder.
 */
public final class Frames {
  /** Shared, immutable codec with the default limits. */
  static final ActivationFrameCodec CODEC = new ActivationFrameCodec();

  private Frames() {}

  static ActivationFrame floats(FrameKind kind, TensorCodec codec, long planVersion, long seq, long step, int layer,
      int expert, float[] v) {
    switch (kind) {
      case EXPERT_REQUEST:
        return ActivationFrame.expertRequest(planVersion, seq, step, layer, expert, codec, 1, v.length, v);
      case EXPERT_RESPONSE:
        return ActivationFrame.expertResponse(planVersion, seq, step, layer, expert, codec, 1, v.length, v);
      case HIDDEN:
        return ActivationFrame.hidden(planVersion, seq, step, layer, codec, 1, v.length, v);
      default:
        throw new IllegalArgumentException("not a tensor frame kind: " + kind);
    }
  }

  /** The end of a sequence, from the entry to every gateway: they release its state. */
  static ActivationFrame end(long planVersion, long seq) {
    return ActivationFrame.end(planVersion, seq);
  }

  static ActivationFrame tokens(long planVersion, long seq, long step, int layer, int[] tokens) {
    return ActivationFrame.tokens(planVersion, seq, step, layer, tokens);
  }

  /**
   * A sequence start for the entry gateway: a TOKEN frame at step 0 carrying the prompt, whose expert
   * field holds the number of tokens to generate (ring-closure TOKEN frames carry no expert); see
   * {@link SequenceStartCodec}.
   *
   * @throws IllegalArgumentException if the prompt is empty or newTokens is not in [1, 65534]
   */
  public static ActivationFrame start(long planVersion, long seq, int[] prompt, int newTokens) {
    return SequenceStartCodec.toFrame(new SequenceStart(planVersion, seq, prompt, newTokens));
  }
}
