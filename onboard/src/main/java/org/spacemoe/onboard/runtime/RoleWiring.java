package org.spacemoe.onboard.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.isl.MeshFrameTransport;
import org.spacemoe.onboard.isl.MeshRoutes;
import org.spacemoe.onboard.link.LinkDelayModel;
import org.spacemoe.onboard.link.LinkFaults;
import org.spacemoe.onboard.link.SlotClock;
import org.spacemoe.onboard.link.TransitEstimator;
import org.spacemoe.onboard.liveness.RunMonitor;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.FrameTransport;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;

/**
 * All the wiring of one plan version in one place: per hosted satellite its serial queue, its roles (gateways,
 * standbys, experts) with their shard executors under run deadlines, and what the roles share (outbox with link
 * emulation and injected link faults, emulated compute, expert copies, suspect gateways, deadlines).
 */
final class RoleWiring {
  /**
   * A plan version wired.
   *
   * @param roles each hosted satellite's roles
   * @param planRoles what the plan asks of every satellite
   * @param executors the shard executors opened (closed when the version is retired)
   * @param queues the satellites' serial queues (for the liveness check)
   * @param shardsLoaded shard executors opened
   */
  record Wired(Map<String, SatelliteRoles> roles, PlanRoles planRoles, List<AutoCloseable> executors,
      List<SerialExecutor> queues, int shardsLoaded) {}

  private final OnboardConfig config;
  private final FrameTransport transport;
  private final MeshFrameTransport mesh;
  private final ScheduledExecutorService timer;
  private final ExecutorService pool;
  private final NodeTelemetry telemetry;
  private final TransitEstimator transit;
  private final RunMonitor runs;
  private final java.util.function.BooleanSupplier stopping;

  /** @param mesh the mesh transport in mesh mode (routes frames over the plan's network), else null */
  RoleWiring(OnboardConfig config, FrameTransport transport, MeshFrameTransport mesh, ScheduledExecutorService timer,
      ExecutorService pool, NodeTelemetry telemetry, TransitEstimator transit, RunMonitor runs,
      java.util.function.BooleanSupplier stopping) {
    this.config = config;
    this.transport = transport;
    this.mesh = mesh;
    this.timer = timer;
    this.pool = pool;
    this.telemetry = telemetry;
    this.transit = transit;
    this.runs = runs;
    this.stopping = stopping;
  }

  /** Wires {@code plan} over {@code shards}; on failure every executor opened is closed again. */
  Wired wire(PlacementPlan plan, ShardProvider shards) throws Exception {
    List<AutoCloseable> executors = new ArrayList<>();
    try {
      return wire(plan, shards, executors);
    } catch (Exception | LinkageError e) {
      closeAll(executors);
      throw e;
    }
  }

  private Wired wire(PlacementPlan plan, ShardProvider all, List<AutoCloseable> executors) throws Exception {
    PlanRoles roles = new PlanRoles(plan);
    PlanInputs in = plan.inputs();
    PlanInputs.ModelDims d = in.model();
    MoeModel model = new MoeModel(d.name(), d.layers(), d.experts(), d.topK(), d.hidden(), d.expertWidth(), d.vocab());
    if (all.hidden() != d.hidden()) {
      throw new IllegalStateException("model hidden size " + all.hidden() + " differs from the plan's " + d.hidden());
    }
    DeviceProfile device = DeviceProfile.parse(config.getDevice());
    Constellation constellation = ConstellationSpecs.parse(in.constellationSpec());
    LinkDelayModel delays = new LinkDelayModel(constellation,
        IslRules.defaults().withTrackingLimit(in.trackingLimitRadPerS()), in.slots(), in.epochSOrZero(),
        in.islRateBitsPerS());
    SlotClock clock = new SlotClock(config.getPinnedSlot(), delays.slotLengthS(), delays.slots(), config.getTimeScale());
    if (mesh != null) {
      // each link holds the frame for its own latency: the outbox holds for none
      mesh.attach(new MeshFrameTransport.Network(new MeshRoutes(constellation,
          IslRules.defaults().withTrackingLimit(in.trackingLimitRadPerS()), TimeSlots.overOneOrbit(constellation,
              in.slots(), in.epochSOrZero()), in.islRateBitsPerS()), clock, config.isLinkEmulation(),
          config.getTimeScale(), config.isCompensateTransit()));
      mesh.openRoutes(framePairs(roles));
    }
    Outbox outbox = new Outbox(transport, timer, delays, clock, config.isLinkEmulation() && mesh == null,
        config.getTimeScale(), config.isCompensateTransit() ? transit : null, LinkFaults.of(config), telemetry);
    EmulatedCompute compute = new EmulatedCompute(config.isComputeEmulation(), model, in.contextTokens(), device,
        config.getTimeScale());
    EmulatedCompute nominal = new EmulatedCompute(true, model, in.contextTokens(), device, 1.0); // run deadlines
    long suspectNanos = TimeUnit.MILLISECONDS.toNanos(config.getExpertSuspectMs());
    ExpertCopies copies = new ExpertCopies(roles, new SuspectHosts(suspectNanos));
    SuspectHosts gatewaySuspects = new SuspectHosts(suspectNanos);
    Deadlines deadlines = deadlines(config);
    Map<String, SatelliteRoles> out = new HashMap<>();
    List<SerialExecutor> queues = new ArrayList<>();
    for (String sat : config.getSatellites()) {
      SerialExecutor serial = new SerialExecutor(pool, sat, config.getMaxQueuedFrames(), telemetry);
      queues.add(serial);
      ShardProvider shards = new MonitoredShards(all, runs, sat, nominal); // every run of this satellite has a deadline
      // frames go through the bounded execute (SatelliteRoles); the roles' own timers and retries are never refused
      RoleContext ctx = new RoleContext(sat, plan.planVersion(), roles, d.topK(), outbox, compute, telemetry,
          RoleClock.system(timer, serial::executeInternal), deadlines, config.getMaxSequences(),
          config.getMaxContext(), copies, gatewaySuspects, stopping);
      SatelliteRoles sr = new SatelliteRoles(serial, telemetry, roles.layers() - 1);
      for (int layer : roles.gatewayLayersOf(sat)) {
        boolean entry = layer == 0;
        boolean last = layer == roles.layers() - 1;
        int width = roles.attentionWidth(layer);
        var gw = width == 1 ? keep(executors, shards.gateway(layer)) : null;
        var split = width == 1 ? null : new SplitAttention(ctx, layer, d.hidden(),
            keep(executors, shards.attentionPart(layer, width, 0)), keep(executors, shards.combine(layer)));
        var emb = entry ? keep(executors, shards.embedding()) : null;
        boolean headSplit = last && roles.headWidth() > 1;
        var head = last && !headSplit ? keep(executors, shards.head()) : null;
        var splitHead = headSplit ? new SplitHead(ctx, d.hidden(), keep(executors, shards.headSlice(roles.headWidth(), 0)))
            : null;
        sr.addGateway(layer, new GatewayRole(ctx, layer, d.hidden(), gw, split, emb, head, splitHead));
      }
      for (int[] le : roles.expertsOf(sat)) {
        sr.addExpert(le[0], le[1], new ExpertRole(ctx, le[0], le[1], keep(executors, shards.expert(le[0], le[1]))));
      }
      for (int[] ls : roles.attentionSharesOf(sat)) {
        sr.addAttentionPart(ls[0], ls[1], new AttentionPartRole(ctx, ls[0], ls[1], d.hidden(),
            keep(executors, shards.attentionPart(ls[0], roles.attentionWidth(ls[0]), ls[1]))));
      }
      for (int share : roles.headSlicesOf(sat)) {
        sr.addHeadSlice(share, new HeadSliceRole(ctx, share, d.hidden(),
            ShardContract.shareStart(d.vocab(), roles.headWidth(), share),
            keep(executors, shards.headSlice(roles.headWidth(), share))));
      }
      out.put(sat, sr);
    }
    return new Wired(out, roles, executors, queues, executors.size());
  }

  /**
   * The pairs of satellites frames of {@code roles} travel between: each gateway to the next layer's, to its experts'
   * hosts (every copy), and each host on to the layer's combiner.
   */
  static List<String[]> framePairs(PlanRoles roles) {
    List<String[]> pairs = new ArrayList<>();
    for (int l = 0; l < roles.layers(); l++) {
      String g = roles.gateway(l);
      pairs.add(new String[] {g, roles.gateway((l + 1) % roles.layers())});
      List<String> leads = new ArrayList<>(List.of(g));
      if (roles.standby(l) != null) {
        leads.add(roles.standby(l));
      }
      List<String> parts = new ArrayList<>(roles.attentionParts(l));
      if (l == roles.layers() - 1) {
        parts.addAll(roles.headParts());
      }
      for (String lead : leads) {
        for (String p : parts) {
          pairs.add(new String[] {lead, p});
          pairs.add(new String[] {p, lead});
        }
      }
      for (int e = 0; e < roles.expertCount(l); e++) {
        for (String h : roles.expertHosts(l, e)) {
          pairs.add(new String[] {g, h});
          pairs.add(new String[] {h, roles.combiner(l)});
        }
      }
    }
    return pairs;
  }

  /** The retry and give-up rules of {@code c}. */
  static Deadlines deadlines(OnboardConfig c) {
    long ms = 1_000_000L;
    return new Deadlines(c.getTimeScale(), c.getRetryMarginMs() * ms,
        Math.max(c.getRetryMaxIntervalMs(), c.getRetryMarginMs()) * ms, c.getGiveUpMs() * ms,
        c.getExpertTimeoutMs() * ms, c.getFailoverAfterAttempts());
  }

  private static <T extends AutoCloseable> T keep(List<AutoCloseable> executors, T executor) {
    executors.add(executor);
    return executor;
  }

  /** Closes native sessions, best effort. */
  static void closeAll(List<AutoCloseable> list) {
    for (AutoCloseable x : list) {
      try {
        x.close();
      } catch (Exception ignored) {
        // native sessions: best effort
      }
    }
    list.clear();
  }
}
