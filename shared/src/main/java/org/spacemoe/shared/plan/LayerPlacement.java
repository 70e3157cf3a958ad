package org.spacemoe.shared.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;
import org.spacemoe.shared.input.OptionalField;

/**
 * Where one MoE layer lives.
 *
 * @param layer 0-based layer index
 * @param subnet names of the satellites of this layer's subnet (the gateway and the experts among them)
 * @param gateway satellite running attention, router and (unless {@code combine} is next) combine
 * @param experts {@code experts.get(e)}: satellites hosting expert {@code e} (one in the paper's setting)
 * @param combine where the expert outputs are combined; {@code null} (absent in JSON) means
 *     {@link CombinePoint#OWN}
 * @param standby a satellite of {@code subnet}, other than {@code gateway}, that loads the same gateway shard
 *     (plus the embedding for layer 0, the LM head for the last layer) and takes over the layer when the gateway's
 *     computer is down, rebuilding each sequence's KV cache by replay; {@code null} (absent in JSON, as in plans
 *     written before it existed) means no standby
 */
public record LayerPlacement(int layer, List<String> subnet, String gateway, List<List<String>> experts,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) CombinePoint combine,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) String standby) {
  public LayerPlacement {
    subnet = List.copyOf(subnet);
    experts = experts.stream().map(List::copyOf).toList();
    if (combine == CombinePoint.OWN) {
      combine = null; // one spelling of "own": absent, as in plans written before the field existed
    }
  }

  /** A layer without a standby gateway. */
  public LayerPlacement(int layer, List<String> subnet, String gateway, List<List<String>> experts,
      CombinePoint combine) {
    this(layer, subnet, gateway, experts, combine, null);
  }

  /** A layer combined at its own gateway, without a standby gateway. */
  public LayerPlacement(int layer, List<String> subnet, String gateway, List<List<String>> experts) {
    this(layer, subnet, gateway, experts, null, null);
  }

  /** The combine point, {@link CombinePoint#OWN} when absent. */
  public CombinePoint combinePoint() {
    return combine == null ? CombinePoint.OWN : combine;
  }

  /** The standby gateway satellite, empty when the layer has none. */
  @JsonIgnore
  public Optional<String> standbyGateway() {
    return Optional.ofNullable(standby);
  }

  /** This layer with {@code satellite} as its standby gateway ({@code null}: none). */
  public LayerPlacement withStandby(String satellite) {
    return new LayerPlacement(layer, subnet, gateway, experts, combine, satellite);
  }

  /**
   * Whether {@code satellite} runs or stands by for this layer's gateway: the gateway itself or its standby. Both
   * hold the gateway shard (and the embedding / head of the first / last layer).
   */
  public boolean holdsGatewayShard(String satellite) {
    return satellite != null && (satellite.equals(gateway) || satellite.equals(standby));
  }

  /**
   * Why {@link #standby} is not valid for this layer: not a member of {@link #subnet}, or the gateway itself;
   * {@code null} when it is valid or absent.
   */
  public String standbyProblem() {
    if (standby == null) {
      return null;
    }
    if (standby.equals(gateway)) {
      return "layer " + layer + " has standby " + standby + ", which is its gateway; a standby must be another"
          + " satellite of the subnet";
    }
    if (subnet == null || !subnet.contains(standby)) {
      return "layer " + layer + " has standby " + standby + ", which is not in its subnet; a standby must be a"
          + " satellite of the layer's subnet";
    }
    return null;
  }
}
