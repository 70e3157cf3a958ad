package org.spacemoe.ground.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.LinkSurvival;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.routing.HopLatencyModel;
import org.spacemoe.shared.routing.NetworkRealisations;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Everything a placement or an evaluation depends on.
 *
 * @param constellationSpec spec string that rebuilds {@code constellation}
 * @param slots time slots over one orbit
 * @param linkSurvival per-link per-slot survival probability
 * @param seed seed of link failures and random choices
 * @param islRateBitsPerS ISL rate, bit/s
 * @param contextTokens context length for attention FLOPs, tokens
 * @param fleet each satellite's device ({@link Fleet#uniform} of {@code device} unless a mixed fleet is given)
 * @param epochS start of the orbit of slots, seconds after the constellation epoch (0 = the epoch itself)
 * @param relaysPayHopOverhead ISLs as links: every satellite a frame's route crosses pays the hop overhead (see
 *     {@link #withRelaysPayingHopOverhead})
 */
public record Scenario(
    String constellationSpec,
    Constellation constellation,
    IslRules islRules,
    int slots,
    double linkSurvival,
    long seed,
    double islRateBitsPerS,
    HiddenStateCodec codec,
    MoeModel model,
    DeviceProfile device,
    int contextTokens,
    ActivationStatistics stats,
    Fleet fleet,
    double epochS,
    boolean relaysPayHopOverhead) {

  /** A scenario whose frames pay the hop overhead once per frame hop, wherever their route goes. */
  public Scenario(String constellationSpec, Constellation constellation, IslRules islRules, int slots,
      double linkSurvival, long seed, double islRateBitsPerS, HiddenStateCodec codec, MoeModel model,
      DeviceProfile device, int contextTokens, ActivationStatistics stats, Fleet fleet, double epochS) {
    this(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec, model, device,
        contextTokens, stats, fleet, epochS, false);
  }

  /** A scenario whose slots start at the constellation epoch. */
  public Scenario(String constellationSpec, Constellation constellation, IslRules islRules, int slots,
      double linkSurvival, long seed, double islRateBitsPerS, HiddenStateCodec codec, MoeModel model,
      DeviceProfile device, int contextTokens, ActivationStatistics stats, Fleet fleet) {
    this(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec, model, device,
        contextTokens, stats, fleet, 0);
  }

  /** A scenario whose satellites all carry {@code device}. */
  public Scenario(String constellationSpec, Constellation constellation, IslRules islRules, int slots,
      double linkSurvival, long seed, double islRateBitsPerS, HiddenStateCodec codec, MoeModel model,
      DeviceProfile device, int contextTokens, ActivationStatistics stats) {
    this(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec, model, device,
        contextTokens, stats, Fleet.uniform(device));
  }

  public Scenario {
    if (fleet == null) {
      fleet = Fleet.uniform(device);
    }
    if (!fleet.isUniform() && fleet.size() != constellation.size()) {
      throw new org.spacemoe.shared.input.InvalidInputException("--fleet", "describes " + fleet.size()
          + " satellites, the constellation has " + constellation.size());
    }
    Checks.positive("--slots", slots);
    Checks.inRange("--link-survival", linkSurvival, 0, 1);
    Checks.positive("--isl-rate-gbps", islRateBitsPerS);
    Checks.inRange("--context", contextTokens, 0, 10_000_000);
    stats.requireShape(model.layers(), model.experts());
    if (!(epochS >= 0) || Double.isInfinite(epochS)) {
      throw new org.spacemoe.shared.input.InvalidInputException("--epoch-s", "must be a finite number >= 0, got " + epochS);
    }
  }

  public TimeSlots timeSlots() {
    return TimeSlots.overOneOrbit(constellation, slots, epochS);
  }

  public HopLatencyModel hop() {
    return new HopLatencyModel(islRateBitsPerS, codec.bytes(model.hidden()));
  }

  /** A fresh network model (its slot snapshots are cached inside). */
  public NetworkRealisations network() {
    return new NetworkRealisations(constellation, islRules, timeSlots(), new LinkSurvival(linkSurvival, seed), hop());
  }

  public double gatewayComputeS() {
    return device.computeS(model.gatewayFlops(contextTokens));
  }

  public double expertComputeS() {
    return device.computeS(model.expertFlops());
  }

  public double headComputeS() {
    return device.computeS(model.headFlops());
  }

  /** Gateway compute on satellite {@code sat}'s device, s. */
  public double gatewayComputeS(int sat) {
    return fleet.device(sat).computeS(model.gatewayFlops(contextTokens));
  }

  /**
   * The part of the gateway's compute that tensor parallelism splits by heads, on satellite {@code sat}'s device, s:
   * Q, K, V, O projections and scores and weighted values over the KV cache, {@code 2 (4 d^2 + 2 c d)} FLOPs (the
   * gateway's FLOPs without the router's).
   */
  public double attentionComputeS(int sat) {
    return fleet.device(sat).computeS(model.attentionFlops(contextTokens));
  }

  /** The router's compute on satellite {@code sat}'s device, s: {@code 2 d E} FLOPs (never split). */
  public double routerComputeS(int sat) {
    return fleet.device(sat).computeS(model.routerFlops());
  }

  /** One expert's compute on satellite {@code sat}'s device, s. */
  public double expertComputeS(int sat) {
    return fleet.device(sat).computeS(model.expertFlops());
  }

  /** LM head compute on satellite {@code sat}'s device, s. */
  public double headComputeS(int sat) {
    return fleet.device(sat).computeS(model.headFlops());
  }

  /** Software time of one frame hop received by satellite {@code sat}'s computer, s. */
  public double hopOverheadS(int sat) {
    return fleet.device(sat).hopOverheadS();
  }

  /**
   * This scenario with ISLs as links (true): a frame's hop overhead is paid at every satellite its route crosses (each
   * relay receives and sends it again), the receiver's overhead times the route's ISL hops (at least one); false: once
   * per frame hop, as through one shared broker.
   */
  public Scenario withRelaysPayingHopOverhead(boolean relays) {
    return new Scenario(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec,
        model, device, contextTokens, stats, fleet, epochS, relays);
  }

  /** This scenario with every computer costing {@code s} seconds per frame hop. */
  public Scenario withHopOverheadS(double s) {
    return new Scenario(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec,
        model, device.withHopOverheadS(s), contextTokens, stats, fleet.withHopOverheadS(s), epochS, relaysPayHopOverhead);
  }

  /**
   * Every satellite on {@code d} (a uniform fleet), keeping this scenario's software time per frame hop; the model,
   * constellation and statistics stay.
   */
  public Scenario withDevice(DeviceProfile d) {
    DeviceProfile onAll = d.withHopOverheadS(device.hopOverheadS());
    return new Scenario(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec,
        model, onAll, contextTokens, stats, Fleet.uniform(onAll), epochS, relaysPayHopOverhead);
  }

  public Scenario withStats(ActivationStatistics newStats) {
    return new Scenario(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec,
        model, device, contextTokens, newStats, fleet, epochS, relaysPayHopOverhead);
  }

  public Scenario withFleet(Fleet newFleet) {
    return new Scenario(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec,
        model, device, contextTokens, stats, newFleet, epochS, relaysPayHopOverhead);
  }

  public Scenario withSeed(long newSeed) {
    return new Scenario(constellationSpec, constellation, islRules, slots, linkSurvival, newSeed, islRateBitsPerS,
        codec, model, device, contextTokens, stats, fleet, epochS, relaysPayHopOverhead);
  }

  public Scenario withLinkSurvival(double p) {
    return new Scenario(constellationSpec, constellation, islRules, slots, p, seed, islRateBitsPerS, codec, model,
        device, contextTokens, stats, fleet, epochS, relaysPayHopOverhead);
  }

  public Scenario withIslRules(IslRules rules) {
    return new Scenario(constellationSpec, constellation, rules, slots, linkSurvival, seed, islRateBitsPerS, codec,
        model, device, contextTokens, stats, fleet, epochS, relaysPayHopOverhead);
  }

  public Scenario withSlots(int n) {
    return new Scenario(constellationSpec, constellation, islRules, n, linkSurvival, seed, islRateBitsPerS, codec,
        model, device, contextTokens, stats, fleet, epochS, relaysPayHopOverhead);
  }

  /** The same constellation with its orbit of slots starting {@code newEpochS} seconds after its epoch. */
  public Scenario withEpochS(double newEpochS) {
    return new Scenario(constellationSpec, constellation, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec,
        model, device, contextTokens, stats, fleet, newEpochS, relaysPayHopOverhead);
  }

  /** Another constellation; a mixed fleet of another size falls back to the uniform {@code device}. */
  public Scenario withConstellation(String spec, Constellation c) {
    Fleet f = fleet.isUniform() || fleet.size() == c.size() ? fleet : Fleet.uniform(device);
    return new Scenario(spec, c, islRules, slots, linkSurvival, seed, islRateBitsPerS, codec, model, device,
        contextTokens, stats, f, epochS, relaysPayHopOverhead);
  }

  /** Every parameter, for reports. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("constellationSpec", constellationSpec);
    m.put("constellation", constellation.describe());
    m.put("isl", islRules.describe());
    m.put("islRateBitsPerS", islRateBitsPerS);
    m.put("linkSurvival", linkSurvival);
    m.put("slots", slots);
    m.put("slotLengthS", timeSlots().slotLengthS());
    if (epochS != 0) {
      m.put("epochS", epochS);
    }
    m.put("seed", seed);
    m.put("codec", codec.wireName());
    m.put("hiddenStateBytes", codec.bytes(model.hidden()));
    m.put("model", model.describe());
    Map<String, Object> dev = new LinkedHashMap<>();
    dev.put("name", device.name());
    dev.put("flops", device.flops());
    dev.put("memoryBytes", device.memoryBytes());
    m.put("device", dev);
    if (!fleet.isUniform()) {
      m.put("fleet", fleet.describe());
    }
    m.put("contextTokens", contextTokens);
    m.put("stats", stats.source());
    m.put("gatewayComputeS", gatewayComputeS());
    m.put("expertComputeS", expertComputeS());
    m.put("headComputeS", headComputeS());
    m.put("hopOverheadS", device.hopOverheadS());
    m.put("unreachablePolicy", "failures that cut every path: wait half a link-state interval (1/"
        + NetworkRealisations.LINK_STATE_INTERVALS_PER_ORBIT + " orbit; " + network().waitForNextSlotS()
        + " s), then take the failure-free path; no path without failures: token sample excluded and counted");
    return m;
  }
}
