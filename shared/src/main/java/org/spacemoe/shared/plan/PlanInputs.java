package org.spacemoe.shared.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.spacemoe.shared.input.OptionalField;

/**
 * What a plan was computed from, so that it can be evaluated and audited on its own.
 *
 * @param constellationSpec spec string that rebuilds the constellation ({@code walker-star:...} or {@code tle:...})
 * @param model model dimensions
 * @param device device profile
 * @param codec hidden-state codec on ISLs
 * @param contextTokens context length for attention FLOPs
 * @param islRateBitsPerS ISL rate, bit/s
 * @param trackingLimitRadPerS ISL tracking limit, rad/s
 * @param linkSurvival per-link per-slot survival probability used for expected path latencies
 * @param slots time slots over one orbit
 * @param seed planning seed
 * @param statsSource where the activation statistics came from
 * @param expertShares per layer, per expert activation share (rows sum to 1)
 * @param fleet per-satellite devices of a mixed fleet; {@code null} (absent from the JSON, as in plans written
 *     before fleets existed) when every satellite is {@code device}
 * @param epochS start of the plan's orbit of slots, seconds after the constellation epoch; {@code null} (absent
 *     from the JSON, as in plans written before epochs existed) means 0
 */
public record PlanInputs(
    String constellationSpec,
    ModelDims model,
    DeviceSpec device,
    String codec,
    int contextTokens,
    double islRateBitsPerS,
    double trackingLimitRadPerS,
    double linkSurvival,
    int slots,
    long seed,
    String statsSource,
    List<double[]> expertShares,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) FleetSpec fleet,
    @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Double epochS) {

  /** A plan whose slots start at the constellation epoch. */
  public PlanInputs(String constellationSpec, ModelDims model, DeviceSpec device, String codec, int contextTokens,
      double islRateBitsPerS, double trackingLimitRadPerS, double linkSurvival, int slots, long seed,
      String statsSource, List<double[]> expertShares, FleetSpec fleet) {
    this(constellationSpec, model, device, codec, contextTokens, islRateBitsPerS, trackingLimitRadPerS,
        linkSurvival, slots, seed, statsSource, expertShares, fleet, null);
  }

  /** Start of the plan's slots after the constellation epoch, s (0 when not recorded). */
  public double epochSOrZero() {
    return epochS == null ? 0 : epochS;
  }

  /** A plan without a mixed fleet: every satellite is {@code device}. */
  public PlanInputs(String constellationSpec, ModelDims model, DeviceSpec device, String codec, int contextTokens,
      double islRateBitsPerS, double trackingLimitRadPerS, double linkSurvival, int slots, long seed,
      String statsSource, List<double[]> expertShares) {
    this(constellationSpec, model, device, codec, contextTokens, islRateBitsPerS, trackingLimitRadPerS,
        linkSurvival, slots, seed, statsSource, expertShares, null);
  }

  /** Model dimensions as stored in a plan. */
  public record ModelDims(String name, int layers, int experts, int topK, int hidden, int expertWidth, int vocab) {}

  /**
   * Device as stored in a plan.
   *
   * @param hopOverheadS software time per frame hop, s; {@code null} (absent from the JSON, as in plans written
   *     before the term existed, and whenever it is 0) means 0
   */
  public record DeviceSpec(String name, double flops, long memoryBytes,
      @OptionalField @JsonInclude(JsonInclude.Include.NON_NULL) Double hopOverheadS) {
    /** A device spec without per-hop software cost. */
    public DeviceSpec(String name, double flops, long memoryBytes) {
      this(name, flops, memoryBytes, null);
    }

    /** The plan form of {@code d}. */
    public static DeviceSpec of(org.spacemoe.shared.model.DeviceProfile d) {
      return new DeviceSpec(d.name(), d.flops(), d.memoryBytes(), d.hopOverheadS() == 0 ? null : d.hopOverheadS());
    }

    /** The device this spec describes. */
    public org.spacemoe.shared.model.DeviceProfile toProfile() {
      return new org.spacemoe.shared.model.DeviceProfile(name, flops, memoryBytes, hopOverheadS == null ? 0 : hopOverheadS);
    }
  }

  /**
   * A mixed fleet as stored in a plan.
   *
   * @param spec how it was given ({@code per-plane:...}, {@code per-slot:...} or a file name)
   * @param devices the distinct devices, referenced by index
   * @param deviceOfSatellite per satellite in constellation index order, the index into {@code devices}
   */
  public record FleetSpec(String spec, List<DeviceSpec> devices, List<Integer> deviceOfSatellite) {
    public FleetSpec {
      devices = List.copyOf(devices);
      deviceOfSatellite = List.copyOf(deviceOfSatellite);
    }
  }
}
