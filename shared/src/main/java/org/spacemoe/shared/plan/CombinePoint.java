package org.spacemoe.shared.plan;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a layer's selected expert outputs are combined (weighted sum + residual).
 *
 * <ul>
 *   <li>{@link #OWN}: at the layer's own gateway (the paper's design): each expert returns its output to the
 *       gateway, which combines and forwards the hidden state to the next layer's gateway.</li>
 *   <li>{@link #NEXT}: at the next layer's gateway: each expert sends its weighted output straight on, and the
 *       gateway forwards the residual there; the next gateway sums them before its own attention. This saves
 *       the return hop. Never on the last layer (its gateway runs the LM head on the combined state).</li>
 * </ul>
 * In the plan JSON the field {@code combine} is absent for {@link #OWN} (plans written before it existed
 * read as own everywhere) and {@code "next"} for {@link #NEXT}.
 */
public enum CombinePoint {
  OWN("own"),
  NEXT("next");

  private final String wireName;

  CombinePoint(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
