package org.spacemoe.shared.plan;

import java.util.Locale;
import org.spacemoe.shared.frame.FrameKind;

/**
 * The kinds of link a plan can give its own activation codec, by the roles at both ends (a satellite knows them
 * from the plan alone, without orbit geometry). With the ring placement, {@link #HIDDEN} hops run along the
 * orbiting direction (intra-plane) and expert hops mostly cross planes (inter-plane).
 */
public enum LinkClass {
  /** Gateway of layer {@code l} to the gateway of layer {@code l+1}: the hidden state after combine. */
  HIDDEN,
  /** Gateway to an expert host: the expert's input. */
  EXPERT_REQUEST,
  /** Expert host back to its gateway: the expert's output. */
  EXPERT_RESPONSE;

  /** Name in plan JSON: {@code hidden}, {@code expert-request}, {@code expert-response}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The link class of a frame kind that carries floats. */
  public static LinkClass of(FrameKind kind) {
    switch (kind) {
      case HIDDEN:
        return HIDDEN;
      case EXPERT_REQUEST:
        return EXPERT_REQUEST;
      case EXPERT_RESPONSE:
        return EXPERT_RESPONSE;
      default:
        throw new IllegalArgumentException(kind + " frames carry token ids, not activations");
    }
  }
}
