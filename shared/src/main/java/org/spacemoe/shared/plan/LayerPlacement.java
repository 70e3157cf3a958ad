package org.spacemoe.shared.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Where one MoE layer lives.
 *
 * @param layer 0-based layer index
 * @param subnet names of the satellites of this layer's subnet (the gateway and the experts among them)
 * @param gateway satellite running attention, router and (unless {@code combine} is next) combine
 * @param experts {@code experts.get(e)}: satellites hosting expert {@code e} (one in the paper's setting)
 * @param combine where the expert outputs are combined; {@code null} (absent in JSON) means
 *     {@link CombinePoint#OWN}
 */
public record LayerPlacement(int layer, List<String> subnet, String gateway, List<List<String>> experts,
    @JsonInclude(JsonInclude.Include.NON_NULL) CombinePoint combine) {
  public LayerPlacement {
    subnet = List.copyOf(subnet);
    experts = experts.stream().map(List::copyOf).toList();
    if (combine == CombinePoint.OWN) {
      combine = null; // one spelling of "own": absent, as in plans written before the field existed
    }
  }

  /** A layer combined at its own gateway. */
  public LayerPlacement(int layer, List<String> subnet, String gateway, List<List<String>> experts) {
    this(layer, subnet, gateway, experts, null);
  }

  /** The combine point, {@link CombinePoint#OWN} when absent. */
  public CombinePoint combinePoint() {
    return combine == null ? CombinePoint.OWN : combine;
  }
}
