package org.spacemoe.shared.frame;

import java.util.Optional;

/** What a frame carries, with its one-byte wire code (frame offset 5). */
public enum FrameKind {
  /** Generated token ids on their way around the ring back to layer 1; always {@link TensorCodec#I32}. */
  TOKEN(1),
  /** A hidden state from one layer's gateway to the next layer's gateway. */
  HIDDEN(2),
  /** A hidden state from a gateway to one of its experts. */
  EXPERT_REQUEST(3),
  /** An expert's output on its way back to the gateway. */
  EXPERT_RESPONSE(4),
  /**
   * The receiver has applied the frame identified by (plan version, sequence id, token step, layer,
   * expert); always {@link TensorCodec#I32}, shape 1 x 1, the single value 0.
   */
  ACK(5),
  /**
   * The end of a sequence (finished or failed), from the entry to every gateway and standby, which release its
   * state; shaped like an ACK (I32, 1 x 1, the single value 0).
   */
  END(6),
  /**
   * Tensor-parallel attention: the layer's input hidden state from a split layer's gateway to one of its attention
   * parts (expert field = the part's share, 1..3); rows 0..step (history) when the part may have to rebuild its KV
   * cache share. Always {@link TensorCodec#FP32}.
   */
  PART_REQUEST(7),
  /** A part's term of the attention output (1 x d) back to the layer's gateway; expert field = its share. FP32. */
  PART_RESPONSE(8),
  /** The last layer's combined hidden state from its gateway to an LM-head slice (expert field = share). FP32. */
  SLICE_REQUEST(9),
  /**
   * A head slice's answer: 1 x 2, its best logit and that token's id (an integer below 2^24, exact in a float).
   * FP32.
   */
  SLICE_RESPONSE(10);

  private final int code;

  FrameKind(int code) {
    this.code = code;
  }

  /** The wire code, 1..10. */
  public int code() {
    return code;
  }

  /**
   * True for the kinds that carry token ids ({@link TensorCodec#I32}): TOKEN, ACK and END. Every
   * other kind carries floats and never uses I32.
   */
  public boolean usesI32() {
    return this == TOKEN || isControl();
  }

  /** True for ACK and END: control frames, I32 1 x 1 holding 0. */
  public boolean isControl() {
    return this == ACK || this == END;
  }

  /** The kind with this wire code, or empty when no kind has it. */
  public static Optional<FrameKind> fromCode(int code) {
    for (FrameKind k : values()) {
      if (k.code == code) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
