package org.spacemoe.onboard.runtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.FrameTransport;
import org.spacemoe.onboard.transport.InboundFrameHandler;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * One gateway-to-expert hop of the runtime without a model, for benchmarks ({@code spacemoe-hil hop-overhead}).
 * A one-layer plan: gateway on {@link #GATEWAY}, expert 0 on {@link #EXPERT}, each satellite on its own
 * transport. {@link #sendRequest} does what a gateway does for a selected expert (build the EXPERT_REQUEST frame;
 * {@code Outbox}: encode, link hold (off), transport). The expert satellite receives it as a node does (transport,
 * {@code FrameDispatcher}: decode, plan-version check, hand-over to the satellite's {@code SerialExecutor}, the
 * {@code ExpertRole}), which runs {@code expert} and sends the response back to the gateway satellite through its
 * own outbox; there {@code responses} gets the raw frame from the transport. No link or compute emulation.
 */
public final class HopPath implements AutoCloseable {
  public static final String GATEWAY = "hop-gateway";
  public static final String EXPERT = "hop-expert";
  public static final long PLAN_VERSION = 1;

  private final FrameTransport gatewayTransport;
  private final FrameTransport expertTransport;
  private final NodeTelemetry expertTelemetry;
  private final ScheduledThreadPoolExecutor timer;
  private final ExecutorService pool;
  private final Outbox gatewayOutbox;
  private final FrameDispatcher expertDispatcher;
  private final InboundFrameHandler responses;

  /**
   * @param gatewayTransport transport of the gateway satellite (not started yet)
   * @param expertTransport transport of the expert satellite (not started yet)
   * @param hidden length of the hidden state
   * @param expert what expert 0 of layer 0 runs on the expert satellite's serial executor
   * @param responses gets the expert's responses on the gateway satellite (raw, on the MQTT thread)
   * @param expertTelemetry the expert node's telemetry (hops: link = send decision to arrival, queue = arrival to
   *     the role's start)
   */
  public HopPath(FrameTransport gatewayTransport, FrameTransport expertTransport, int hidden, ExpertExecutor expert,
      InboundFrameHandler responses, NodeTelemetry expertTelemetry) {
    this.gatewayTransport = gatewayTransport;
    this.expertTransport = expertTransport;
    this.expertTelemetry = expertTelemetry;
    this.responses = responses;
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("spacemoe-hop-timer"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
        daemon("spacemoe-hop-node"));
    PlacementPlan plan = new PlacementPlan(PlacementPlan.SCHEMA_VERSION, PLAN_VERSION, "hop", "hop",
        List.of(new LayerPlacement(0, List.of(GATEWAY, EXPERT), GATEWAY, List.of(List.of(EXPERT)))), Map.of(), null);
    PlanRoles roles = new PlanRoles(plan);
    MoeModel model = new MoeModel("hop", 1, 1, 1, hidden, 1, 1);
    EmulatedCompute compute = new EmulatedCompute(false, model, 0, DeviceProfile.defaultProfile(), 1);
    this.gatewayOutbox = new Outbox(gatewayTransport, timer, null, null, false, 1, null);
    Outbox expertOutbox = new Outbox(expertTransport, timer, null, null, false, 1, null);
    SerialExecutor serial = new SerialExecutor(pool);
    RoleContext ctx = new RoleContext(EXPERT, PLAN_VERSION, roles, 1, expertOutbox, compute, expertTelemetry,
        RoleClock.system(timer, serial), new Deadlines(1, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1),
            TimeUnit.SECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(10), 1), 1, 1 << 20,
        new ExpertCopies(roles, new SuspectHosts(0)), new SuspectHosts(0), () -> false);
    SatelliteRoles satellite = new SatelliteRoles(serial, expertTelemetry, 0);
    satellite.addExpert(0, 0, new ExpertRole(ctx, 0, 0, expert));
    this.expertDispatcher = new FrameDispatcher(expertTelemetry);
    expertDispatcher.install(PLAN_VERSION, Map.of(EXPERT, satellite));
    expertDispatcher.activate(PLAN_VERSION);
  }

  /** Connects both transports and subscribes each satellite's inbound topic. */
  public HopPath start() {
    expertTransport.start(List.of(EXPERT), expertDispatcher);
    gatewayTransport.start(List.of(GATEWAY), responses);
    return this;
  }

  /** Sends {@code hidden} from the gateway to the expert as an EXPERT_REQUEST of layer 0, expert 0. */
  public void sendRequest(long sequenceId, long step, float[] hidden) {
    gatewayOutbox.send(GATEWAY, EXPERT, Frames.floats(FrameKind.EXPERT_REQUEST, TensorCodec.FP32, PLAN_VERSION,
        sequenceId, step, 0, 0, hidden), 0);
  }

  public NodeTelemetry expertTelemetry() {
    return expertTelemetry;
  }

  /** Closes both transports and stops the threads. */
  @Override
  public void close() {
    gatewayTransport.close();
    expertTransport.close();
    timer.shutdownNow();
    pool.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
