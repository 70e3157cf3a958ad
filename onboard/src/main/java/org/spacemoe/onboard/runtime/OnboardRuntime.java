package org.spacemoe.onboard.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.isl.IslEndpoints;
import org.spacemoe.onboard.isl.MeshFrameTransport;
import org.spacemoe.onboard.liveness.LivenessCheck;
import org.spacemoe.onboard.liveness.RunMonitor;
import org.spacemoe.onboard.planstore.PlanStore;
import org.spacemoe.onboard.planstore.StagingContext;
import org.spacemoe.onboard.planstore.StoredPlan;
import org.spacemoe.onboard.uplink.CommandGate;
import org.spacemoe.onboard.uplink.UplinkReceiver;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanVerifier;
import org.spacemoe.shared.uplink.UplinkTopics;
import org.spacemoe.onboard.link.TransitEstimator;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.transport.FrameTransport;
import org.spacemoe.onboard.transport.MqttFrameTransport;
import org.spacemoe.onboard.transport.SameSatelliteShortcut;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One onboard process: loads {@code DATA_DIR/plan.json} and the shards its satellites need from
 * {@code DATA_DIR/model/}, connects to the broker and plays every role the plan gives its satellites.
 * A missing plan, a missing or corrupt shard, or an unreachable broker leaves the node running but
 * unhealthy, with the reason; it never exits on its own. An unreachable broker is retried until it answers.
 */
public final class OnboardRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnboardRuntime.class);

  private final OnboardConfig config;
  private final NodeTelemetry telemetry = new NodeTelemetry();
  private final ScheduledExecutorService timer;
  private final ExecutorService pool;
  private FrameTransport transport;
  /** Mesh mode's transport (null in shared-broker mode). */
  private volatile MeshFrameTransport mesh;
  private final TransitEstimator transit = new TransitEstimator();
  private final FrameDispatcher dispatcher = new FrameDispatcher(telemetry);
  private final PlanVersions versions;
  private final NodeHealth health;
  private PlanStore store;
  private UplinkReceiver receiver;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
  /** start() has returned: the plan and shards are loaded, or the reason they are not is the health reason. */
  private volatile boolean started;
  /** start() went on to connect to the broker (it does not when the plan, shards or TLS setup failed). */
  private volatile boolean goesOnline;
  private final RunMonitor runs;
  private final LivenessCheck liveness;

  public OnboardRuntime(OnboardConfig config) {
    this.config = config;
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("spacemoe-timer"));
    t.setRemoveOnCancelPolicy(true);
    this.timer = t;
    this.pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
        daemon("spacemoe-node"));
    this.runs = new RunMonitor(telemetry, config.getRunDeadlineMinMs(), config.getRunDeadlineFactor());
    t.scheduleWithFixedDelay(runs::check, RunMonitor.CHECK_INTERVAL_MS, RunMonitor.CHECK_INTERVAL_MS,
        TimeUnit.MILLISECONDS);
    this.versions = new PlanVersions(dispatcher,
        () -> new RoleWiring(config, transport, mesh, timer, pool, telemetry, transit, runs, stopping::get), t,
            config.getDrainMs(),
        config.getIntraOpThreads());
    this.health = new NodeHealth(runs::hungReason, () -> transport != null && transport.isConnected(),
        () -> transport == null ? Map.of() : transport.refusedTopics(), dispatcher::activeVersion, versions::staged, versions::shardsLoaded, config.getSatellites());
    this.liveness = new LivenessCheck(timer, pool, runs, versions::queues, config.getQueueStallMs());
  }

  /**
   * The node's MQTT client id: the configured one, or {@code spacemoe-FIRST-HASH} from its satellites and data
   * directory (stable across restarts of the same node, distinct for nodes with other satellites or data).
   */
  static String clientId(OnboardConfig c) {
    if (c.getClientId() != null && !c.getClientId().isBlank()) {
      return c.getClientId();
    }
    List<String> sats = c.getSatellites();
    String first = sats.isEmpty() ? "none" : sats.get(0).replaceAll("[^A-Za-z0-9._-]", "_");
    if (first.length() > 40) {
      first = first.substring(0, 40);
    }
    String identity = String.join(",", sats) + "|" + Path.of(c.getDataDir()).toAbsolutePath().normalize();
    return "spacemoe-" + first + "-" + Integer.toHexString(identity.hashCode());
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread th = new Thread(r, name);
      th.setDaemon(true);
      return th;
    };
  }

  /** Mesh mode: frames over one connection per ISL neighbour, ground traffic over {@code ground}. */
  private FrameTransport mesh(MqttFrameTransport ground) {
    String user = config.getIslUsername() != null ? config.getIslUsername() : config.getUsername();
    String password = config.getIslPassword() != null ? config.getIslPassword() : config.getPassword();
    mesh = new MeshFrameTransport(ground, new IslEndpoints(config.getIslEndpoints(), config.getBroker()),
        (uri, id) -> {
          MqttFrameTransport c = new MqttFrameTransport(uri, id, config.getSessionExpiryS(), user, password,
              config.getSendQueueCapacity(), telemetry, transit);
          c.setIdlePollMs(500); // no heartbeats on ISL connections: publishes wake the sender at once
          if (uri.startsWith("ssl://") && config.getTlsTrustStore() != null) {
            c.setTlsSocketFactory(org.spacemoe.shared.tls.TlsSocketFactories.create(Path.of(config.getTlsTrustStore()),
                config.getTlsKeyStore() == null ? null : Path.of(config.getTlsKeyStore()),
                config.getTlsStorePassword() == null ? new char[0] : config.getTlsStorePassword().toCharArray()));
          }
          return c;
        }, clientId(config), timer, telemetry, transit, config.getIslLinkDownMs());
    return mesh;
  }

  /**
   * Mesh mode: takes the ISL {@code a}-{@code b} down for good (a fault injected by a bench); the frames on it go the
   * next route.
   *
   * @throws IllegalStateException in shared-broker mode
   */
  public void linkDown(String a, String b) {
    if (mesh == null) {
      throw new IllegalStateException("link-down needs isl: mesh");
    }
    mesh.linkDown(a, b);
  }

  /** Mesh mode: ISL connections this node knows it needs that are not up (0 when all are, and in shared mode). */
  public int islLinksNotUp() {
    MeshFrameTransport m = mesh;
    return m == null ? 0 : m.linksNotUp();
  }

  /** Mesh mode: this node is still finding the links of its plan's routes (false in shared mode). */
  public boolean islRoutesOpening() {
    MeshFrameTransport m = mesh;
    return m != null && m.routesOpening();
  }

  /** Loads plan and shards, connects and subscribes. Failures make the node unhealthy instead of throwing. */
  public OnboardRuntime start() {
    try {
      return startOnce();
    } finally {
      started = true;
    }
  }

  private OnboardRuntime startOnce() {
    MqttFrameTransport mqtt = new MqttFrameTransport(config.getBroker(), clientId(config), config.getSessionExpiryS(),
        config.getUsername(), config.getPassword(), config.getSendQueueCapacity(), telemetry, transit);
    if (config.getTlsTrustStore() != null) {
      try {
        mqtt.setTlsSocketFactory(org.spacemoe.shared.tls.TlsSocketFactories.create(Path.of(config.getTlsTrustStore()),
            config.getTlsKeyStore() == null ? null : Path.of(config.getTlsKeyStore()),
            config.getTlsStorePassword() == null ? new char[0] : config.getTlsStorePassword().toCharArray()));
      } catch (RuntimeException e) {
        transport = new SameSatelliteShortcut(mqtt);
        health.problem("TLS: " + e.getMessage());
        return this;
      }
    }
    // a frame from a satellite to itself never touches the broker
    transport = new SameSatelliteShortcut(config.meshIsl() ? mesh(mqtt) : mqtt);
    Path data = Path.of(config.getDataDir());
    if (!config.getTrustedKeys().isEmpty()) {
      return startWithUplink(data);
    }
    PlacementPlan plan;
    try {
      Path planFile = data.resolve("plan.json");
      if (!Files.exists(planFile)) {
        health.problem("no plan: " + planFile + " does not exist");
        return this;
      }
      plan = PlanJson.read(planFile);
    } catch (RuntimeException e) {
      health.problem("plan rejected: " + e.getMessage());
      return this;
    }
    try {
      install(plan, data.resolve("model"));
    } catch (Exception e) {
      health.problem("shards not loaded: " + e.getMessage());
      LOG.error("shards not loaded: {}", e.getMessage());
      return this;
    }
    activate(plan.planVersion());
    return goOnline();
  }

  /**
   * Loads the shards of {@code plan} from {@code modelDir} and installs its roles beside the running ones,
   * without activating it. On failure nothing is installed and every session opened is closed.
   */
  public void install(PlacementPlan plan, Path modelDir) throws Exception {
    versions.install(plan, modelDir);
  }

  /**
   * Makes an installed plan version active: sequences that start from now on run on it; sequences already
   * running finish on the version they started on, which is closed after {@code drain-ms}.
   */
  public void activate(long version) {
    versions.activate(version);
  }

  private void startHeartbeats() {
    TelemetryPublisher publisher = new TelemetryPublisher(config.getSatellites(), transport, telemetry, this::health,
        () -> new long[] {versions.active(), versions.staged()}, versions::expertsOf);
    try {
      timer.scheduleAtFixedRate(() -> {
        if (transport.isConnected()) {
          publisher.run();
        }
      }, 0, config.getTelemetryIntervalMs(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** The plan version staged and ready to activate (0: none). */
  public void setStagedVersion(long version) {
    versions.setStaged(version);
  }

  /** The plan version new sequences run on (0 before any plan is active). */
  public long activePlanVersion() {
    return dispatcher.activeVersion();
  }


  /**
   * With trusted ground keys the node takes plans over the air: it opens its plan store, runs the store's
   * active plan if it has one, and always connects, so that a node without a plan can receive one.
   */
  private OnboardRuntime startWithUplink(Path data) {
    try {
      store = PlanStore.open(data);
      CommandGate gate = new CommandGate(PlanKeys.readTrusted(
          config.getTrustedKeys().stream().map(Path::of).toList()), store.commands());
      DeviceProfile device = DeviceProfile.parse(config.getDevice());
      receiver = new UplinkReceiver(store, offered -> {
        PlacementPlan identity = store.activePlan().map(StoredPlan::plan).orElse(offered);
        return new StagingContext(UplinkReceiver.authenticator(gate.planVerifier()), identity.constellationId(),
            identity.inputs().model(), device, config.getSatellites(), config.getIntraOpThreads());
      }, config.getSatellites(), gate, new UplinkReceiver.Node() {
        @Override
        public void commandRefused(org.spacemoe.shared.plan.envelope.RejectReason reason) {
          telemetry.commandRefused(reason.name());
        }

        @Override
        public void install(PlacementPlan plan, Path modelDir) throws Exception {
          if (!versions.isInstalled(plan.planVersion())) {
            OnboardRuntime.this.install(plan, modelDir);
          }
        }

        @Override
        public void activate(long version) {
          OnboardRuntime.this.activate(version);
          health.planActivated();
        }

        @Override
        public void setStagedVersion(long version) {
          OnboardRuntime.this.setStagedVersion(version);
        }

        @Override
        public long activePlanVersion() {
          return dispatcher.activeVersion();
        }
      }, (sat, report) -> transport.publishRetained(UplinkTopics.status(sat), report.toJson()),
          data.resolve(PlanStore.STORE_DIR).resolve("transfers"));
      receiver.setPrepareTimeoutMs(config.getPrepareTimeoutMs());
      transport.setCommandHandler(receiver::onMessage);
      Optional<StoredPlan> active = store.activePlan();
      if (active.isPresent()) {
        install(active.get().plan(), active.get().modelDir());
        activate(active.get().version());
      }
      versions.setStaged(store.stagedPlan().map(StoredPlan::version).orElse(0L));
    } catch (Exception e) {
      health.problem("plan store: " + e.getMessage());
      LOG.error("plan store: {}", e.getMessage());
    }
    return goOnline();
  }

  /** Connects (retrying in the background while the broker is away) and starts the heartbeats. */
  private OnboardRuntime goOnline() {
    goesOnline = true;
    new BrokerSupervisor(transport, config.getSatellites(), dispatcher, timer, health,
        () -> versions.active() != 0, () -> closed).goOnline();
    LOG.info("onboard runtime starting: {} satellites, plan v{}, {} shards", config.getSatellites().size(),
        versions.active(), versions.shardsLoaded());
    if (versions.shardsLoaded() > 0) {
      org.spacemoe.onboard.selftest.PlatformInfo p = org.spacemoe.onboard.selftest.PlatformInfo.current();
      LOG.info("platform: {} JVM ({}), ONNX Runtime {} native library {}", p.arch(), p.java(), p.onnxRuntime(),
          p.ortPlatform() == null ? "(not found in /proc/self/maps)" : p.ortPlatform());
    }
    startHeartbeats();
    return this;
  }

  /**
   * Ready for service, in the sense of systemd's {@code READY=1}: {@link #start} has returned (the plan and its
   * shards are loaded, or the reason they are not is the health reason) and, if it went online, the broker is
   * connected and the inbound topics subscribed. A node without a plan is ready (DOWN, with the reason): it stays
   * up for its operator and, with trusted keys, for an uplink.
   */
  public boolean isReady() {
    return started && (!goesOnline || (transport != null && transport.isConnected()));
  }

  /** A graceful stop is under way ({@link #drain}). */
  public boolean isStopping() {
    return stopping.get();
  }

  /**
   * What a graceful stop did.
   *
   * @param heldAtStart sequence states held when the stop began (a sequence held by two local gateways counts twice)
   * @param failed sequence states still held when {@code stop-drain-ms} ran out, failed with {@code DRAINING}
   * @param flushed every publish was acknowledged by the broker before the close (false without a connection)
   * @param tookMs how long the drain took
   */
  public record StopReport(int heldAtStart, int failed, boolean flushed, long tookMs) {}

  /** At most this long, after the drain time, for the failed sequences' errors and ENDs to be queued, ms. */
  static final long FAIL_WAIT_MS = 2_000;
  /** At most this long for the broker to acknowledge what is queued, ms. */
  static final long FLUSH_MS = 3_000;
  /** The send queue must stay empty this long before the flush ends (frames held by the link emulation), ms. */
  static final long FLUSH_QUIET_MS = 200;

  /**
   * The first half of a graceful stop ({@link GracefulStop} runs it on SIGTERM, before {@link #close}): from now on
   * new sequences are refused with {@code DRAINING} on their error topic and {@code /health} is DOWN ("stopping");
   * sequences in flight get up to {@code drainMs} to finish; those still held then fail with {@code DRAINING} (the
   * entry releases them on every gateway); last, the send queue is flushed to the broker. The node keeps running
   * until {@link #close}. Idempotent in effect: a second call finds nothing held.
   */
  public StopReport drain(long drainMs) {
    long t0 = System.nanoTime();
    refuseNewSequences(drainMs);
    int atStart = sequencesHeld();
    LOG.info("stopping: {} sequence states held, draining for at most {} ms", atStart, drainMs);
    int failed = 0;
    if (!waitUntil(() -> sequencesHeld() == 0, drainMs)) {
      failed = sequencesHeld();
      LOG.warn("stopping: {} sequence states still held after {} ms: failing them with DRAINING", failed, drainMs);
      dispatcher.failHeld(String.join(",", config.getSatellites()) + " stopped before the sequence finished"
          + " (stop-drain-ms " + drainMs + ")");
      waitUntil(() -> sequencesHeld() == 0, FAIL_WAIT_MS);
    }
    // without a broker connection what is queued cannot go out: not flushed (the broker session keeps nothing either)
    boolean flushed = transport == null || (transport.isConnected() && transport.flush(FLUSH_MS, FLUSH_QUIET_MS));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    LOG.info("stopping: drained in {} ms ({} held at start, {} failed, send queue {})", took, atStart, failed,
        flushed ? "flushed" : transport.isConnected() ? "not flushed within " + FLUSH_MS + " ms"
            : "not flushed: no broker connection");
    return new StopReport(atStart, failed, flushed, took);
  }

  /** The start of a graceful stop: new sequences are refused ({@code DRAINING}), {@code /health} is DOWN. */
  public void refuseNewSequences(long drainMs) {
    stopping.set(true);
    health.stopping("stopping: no new sequences, draining those in flight (stop-drain-ms " + drainMs + ")");
  }

  private static boolean waitUntil(java.util.function.BooleanSupplier condition, long timeoutMs) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() >= end) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return condition.getAsBoolean();
      }
    }
    return true;
  }

  public boolean isHealthy() {
    return health.isHealthy();
  }

  /** Health details: status reason, broker connection, plan version, shards loaded. */
  public Map<String, Object> health() {
    return health.report();
  }

  /**
   * Sequences whose state (KV caches, the entry's bookkeeping) this node holds: 0 once every sequence has ended
   * and its END has been handled. Read without locks: for monitoring and tests.
   */
  public int sequencesHeld() {
    return dispatcher.sequencesHeld();
  }

  public NodeTelemetry telemetry() {
    return telemetry;
  }

  /** Where inbound frames go (tests deliver frames through it without a broker). */
  FrameDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Liveness for the watchdog ({@link LivenessCheck}): true when the timer thread and a worker thread each run a
   * no-op within {@code timeoutMs}, no shard run is (or ever was) past its deadline, and no satellite's serial queue
   * waits longer than {@code queue-stall-ms} without progress while nothing of that satellite runs. False when
   * closed, or when a part is stuck (a deadlock, a hung ONNX Runtime call, every worker blocked, a lost queue).
   */
  public boolean responsive(long timeoutMs) {
    if (closed) {
      return false;
    }
    Optional<String> problem = liveness.problem(timeoutMs);
    problem.ifPresent(p -> LOG.warn("liveness: {}", p));
    return problem.isEmpty();
  }

  /**
   * Stops the node at once, as a power loss or {@code kill -9} would: no drain, no goodbye to the broker (the
   * connection is dropped without a DISCONNECT, so the broker sees the node vanish), every in-flight task abandoned.
   * Idempotent; {@link #close()} after it is a no-op.
   */
  public void halt() {
    closed = true;
    if (transport != null) {
      transport.abort();
    }
    close();
  }

  /**
   * Fault injection (bench only): the next ONNX run on {@code satellite} blocks until the node is halted or closed,
   * as a wedged native call would.
   */
  public void injectHang(String satellite) {
    runs.injectHang(satellite);
  }

  /** close() has run (it runs once: the graceful stop closes before Micronaut destroys the bean). */
  private final java.util.concurrent.atomic.AtomicBoolean closedOnce = new java.util.concurrent.atomic.AtomicBoolean();

  @Override
  public void close() {
    closed = true;
    if (!closedOnce.compareAndSet(false, true)) {
      return;
    }
    runs.close(); // ends injected hangs
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS); // a broker retry in progress finishes before the transport closes
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (transport != null) {
      transport.close();
    }
    pool.shutdownNow();
    boolean idle;
    try {
      idle = pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      idle = false;
    }
    if (receiver != null) {
      receiver.close();
    }
    if (store != null) {
      try {
        store.close();
      } catch (java.io.IOException ignored) {
        // releasing the store lock
      }
    }
    if (idle) {
      versions.close();
    } else {
      // closing an ONNX Runtime session under a call still running in it crashes the process (SIGSEGV)
      LOG.warn("a shard run was still in progress 5 s after close: its sessions are left to the process's exit");
    }
  }
}
