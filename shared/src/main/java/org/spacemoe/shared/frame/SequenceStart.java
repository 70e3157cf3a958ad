package org.spacemoe.shared.frame;

import java.util.Arrays;
import java.util.Objects;

/**
 * The start of a sequence, sent to the entry gateway: generate {@code newTokens} tokens after
 * {@code prompt}. On the wire it is a TOKEN frame (see {@link SequenceStartCodec}).
 *
 * <p>The record copies {@code prompt} on construction and on access, so it is immutable; {@link
 * #equals} and {@link #hashCode} compare the prompt's contents.
 *
 * @param planVersion placement plan version; unsigned 64-bit, never 0
 * @param sequenceId sequence (request) id; unsigned 64-bit, any value
 * @param prompt prompt token ids, at least one
 * @param newTokens number of tokens to generate, in [1, {@link ActivationFrame#MAX_EXPERT}] (it
 *     travels in the frame's u16 expert field)
 */
public record SequenceStart(long planVersion, long sequenceId, int[] prompt, int newTokens) {

  /** Checks the ranges; copies the prompt. */
  public SequenceStart {
    Objects.requireNonNull(prompt, "prompt");
    if (planVersion == 0) {
      throw invalid("planVersion", "must be >= 1, got 0");
    }
    if (prompt.length == 0) {
      throw invalid("prompt", "must hold at least one token id, got none");
    }
    if (newTokens < 1 || newTokens > ActivationFrame.MAX_EXPERT) {
      throw invalid("newTokens", "must be in [1, " + ActivationFrame.MAX_EXPERT + "], got "
          + newTokens);
    }
    prompt = prompt.clone();
  }

  /** A copy of the prompt token ids. */
  @Override
  public int[] prompt() {
    return prompt.clone();
  }

  /** Number of prompt tokens, without copying the prompt. */
  public int promptLength() {
    return prompt.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SequenceStart s
        && planVersion == s.planVersion
        && sequenceId == s.sequenceId
        && newTokens == s.newTokens
        && Arrays.equals(prompt, s.prompt);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(planVersion, sequenceId, newTokens) + Arrays.hashCode(prompt);
  }

  @Override
  public String toString() {
    return "SequenceStart[plan " + Long.toUnsignedString(planVersion)
        + ", seq " + Long.toUnsignedString(sequenceId)
        + ", " + prompt.length + " prompt tokens, " + newTokens + " new tokens]";
  }

  private static IllegalArgumentException invalid(String field, String problem) {
    return new IllegalArgumentException("sequence start " + field + ": " + problem);
  }
}
