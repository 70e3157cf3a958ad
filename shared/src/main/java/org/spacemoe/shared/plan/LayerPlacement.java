package org.spacemoe.shared.plan;

import java.util.List;

/**
 * Where one MoE layer lives.
 *
 * @param layer 0-based layer index
 * @param subnet names of the satellites of this layer's subnet (the gateway and the experts among them)
 * @param gateway satellite running attention, router and combine
 * @param experts {@code experts.get(e)}: satellites hosting expert {@code e} (one in the paper's setting)
 */
public record LayerPlacement(int layer, List<String> subnet, String gateway, List<List<String>> experts) {
  public LayerPlacement {
    subnet = List.copyOf(subnet);
    experts = experts.stream().map(List::copyOf).toList();
  }
}
