package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.spacemoe.onboard.planstore.StoreFixture.assertIntact;
import static org.spacemoe.onboard.planstore.StoreFixture.list;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real JVM at every write point of stage, re-stage, activate and rollback (and with {@code kill -9} at random
 * moments of a busy loop), then boots the store in this JVM: it must hold exactly the old or the new state, every
 * plan it names whole, and accept the operation again.
 */
class PlanStoreCrashTest {
  private static final long CHILD_TIMEOUT_S = 120;
  private static final int PARALLEL = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  @TempDir static Path tmp;
  private static Path model;

  @BeforeAll
  static void exportModel() {
    model = StoreFixture.modelDir();
  }

  /** One child run: exit code and standard output. */
  record Run(int exit, String out) {
    List<String> hits() {
      return out.lines().filter(l -> l.startsWith("crashpoint ")).map(l -> l.split(" ")[2]).toList();
    }
  }

  static ProcessBuilder child(Path logs, List<String> props, String... args) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData",
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"));
    props.forEach(p -> cmd.add("-D" + p));
    cmd.add(CrashChild.class.getName());
    cmd.addAll(List.of(args));
    Files.createDirectories(logs);
    return new ProcessBuilder(cmd).redirectOutput(logs.resolve("stdout.txt").toFile())
        .redirectError(logs.resolve("stderr.txt").toFile());
  }

  static Run run(Path logs, List<String> props, String... args) throws Exception {
    Process p = child(logs, props, args).start();
    if (!p.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("child did not finish: " + List.of(args));
    }
    return new Run(p.exitValue(), Files.readString(logs.resolve("stdout.txt"), StandardCharsets.UTF_8)
        + Files.readString(logs.resolve("stderr.txt"), StandardCharsets.UTF_8));
  }

  /** What a scenario expects after a crash at hit {@code i} (1-based) of {@code hits}. */
  @FunctionalInterface
  interface Check {
    void after(PlanStore store, int i, List<String> hits) throws Exception;
  }

  /**
   * Runs {@code args} once with tracing to list its write points, then once per point with a crash there, each
   * time on a fresh copy of {@code base}; {@code check} looks at the store after the boot that follows.
   *
   * @return the hits of the operation
   */
  private static List<String> crashAtEveryPoint(String scenario, Path base, Check check, String... args)
      throws Exception {
    Path traced = tmp.resolve(scenario + "-trace");
    StoreFixture.copyTree(base, traced);
    Run trace = run(traced.resolve("logs"), List.of(CrashPoints.TRACE_PROPERTY + "=true"),
        withData(args, traced));
    assertEquals(0, trace.exit(), trace.out());
    List<String> hits = trace.hits();
    assertTrue(hits.size() > 3, trace.out());
    long t0 = System.nanoTime();
    // the runs are independent (each on its own copy): as many at a time as there are cores
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 1; i <= hits.size(); i++) {
        int n = i;
        runs.add(pool.submit(() -> {
          crashAndBoot(scenario, base, check, hits, n, args);
          return null;
        }));
      }
      for (Future<?> f : runs) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Error err ? err : new AssertionError(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(Locale.ROOT, "%s: %d crash points, %.0f ms per crash and recovery (%d at a time)%n", scenario, hits.size(),
        (System.nanoTime() - t0) / 1e6 / hits.size(), PARALLEL);
    return hits;
  }

  /** Crash {@code args} at hit {@code i} on a fresh copy of {@code base}, boot the store, check it. */
  private static void crashAndBoot(String scenario, Path base, Check check, List<String> hits, int i, String[] args)
      throws Exception {
    Path d = tmp.resolve(scenario + "-" + i);
    StoreFixture.copyTree(base, d);
    Run r = run(d.resolve("logs"), List.of(CrashPoints.AT_PROPERTY + "=" + i), withData(args, d));
    String at = scenario + ": crash at " + i + " " + hits.get(i - 1);
    assertEquals(CrashPoints.EXIT_CODE, r.exit(), at + ": " + r.out());
    assertTrue(r.out().contains("crashing at " + i + " " + hits.get(i - 1) + "#"), at + ": " + r.out());
    try (PlanStore store = PlanStore.open(d)) {
      assertEquals(List.of(), list(d.resolve("store/incoming")), at);
      assertEquals(List.of(), list(d.resolve("store/trash")), at);
      Set<String> named = new TreeSet<>();
      for (Optional<StoredPlan> slot : List.of(store.activePlan(), store.stagedPlan(), store.previousPlan())) {
        assertIntact(slot).ifPresent(v -> named.add(Long.toString(v)));
      }
      assertEquals(named, new TreeSet<>(list(d.resolve("store/plans"))), at + ": only named plans are kept");
      check.after(store, i, hits);
    } catch (AssertionError | Exception e) {
      throw new AssertionError(at + ": " + e.getMessage(), e);
    }
  }

  private static String[] withData(String[] args, Path data) {
    String[] a = args.clone();
    a[1] = data.toString();
    return a;
  }

  /** The 1-based index of the {@code k}-th (1-based) hit named {@code name}. */
  private static int indexOf(List<String> hits, String name, int k) {
    int seen = 0;
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i).equals(name) && ++seen == k) {
        return i + 1;
      }
    }
    throw new AssertionError(name + "#" + k + " not in " + hits);
  }

  private static Path base(String name, StoreSetup setup) throws Exception {
    Path d = tmp.resolve(name);
    try (PlanStore store = PlanStore.open(d)) {
      setup.apply(store);
    }
    return d;
  }

  @FunctionalInterface
  interface StoreSetup {
    void apply(PlanStore store) throws Exception;
  }

  private static String name(Optional<StoredPlan> p) {
    return p.map(sp -> "v" + sp.version()).orElse("-");
  }

  private static Optional<Long> v(Optional<StoredPlan> p) {
    return p.map(StoredPlan::version);
  }

  @Test
  void stagingKilledAtEveryWritePointLeavesTheActivePlanAndCanBeRetried() throws Exception {
    Path base = base("stage-base", s -> {
      StoreFixture.stage(s, 1);
      s.activate(1);
    });
    List<String> hits = crashAtEveryPoint("stage", base, (store, i, h) -> {
      int commit = indexOf(h, CrashPoints.STATE_RENAMED, 1);
      assertEquals(Optional.of(1L), v(store.activePlan()), "staging never touches the active plan");
      assertEquals(i < commit ? Optional.empty() : Optional.of(2L), v(store.stagedPlan()));
      StoreFixture.stage(store, 2);
      store.activate(2);
      assertEquals(Optional.of(2L), assertIntact(store.activePlan()));
      assertEquals(Optional.of(1L), assertIntact(store.previousPlan()));
    }, "stage", "DATA", model.toString(), "2");
    assertTrue(hits.containsAll(List.of(CrashPoints.FILE_WRITTEN, CrashPoints.FILE_SYNCED,
        CrashPoints.INCOMING_SYNCED, CrashPoints.VALIDATED, CrashPoints.PLAN_DIR_RENAMED, CrashPoints.PLAN_DIR_SYNCED,
        CrashPoints.COMPLETE_TMP_WRITTEN, CrashPoints.COMPLETE_TMP_SYNCED, CrashPoints.COMPLETE_RENAMED,
        CrashPoints.COMPLETE_SYNCED, CrashPoints.STATE_TMP_WRITTEN, CrashPoints.STATE_TMP_SYNCED,
        CrashPoints.STATE_RENAMED, CrashPoints.STATE_SYNCED, CrashPoints.BAK_TMP_WRITTEN, CrashPoints.BAK_TMP_SYNCED,
        CrashPoints.BAK_RENAMED, CrashPoints.BAK_SYNCED)), hits.toString());
    // signed-plan.json, plan.json, manifest.json and the 3 shards layout B gives the node
    assertEquals(6, hits.stream().filter(CrashPoints.FILE_SYNCED::equals).count(), hits.toString());
  }

  @Test
  void reStagingTheStagedVersionKilledAtEveryWritePointKeepsOneWholeCopyOrNone() throws Exception {
    Path base = base("restage-base", s -> {
      StoreFixture.stage(s, 1);
      s.activate(1);
      StoreFixture.stage(s, 2);
    });
    List<String> hits = crashAtEveryPoint("restage", base, (store, i, h) -> {
      int dropped = indexOf(h, CrashPoints.STATE_RENAMED, 1);
      int restaged = indexOf(h, CrashPoints.STATE_RENAMED, 2);
      assertEquals(Optional.of(1L), v(store.activePlan()));
      assertEquals(i < dropped || i >= restaged ? Optional.of(2L) : Optional.empty(), v(store.stagedPlan()));
      StoreFixture.stage(store, 2);
      store.activate(2);
      assertEquals(Optional.of(2L), assertIntact(store.activePlan()));
    }, "stage", "DATA", model.toString(), "2");
    assertTrue(hits.containsAll(List.of(CrashPoints.GC_TRASHED, CrashPoints.GC_DELETED)), hits.toString());
  }

  @Test
  void activationKilledAtEveryWritePointBootsIntoTheOldOrTheNewPlan() throws Exception {
    Path base = base("activate-base", s -> {
      for (long v = 1; v <= 2; v++) {
        StoreFixture.stage(s, v);
        s.activate(v);
      }
      StoreFixture.stage(s, 3);
    });
    List<String> hits = crashAtEveryPoint("activate", base, (store, i, h) -> {
      boolean committed = i >= indexOf(h, CrashPoints.STATE_RENAMED, 1);
      assertEquals(Optional.of(committed ? 3L : 2L), v(store.activePlan()));
      assertEquals(Optional.of(committed ? 2L : 1L), v(store.previousPlan()));
      assertEquals(committed ? Optional.empty() : Optional.of(3L), v(store.stagedPlan()));
      store.activate(3); // retry (a no-op if it had committed)
      assertEquals(Optional.of(3L), assertIntact(store.activePlan()));
      assertEquals(Optional.of(2L), assertIntact(store.previousPlan()));
      StoreFixture.stage(store, 4);
    }, "activate", "DATA", model.toString(), "3");
    assertTrue(hits.contains(CrashPoints.GC_TRASHED), "activating v3 collects v1: " + hits);
  }

  @Test
  void rollbackKilledAtEveryWritePointBootsIntoOneOfTheTwoPlans() throws Exception {
    Path base = base("rollback-base", s -> {
      for (long v = 1; v <= 2; v++) {
        StoreFixture.stage(s, v);
        s.activate(v);
      }
    });
    crashAtEveryPoint("rollback", base, (store, i, h) -> {
      boolean committed = i >= indexOf(h, CrashPoints.STATE_RENAMED, 1);
      assertEquals(Optional.of(committed ? 1L : 2L), v(store.activePlan()));
      assertEquals(Optional.of(committed ? 2L : 1L), v(store.previousPlan()));
      StoreFixture.stage(store, 3);
      store.activate(3);
      assertEquals(Optional.of(3L), assertIntact(store.activePlan()));
    }, "rollback", "DATA", model.toString());
  }

  @Test
  void recoveryKilledAtEveryWritePointRecoversAgain() throws Exception {
    Path base = base("recover-base", s -> {
      StoreFixture.stage(s, 1);
      s.activate(1);
      StoreFixture.stage(s, 2);
    });
    Files.writeString(base.resolve("store/state.json"), "{\"active\": 1, \"sta"); // open rewrites it from the mirror
    Files.createDirectories(base.resolve("store/plans/7/model")); // and collects this
    List<String> hits = crashAtEveryPoint("recover", base, (store, i, h) -> {
      assertEquals(Optional.of(1L), v(store.activePlan()));
      assertEquals(Optional.of(2L), v(store.stagedPlan()));
      store.activate(2);
      assertEquals(Optional.of(2L), assertIntact(store.activePlan()));
    }, "open", "DATA", model.toString());
    assertTrue(hits.containsAll(List.of(CrashPoints.STATE_RENAMED, CrashPoints.BAK_RENAMED, CrashPoints.GC_TRASHED)),
        hits.toString());
  }

  /**
   * {@code kill -9} ({@link Process#destroyForcibly()} is SIGKILL on Linux) at random moments of a child that stages,
   * activates and rolls back in a loop; after each kill the store boots whole and, once a plan was active, still
   * has one. The seed is printed; {@code -Dspacemoe.crash.seed=S} replays a run.
   */
  @Test
  void randomKillNineDuringABusyLoopAlwaysBootsIntoAWholePlan() throws Exception {
    assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "SIGKILL test: Linux");
    long seed = Long.getLong("spacemoe.crash.seed", System.nanoTime());
    int kills = Integer.getInteger("spacemoe.crash.kills", 10);
    Random rnd = new Random(seed);
    Path d = tmp.resolve("random");
    Files.createDirectories(d);
    boolean hadActive = false;
    int ops = 0;
    Set<String> statesSeen = new LinkedHashSet<>();
    long t0 = System.nanoTime();
    for (int k = 0; k < kills; k++) {
      Path logs = tmp.resolve("random-logs-" + k);
      Process p = child(logs, List.of(), "loop", d.toString(), model.toString()).start();
      long delayMs = 400 + rnd.nextInt(2600);
      boolean exited = p.waitFor(delayMs, TimeUnit.MILLISECONDS);
      String out = Files.readString(logs.resolve("stdout.txt"));
      if (exited) {
        throw new AssertionError("the loop child exited by itself (" + p.exitValue() + "), seed " + seed + ": " + out
            + Files.readString(logs.resolve("stderr.txt")));
      }
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, p.exitValue(), "SIGKILL");
      out = Files.readString(logs.resolve("stdout.txt"));
      ops += (int) out.lines().filter(l -> l.startsWith("op ")).count();
      try (PlanStore store = PlanStore.open(d)) {
        String at = "kill " + k + " after " + delayMs + " ms (seed " + seed + ")";
        Optional<Long> active = assertIntact(store.activePlan());
        assertIntact(store.stagedPlan());
        assertIntact(store.previousPlan());
        assertEquals(List.of(), list(d.resolve("store/incoming")), at);
        if (hadActive) {
          assertTrue(active.isPresent(), at + ": the node lost its active plan");
        }
        hadActive |= active.isPresent();
        statesSeen.add(name(store.activePlan()) + "/" + name(store.stagedPlan()) + "/" + name(store.previousPlan()));
      }
    }
    try (PlanStore store = PlanStore.open(d)) {
      long next = 1 + Math.max(v(store.activePlan()).orElse(0L), v(store.previousPlan()).orElse(0L));
      StoreFixture.stage(store, next);
      store.activate(next);
      assertEquals(Optional.of(next), assertIntact(store.activePlan()));
    }
    assertTrue(hadActive, "no plan was ever activated in " + kills + " runs: the loop is too slow to test anything");
    System.out.printf(Locale.ROOT, "random kill -9: %d kills, %d operations completed, %.0f ms, seed %d, active/staged/previous after each: %s%n",
        kills, ops, (System.nanoTime() - t0) / 1e6, seed, statesSeen);
  }
}
