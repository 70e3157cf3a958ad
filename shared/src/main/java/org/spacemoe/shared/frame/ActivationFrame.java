package org.spacemoe.shared.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * One activation frame: a row-major {@code rows x cols} tensor plus the routing header that says
 * which plan, sequence, token step, layer and expert it belongs to. Float codecs carry {@link
 * #values()} (the values to send, or the dequantised values received); {@link TensorCodec#I32}
 * carries {@link #tokens()} (token ids). The other array is {@code null}.
 *
 * <p>The frame takes ownership of its array without copying it (hidden states are large and sent
 * once per token): do not modify the array after construction or through the accessor. {@link
 * #equals} and {@link #hashCode} compare array contents ({@code Arrays.equals} semantics: bit
 * patterns, so {@code -0.0f != 0.0f}).
 *
 * <p>The constructor checks structure only (what a frame header can express and a decoder checks).
 * Value checks (finite, within the FP16 range) happen in {@link ActivationFrameCodec#encode}.
 *
 * @param planVersion placement plan version the sender used; unsigned 64-bit, never 0
 * @param sequenceId sequence (request) id; unsigned 64-bit, any value
 * @param tokenStep decoding step within the sequence; in [0, 2^32 - 1]
 * @param layer MoE layer index (0-based); in [0, 65535]
 * @param expert expert index within the layer in [0, 65534], or {@link #NO_EXPERT}
 * @param kind what the frame carries; {@link FrameKind#TOKEN} or {@link FrameKind#ACK} if and only
 *     if codec is I32; an ACK is 1 x 1 holding the token id 0
 * @param codec wire encoding of the tensor
 * @param rows tensor rows, >= 1
 * @param cols tensor columns, >= 1
 * @param values {@code rows * cols} floats, row-major, for FP32/FP16/INT8; null for I32
 * @param tokens {@code rows * cols} token ids, row-major, for I32; null otherwise
 */
public record ActivationFrame(
    long planVersion,
    long sequenceId,
    long tokenStep,
    int layer,
    int expert,
    FrameKind kind,
    TensorCodec codec,
    int rows,
    int cols,
    float[] values,
    int[] tokens) {

  /** {@link #expert()} of a frame not addressed to an expert; 0xFFFF on the wire. */
  public static final int NO_EXPERT = -1;

  /** Largest token step (u32 on the wire). */
  public static final long MAX_TOKEN_STEP = 0xFFFF_FFFFL;

  /** Largest layer index (u16 on the wire). */
  public static final int MAX_LAYER = 0xFFFF;

  /** Largest expert index (u16 on the wire, 0xFFFF meaning none). */
  public static final int MAX_EXPERT = 0xFFFE;

  /** Checks the header ranges, kind/codec consistency, and that the array matches the shape. */
  public ActivationFrame {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(codec, "codec");
    if (kind.usesI32() != (codec == TensorCodec.I32)) {
      throw invalid("codec", kind + " frame cannot use codec " + codec
          + " (TOKEN, ACK and END frames use I32, other kinds a float codec)");
    }
    if (planVersion == 0) {
      throw invalid("planVersion", "must be >= 1, got 0");
    }
    if (tokenStep < 0 || tokenStep > MAX_TOKEN_STEP) {
      throw invalid("tokenStep", "must be in [0, " + MAX_TOKEN_STEP + "], got " + tokenStep);
    }
    if (layer < 0 || layer > MAX_LAYER) {
      throw invalid("layer", "must be in [0, " + MAX_LAYER + "], got " + layer);
    }
    if (expert < NO_EXPERT || expert > MAX_EXPERT) {
      throw invalid("expert", "must be in [0, " + MAX_EXPERT + "] or -1 (none), got " + expert);
    }
    if (rows < 1 || cols < 1) {
      throw invalid("shape", "rows and cols must be >= 1, got " + rows + " x " + cols);
    }
    long elements = (long) rows * cols;
    if (codec == TensorCodec.I32) {
      Objects.requireNonNull(tokens, "tokens (an I32 frame carries token ids)");
      if (values != null) {
        throw invalid("values", "must be null for an I32 frame (token ids go in tokens)");
      }
      if (tokens.length != elements) {
        throw invalid("tokens", "length " + tokens.length + " != rows * cols = " + elements);
      }
      if (kind.isControl() && (elements != 1 || tokens[0] != 0)) {
        throw invalid("ack", "an " + kind + " is 1 x 1 holding 0, got " + rows + " x " + cols
            + (elements == 1 ? " holding " + tokens[0] : ""));
      }
    } else {
      Objects.requireNonNull(values, "values (a " + codec + " frame carries floats)");
      if (tokens != null) {
        throw invalid("tokens", "must be null for a " + codec + " frame");
      }
      if (values.length != elements) {
        throw invalid("values", "length " + values.length + " != rows * cols = " + elements);
      }
    }
  }

  /**
   * A HIDDEN frame (gateway of one layer to the gateway of the next), not addressed to an expert.
   */
  public static ActivationFrame hidden(long planVersion, long sequenceId, long tokenStep, int layer,
      TensorCodec codec, int rows, int cols, float[] values) {
    return new ActivationFrame(planVersion, sequenceId, tokenStep, layer, NO_EXPERT,
        FrameKind.HIDDEN, codec, rows, cols, values, null);
  }

  /** An EXPERT_REQUEST frame: the hidden state a gateway sends to {@code expert} of its layer. */
  public static ActivationFrame expertRequest(long planVersion, long sequenceId, long tokenStep,
      int layer, int expert, TensorCodec codec, int rows, int cols, float[] values) {
    return new ActivationFrame(planVersion, sequenceId, tokenStep, layer, expert,
        FrameKind.EXPERT_REQUEST, codec, rows, cols, values, null);
  }

  /** An EXPERT_RESPONSE frame: the output {@code expert} returns to its layer's gateway. */
  public static ActivationFrame expertResponse(long planVersion, long sequenceId, long tokenStep,
      int layer, int expert, TensorCodec codec, int rows, int cols, float[] values) {
    return new ActivationFrame(planVersion, sequenceId, tokenStep, layer, expert,
        FrameKind.EXPERT_RESPONSE, codec, rows, cols, values, null);
  }

  /** A TOKEN frame with one row of {@code tokenIds.length} token ids (I32, no expert). */
  public static ActivationFrame tokens(long planVersion, long sequenceId, long tokenStep,
      int layer, int... tokenIds) {
    return new ActivationFrame(planVersion, sequenceId, tokenStep, layer, NO_EXPERT,
        FrameKind.TOKEN, TensorCodec.I32, 1, tokenIds.length, null, tokenIds);
  }

  /**
   * An ACK frame: the receiver has applied the frame identified by these five fields. I32, 1 x 1,
   * the single value 0; {@code expert} may be {@link #NO_EXPERT} (acknowledging a HIDDEN or TOKEN
   * frame).
   */
  public static ActivationFrame ack(long planVersion, long seq, long step, int layer, int expert) {
    return new ActivationFrame(planVersion, seq, step, layer, expert, FrameKind.ACK,
        TensorCodec.I32, 1, 1, null, new int[] {0});
  }

  /**
   * An END frame: sequence {@code seq} ended (finished or failed); receivers release its state. Step 0, layer 0,
   * no expert, I32 1 x 1 holding 0.
   */
  public static ActivationFrame end(long planVersion, long seq) {
    return new ActivationFrame(planVersion, seq, 0, 0, NO_EXPERT, FrameKind.END, TensorCodec.I32, 1, 1, null,
        new int[] {0});
  }

  /** Number of tensor elements, {@code rows * cols}. */
  public int elementCount() {
    return rows * cols; // fits: the array has exactly this length
  }

  /** True when the frame names an expert. */
  public boolean hasExpert() {
    return expert != NO_EXPERT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ActivationFrame f
        && planVersion == f.planVersion
        && sequenceId == f.sequenceId
        && tokenStep == f.tokenStep
        && layer == f.layer
        && expert == f.expert
        && kind == f.kind
        && codec == f.codec
        && rows == f.rows
        && cols == f.cols
        && Arrays.equals(values, f.values)
        && Arrays.equals(tokens, f.tokens);
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(planVersion, sequenceId, tokenStep, layer, expert, kind, codec, rows, cols);
    return 31 * (31 * h + Arrays.hashCode(values)) + Arrays.hashCode(tokens);
  }

  /** Header fields and the first few elements; never the whole tensor. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ActivationFrame[")
        .append(kind).append(' ').append(codec).append(' ').append(rows).append('x').append(cols)
        .append(", plan ").append(Long.toUnsignedString(planVersion))
        .append(", seq ").append(Long.toUnsignedString(sequenceId))
        .append(", step ").append(tokenStep)
        .append(", layer ").append(layer)
        .append(", expert ").append(hasExpert() ? String.valueOf(expert) : "none")
        .append(", [");
    int shown = Math.min(elementCount(), 4);
    for (int i = 0; i < shown; i++) {
      s.append(i == 0 ? "" : ", ");
      s.append(values != null ? String.valueOf(values[i]) : String.valueOf(tokens[i]));
    }
    return s.append(elementCount() > shown ? ", ...]]" : "]]").toString();
  }

  private static IllegalArgumentException invalid(String field, String problem) {
    return new IllegalArgumentException("activation frame " + field + ": " + problem);
  }
}
