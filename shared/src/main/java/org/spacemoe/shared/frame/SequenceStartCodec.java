package org.spacemoe.shared.frame;

import static org.spacemoe.shared.frame.FrameLayout.*;

/**
 * A {@link SequenceStart} as an activation frame: a TOKEN frame (I32) at token step 0, layer 0,
 * one row holding the prompt, whose {@code expert} field holds the number of tokens to generate.
 * Ring-closure TOKEN frames (a generated token going back to the entry gateway) carry no expert,
 * which is how a receiver tells the two apart ({@link #isStart}).
 */
public final class SequenceStartCodec {
  private SequenceStartCodec() {}

  /** The start as a TOKEN frame: step 0, layer 0, expert = newTokens, 1 x prompt length. */
  public static ActivationFrame toFrame(SequenceStart start) {
    return new ActivationFrame(start.planVersion(), start.sequenceId(), 0, 0, start.newTokens(),
        FrameKind.TOKEN, TensorCodec.I32, 1, start.promptLength(), null, start.prompt());
  }

  /**
   * True if {@code f} claims to be a sequence start: a TOKEN frame with an expert field (ring
   * closures have none). {@link #fromFrame} checks the rest.
   */
  public static boolean isStart(ActivationFrame f) {
    return f.kind() == FrameKind.TOKEN && f.expert() >= 0;
  }

  /**
   * The start {@code f} carries.
   *
   * @throws FrameDecodeException with {@link FrameError#BAD_START} naming the field if {@code f} is
   *     not a TOKEN frame, its token step or layer is not 0, its expert field (the number of tokens
   *     to generate) is below 1, or it is not one row of at least one token id
   */
  public static SequenceStart fromFrame(ActivationFrame f) {
    if (f.kind() != FrameKind.TOKEN) {
      throw bad("kind", KIND_OFFSET, "a sequence start is a TOKEN frame, got " + f.kind());
    }
    if (f.tokenStep() != 0) {
      throw bad("tokenStep", TOKEN_STEP_OFFSET,
          "a sequence start is at token step 0, got " + f.tokenStep());
    }
    if (f.layer() != 0) {
      throw bad("layer", LAYER_OFFSET, "a sequence start is at layer 0, got " + f.layer());
    }
    if (f.expert() < 1) {
      throw bad("expert", EXPERT_OFFSET, "the expert field holds the number of tokens to generate,"
          + " >= 1; got " + (f.hasExpert() ? String.valueOf(f.expert())
              : "none (a ring-closure TOKEN frame, not a start)"));
    }
    if (f.rows() != 1) {
      throw bad("rows", ROWS_OFFSET, "a sequence start is one row of prompt tokens, got "
          + f.rows() + " rows");
    }
    if (f.tokens().length == 0) { // not reachable through ActivationFrame (cols >= 1); kept for safety
      throw bad("cols", COLS_OFFSET, "a sequence start holds at least one prompt token, got none");
    }
    return new SequenceStart(f.planVersion(), f.sequenceId(), f.tokens(), f.expert());
  }

  private static FrameDecodeException bad(String field, int offset, String problem) {
    return new FrameDecodeException("sequence start", FrameError.BAD_START, field, offset, problem);
  }
}
