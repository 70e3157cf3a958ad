package org.spacemoe.onboard.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * The plan versions a node has installed: each one's wired roles, shard executors and serial queues. One version is
 * active (new sequences run on it); a version replaced by another is retired {@code drainMs} later, so sequences
 * already running on it finish there. Installing, activating and retiring are serialised on this object.
 */
final class PlanVersions implements AutoCloseable {
  private final FrameDispatcher dispatcher;
  private final Supplier<RoleWiring> wiring;
  private final ScheduledExecutorService timer;
  private final long drainMs;
  private final int intraOpThreads;
  private final Map<Long, List<AutoCloseable>> executors = new ConcurrentHashMap<>();
  private final Map<Long, PlanRoles> roles = new ConcurrentHashMap<>();
  private final Map<Long, List<SerialExecutor>> queues = new ConcurrentHashMap<>();
  private volatile int shardsLoaded;
  private volatile long stagedVersion;

  /**
   * @param wiring the wiring of a version (built when a version is installed: the transport may change before)
   * @param drainMs how long a replaced version keeps serving the sequences that started on it, ms
   */
  PlanVersions(FrameDispatcher dispatcher, Supplier<RoleWiring> wiring, ScheduledExecutorService timer, long drainMs,
      int intraOpThreads) {
    this.dispatcher = dispatcher;
    this.wiring = wiring;
    this.timer = timer;
    this.drainMs = drainMs;
    this.intraOpThreads = intraOpThreads;
  }

  /** Loads the shards of {@code plan} from {@code modelDir} and installs its roles; on failure nothing is installed. */
  synchronized void install(PlacementPlan plan, Path modelDir) throws Exception {
    RoleWiring.Wired w = wiring.get().wire(plan, ShardProviders.open(modelDir, intraOpThreads));
    long v = plan.planVersion();
    executors.put(v, w.executors());
    roles.put(v, w.planRoles());
    queues.put(v, w.queues());
    shardsLoaded = w.shardsLoaded();
    dispatcher.install(v, w.roles());
  }

  /** Makes an installed version active and schedules the retirement of the one it replaces. */
  synchronized void activate(long version) {
    long previous = dispatcher.activeVersion();
    dispatcher.activate(version);
    if (previous != 0 && previous != version) {
      try {
        timer.schedule(() -> retire(previous), drainMs, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // closing: close() releases every version
      }
    }
  }

  private synchronized void retire(long version) {
    if (version == dispatcher.activeVersion()) {
      return;
    }
    dispatcher.retire(version);
    roles.remove(version);
    queues.remove(version);
    List<AutoCloseable> ex = executors.remove(version);
    if (ex != null) {
      RoleWiring.closeAll(ex);
    }
  }

  boolean isInstalled(long version) {
    return dispatcher.isInstalled(version);
  }

  /** The version new sequences run on (0: none). */
  long active() {
    return dispatcher.activeVersion();
  }

  /** The version staged and ready to activate (0: none). */
  long staged() {
    return stagedVersion;
  }

  void setStaged(long version) {
    stagedVersion = version;
  }

  /** Shard executors opened for the version installed last. */
  int shardsLoaded() {
    return shardsLoaded;
  }

  /** The {layer, expert} pairs the active version gives {@code satellite} (empty without an active version). */
  List<int[]> expertsOf(String satellite) {
    PlanRoles r = roles.get(dispatcher.activeVersion());
    return r == null ? List.of() : r.expertsOf(satellite);
  }

  /** Every installed version's serial queues (for the liveness check). */
  List<SerialExecutor> queues() {
    return queues.values().stream().flatMap(List::stream).toList();
  }

  @Override
  public synchronized void close() {
    executors.values().forEach(RoleWiring::closeAll);
    executors.clear();
  }
}
