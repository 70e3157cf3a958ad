package org.spacemoe.shared.frame;

import java.util.Objects;

/**
 * An error about one sequence, published on {@link FrameTopics#sequenceErrors}; on the wire as
 * {@link SequenceErrorCodec} bytes. The string lengths (at most {@value
 * SequenceErrorCodec#MAX_SATELLITE_BYTES} and {@value SequenceErrorCodec#MAX_DETAIL_BYTES} UTF-8
 * bytes) are checked by {@link SequenceErrorCodec#encode}, like frame values.
 *
 * @param planVersion plan version the reporter ran; unsigned 64-bit, any value (0 if unknown)
 * @param sequenceId sequence id; unsigned 64-bit
 * @param tokenStep token step that failed; in [0, 2^32 - 1]
 * @param layer layer where it failed; in [0, 65535]
 * @param satellite name of the reporting satellite (empty if unknown)
 * @param reason why
 * @param detail free text for people (may be empty), e.g. {@code no ack after 6 tries}
 */
public record SequenceError(long planVersion, long sequenceId, long tokenStep, int layer,
    String satellite, SequenceErrorReason reason, String detail) {

  /** Checks the ranges the wire can carry and that nothing is null. */
  public SequenceError {
    Objects.requireNonNull(satellite, "satellite");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    if (tokenStep < 0 || tokenStep > ActivationFrame.MAX_TOKEN_STEP) {
      throw new IllegalArgumentException("sequence error tokenStep: must be in [0, "
          + ActivationFrame.MAX_TOKEN_STEP + "], got " + tokenStep);
    }
    if (layer < 0 || layer > ActivationFrame.MAX_LAYER) {
      throw new IllegalArgumentException("sequence error layer: must be in [0, "
          + ActivationFrame.MAX_LAYER + "], got " + layer);
    }
  }

  /**
   * One line for people, for example {@code sequence 1 step 12 layer 5 on p03s07:
   * GATEWAY_UNREACHABLE (no ack after 6 tries)}. The {@code on} part is left out for an empty
   * satellite, the parenthesis for an empty detail; control characters (line breaks) in the
   * strings are shown as spaces, so the line stays one line.
   */
  public String describe() {
    StringBuilder s = new StringBuilder("sequence ").append(Long.toUnsignedString(sequenceId))
        .append(" step ").append(tokenStep)
        .append(" layer ").append(layer);
    if (!satellite.isEmpty()) {
      s.append(" on ").append(oneLine(satellite));
    }
    s.append(": ").append(reason);
    if (!detail.isEmpty()) {
      s.append(" (").append(oneLine(detail)).append(')');
    }
    return s.toString();
  }

  private static String oneLine(String text) {
    StringBuilder s = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> s.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
    return s.toString();
  }
}
