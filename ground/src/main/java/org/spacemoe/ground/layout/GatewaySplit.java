package org.spacemoe.ground.layout;

import java.util.Arrays;

/**
 * Tensor-parallel gateways (written to the plan as {@code attentionParts} / {@code headParts}). Layer {@code l}'s attention
 * is split by heads over its gateway (the lead) and the satellites {@code attentionParts[l]}: width
 * {@code k = 1 + parts}, each of the {@code k} computing {@code 1/k} of the heads' Q, K, V projections, attention over
 * its share of the KV cache and its slice of the O projection; the lead sends each part the normed hidden state and
 * sums the returned partial d-vectors, then runs the router alone. The last layer's LM head is split likewise by
 * vocabulary slices over its gateway and {@code headParts} (each part returns its slice's best logit).
 *
 * <p>Invariants (checked by {@link Placement}): one entry per layer; parts of a layer are distinct, never the layer's
 * gateway, and a width is at most {@link #MAX_WIDTH}. Empty arrays mean no split, today's single gateway.
 *
 * @param attentionParts {@code attentionParts[l]}: satellites computing a share of layer l's attention heads
 * @param headParts satellites computing a vocabulary slice of the last layer's LM head
 */
public record GatewaySplit(int[][] attentionParts, int[] headParts) {
  /** Widest split (lead included). */
  public static final int MAX_WIDTH = 4;

  /** No layer split: every gateway computes alone. */
  public static GatewaySplit none(int layers) {
    int[][] parts = new int[layers][];
    Arrays.fill(parts, new int[0]);
    return new GatewaySplit(parts, new int[0]);
  }

  /** True when some layer's attention or the LM head is split. */
  public boolean any() {
    return headParts.length > 0 || Arrays.stream(attentionParts).anyMatch(p -> p.length > 0);
  }

  /** Satellites sharing layer {@code l}'s attention, lead included: 1 = no split. */
  public int attentionWidth(int l) {
    return 1 + attentionParts[l].length;
  }

  /** Satellites sharing the LM head, lead included: 1 = no split. */
  public int headWidth() {
    return 1 + headParts.length;
  }

  /** Per layer, {@link #attentionWidth}. */
  public int[] attentionWidths() {
    int[] w = new int[attentionParts.length];
    for (int l = 0; l < w.length; l++) {
      w[l] = attentionWidth(l);
    }
    return w;
  }

  void check(int[] gateways) {
    if (attentionParts.length != gateways.length) {
      throw new IllegalArgumentException("gateway split has " + attentionParts.length + " layers, the placement "
          + gateways.length);
    }
    for (int l = 0; l < gateways.length; l++) {
      checkParts(attentionParts[l], gateways[l], "layer " + l + "'s attention");
    }
    if (gateways.length > 0) {
      checkParts(headParts, gateways[gateways.length - 1], "the LM head");
    } else if (headParts.length > 0) {
      throw new IllegalArgumentException("an LM head split without layers");
    }
  }

  private static void checkParts(int[] parts, int lead, String what) {
    if (parts.length + 1 > MAX_WIDTH) {
      throw new IllegalArgumentException(what + " is split " + (parts.length + 1) + " ways, at most " + MAX_WIDTH);
    }
    if (Arrays.stream(parts).anyMatch(p -> p == lead) || Arrays.stream(parts).distinct().count() != parts.length) {
      throw new IllegalArgumentException(what + "'s parts " + Arrays.toString(parts)
          + " must be distinct satellites other than its gateway " + lead);
    }
  }
}
