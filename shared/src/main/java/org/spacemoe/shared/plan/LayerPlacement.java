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
 * @param attentionParts tensor-parallel attention: the satellites other than the gateway that each compute a share of
 *     this layer's attention heads (share i + 1 of {@code 1 + attentionParts.size()}, share 0 being the gateway's,
 *     which also sums the shares and runs the router); empty (absent in JSON) means the gateway computes it alone
 * @param headParts on the last layer only: the satellites other than the gateway that each compute a vocabulary
 *     slice of the LM head (share i + 1, share 0 the gateway's, which picks the best of the slices' best logits);
 *     empty (absent in JSON) means the gateway computes the head alone
 */
public record LayerPlacement(int layer, List<String> subnet, String gateway, List<List<String>> experts,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) CombinePoint combine,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) String standby,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> attentionParts,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> headParts) {
  /** Widest tensor-parallel split of a layer's attention or of the LM head, the gateway included. */
  public static final int MAX_SPLIT_WIDTH = 4;

  public LayerPlacement {
    subnet = List.copyOf(subnet);
    experts = experts.stream().map(List::copyOf).toList();
    if (combine == CombinePoint.OWN) {
      combine = null; // one spelling of "own": absent, as in plans written before the field existed
    }
    attentionParts = attentionParts == null ? List.of() : List.copyOf(attentionParts);
    headParts = headParts == null ? List.of() : List.copyOf(headParts);
  }

  /** A layer without tensor-parallel parts. */
  public LayerPlacement(int layer, List<String> subnet, String gateway, List<List<String>> experts,
      CombinePoint combine, String standby) {
    this(layer, subnet, gateway, experts, combine, standby, List.of(), List.of());
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
    return new LayerPlacement(layer, subnet, gateway, experts, combine, satellite, attentionParts, headParts);
  }

  /** This layer with tensor-parallel parts (satellites other than the gateway; empty: none). */
  public LayerPlacement withParts(List<String> attention, List<String> head) {
    return new LayerPlacement(layer, subnet, gateway, experts, combine, standby, attention, head);
  }

  /** Satellites sharing this layer's attention, the gateway included: 1 = no split. */
  @JsonIgnore
  public int attentionWidth() {
    return 1 + attentionParts.size();
  }

  /** Satellites sharing the LM head, the gateway included: 1 = no split. */
  @JsonIgnore
  public int headWidth() {
    return 1 + headParts.size();
  }

  /**
   * Why this layer's tensor-parallel parts are not valid: wider than {@link #MAX_SPLIT_WIDTH}, naming the gateway or
   * its standby, or a satellite twice; head parts on a layer other than the last ({@code lastLayer}). {@code null}
   * when valid or absent.
   */
  public String splitProblem(int lastLayer) {
    if (!headParts.isEmpty() && layer != lastLayer) {
      return "layer " + layer + " has headParts, but only the last layer (" + lastLayer + ") runs the LM head";
    }
    String a = partsProblem(attentionParts, "attentionParts");
    return a != null ? a : partsProblem(headParts, "headParts");
  }

  private String partsProblem(List<String> parts, String field) {
    if (parts.size() + 1 > MAX_SPLIT_WIDTH) {
      return "layer " + layer + " " + field + " splits " + (parts.size() + 1) + " ways (with the gateway), at most "
          + MAX_SPLIT_WIDTH;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String p : parts) {
      if (p == null || p.equals(gateway) || p.equals(standby) || !seen.add(p)) {
        return "layer " + layer + " " + field + " " + parts + " must name distinct satellites other than the gateway "
            + gateway + (standby == null ? "" : " and its standby " + standby);
      }
    }
    return null;
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
