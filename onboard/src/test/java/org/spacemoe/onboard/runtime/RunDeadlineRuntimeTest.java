package org.spacemoe.onboard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.shard.TinyModel;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.watchdog.WatchdogPinger;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.WeightFormat;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.PlanJson;

/**
 * A whole runtime on the tiny model (real ONNX shards), without a broker: frames are handed to its dispatcher as
 * the transport would. An injected hang on the expert satellite is caught by the run deadline: the node goes
 * DOWN with a sticky reason, its liveness probe fails, and the systemd watchdog pinger stops pinging.
 */
@Timeout(60)
class RunDeadlineRuntimeTest {
  private static final String SPEC = "walker-star:planes=6,sats=12";
  private static final String EXPERT_SAT = "p01s00";

  @TempDir Path data;

  private OnboardRuntime start(long deadlineMinMs) throws IOException {
    Path model = TinyModel.tiny(WeightFormat.FP32);
    copyTree(model, data.resolve("model"));
    Map<String, String> digests = new TreeMap<>();
    for (ShardEntry s : ModelManifest.read(model).shards()) {
      digests.put(s.name(), s.sha256());
    }
    PlanInputs inputs = new PlanInputs(SPEC, new PlanInputs.ModelDims("tiny", 2, 4, 2, 32, 64, 64),
        new PlanInputs.DeviceSpec("sbc-2a72", 7e9, 8L << 30), "fp32", 64, 100e9, 0.12, 0.95, 200, 42L, "zipf:1.0",
        List.of(new double[] {0.4, 0.3, 0.2, 0.1}, new double[] {0.4, 0.3, 0.2, 0.1}));
    PlacementPlan plan = new PlacementPlan(PlacementPlan.SCHEMA_VERSION, 1, "hand",
        ConstellationSpecs.parse(SPEC).id(), List.of(
            layer(0, "p00s00", "p01s00", "p02s00", "p03s00", "p04s00"),
            layer(1, "p00s06", "p01s06", "p02s06", "p03s06", "p04s06")), digests, inputs);
    PlanJson.write(plan, data.resolve("plan.json"));
    OnboardConfig config = new OnboardConfig();
    config.setSatellites(List.of(EXPERT_SAT));
    config.setDataDir(data.toString());
    config.setBroker("tcp://127.0.0.1:1"); // nothing listens: frames are delivered by hand
    config.setLinkEmulation(false);
    config.setRunDeadlineMinMs(deadlineMinMs);
    OnboardRuntime runtime = new OnboardRuntime(config).start();
    assertEquals(1, runtime.activePlanVersion());
    return runtime;
  }

  private static LayerPlacement layer(int l, String gateway, String... experts) {
    List<String> subnet = new ArrayList<>(List.of(gateway));
    List<List<String>> hosts = new ArrayList<>();
    for (String e : experts) {
      subnet.add(e);
      hosts.add(List.of(e));
    }
    return new LayerPlacement(l, subnet, gateway, hosts);
  }

  private static void request(OnboardRuntime runtime, long seq) {
    float[] x = new float[32];
    x[1] = 0.5f;
    byte[] bytes = Frames.CODEC.encode(Frames.floats(FrameKind.EXPERT_REQUEST, TensorCodec.FP32, 1, seq, 0, 0, 0, x));
    long now = System.nanoTime();
    runtime.dispatcher().onFrame(EXPERT_SAT, null, bytes, now, now);
  }

  @Test
  void anInjectedHangMarksTheNodeDownStopsTheWatchdogAndStaysUntilRestart() throws Exception {
    OnboardRuntime runtime = start(500);
    try {
      for (int i = 0; i < 20; i++) {
        request(runtime, i); // normal runs: far below their deadline
      }
      waitFor(() -> runtime.telemetry().expertActivations().values().stream().mapToLong(Long::longValue).sum() >= 20
          || runtime.telemetry().hopCount() >= 20, 10_000);
      assertTrue(runtime.responsive(1_000), "alive before the hang");
      assertFalse(runtime.health().containsKey("reason") && String.valueOf(runtime.health().get("reason"))
          .startsWith("hung"));

      runtime.injectHang(EXPERT_SAT);
      long start = System.nanoTime();
      request(runtime, 100);
      String expected = "hung: expert L0/E0 on " + EXPERT_SAT + " ran past its 500 ms deadline";
      waitFor(() -> expected.equals(runtime.health().get("reason")), 5_000);
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(tookMs <= 1_500, "DOWN after " + tookMs + " ms: deadline + 1 s at most");
      assertEquals("DOWN", runtime.health().get("status"));
      assertFalse(runtime.responsive(500));
      assertEquals(1, runtime.telemetry().dropCount(DropReason.RUN_DEADLINE));

      // the systemd watchdog: no WATCHDOG=1 while the runtime is not responsive
      List<String> sent = Collections.synchronizedList(new ArrayList<>());
      WatchdogPinger pinger = new WatchdogPinger(a -> sent.add(String.join(" ", a)), runtime::responsive,
          () -> "status", 200).start();
      waitFor(() -> pinger.missed() >= 2, 5_000);
      pinger.close();
      assertEquals(0, pinger.pings());
      assertTrue(sent.stream().noneMatch(m -> m.contains("WATCHDOG=1")), sent.toString());

      // sticky: still DOWN once other runs go on (the other worker is free)
      request(runtime, 101);
      Thread.sleep(300);
      assertEquals(expected, runtime.health().get("reason"));
      assertFalse(runtime.responsive(500));
    } finally {
      runtime.halt(); // ends the injected hang
    }
  }

  @Test
  void normalRunsNeverTripTheDeadline() throws Exception {
    OnboardRuntime runtime = start(2_000);
    try {
      for (int i = 0; i < 200; i++) {
        request(runtime, i);
      }
      waitFor(() -> runtime.telemetry().hopCount() >= 200, 20_000);
      Thread.sleep(2 * 250);
      assertEquals(0, runtime.telemetry().dropCount(DropReason.RUN_DEADLINE));
      assertEquals(0, runtime.telemetry().dropCount(DropReason.QUEUE_FULL));
      assertTrue(runtime.responsive(1_000));
      assertFalse(String.valueOf(runtime.health().get("reason")).startsWith("hung"), runtime.health().toString());
    } finally {
      runtime.close();
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier c, long ms) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + ms + " ms");
      }
      Thread.sleep(20);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
