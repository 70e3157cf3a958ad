package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.ops.uplink.CommandIssuer;
import org.spacemoe.ground.ops.uplink.PlanForUplink;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlanEdits;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.UplinkStage;

/**
 * Shards are content-addressed: a satellite that holds a shard's bytes (by SHA-256, in any stored plan version) is
 * not sent it again. One node per satellite, real broker: v1 goes out whole; v2 with the same shards sends no chunk;
 * v3, which swaps the hosts of two experts, sends chunks only to those two satellites, and after activating it the
 * tokens still equal the reference (the reused files are the right ones). Chunks are 512 bytes.
 */
@Timeout(300)
class ShardReuseTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();
  private static final int CHUNK = 512;

  @TempDir Path dir;

  private static long uplink(PlacementPlan plan, KeyPair pair, Path model, Map<String, UplinkSession.ChunkProgress>
      progress) throws Exception {
    try (UplinkSession s = new UplinkSession(BROKER.uri()).chunkBytes(CHUNK)) {
      s.uplink(plan, PlanSigner.sign(PlanJson.toBytes(plan), pair.getPrivate(), false), model, 60_000, x -> { })
          .forEach((sat, st) -> assertEquals(UplinkStage.STAGED, st.stage(), sat + " " + st));
      progress.putAll(s.chunkProgress());
      return s.chunksSent();
    }
  }

  /** The plan with the hosts of layer 0's first two experts on different satellites swapped. */
  private static PlacementPlan swapTwoExperts(PlacementPlan p, List<String> swapped) {
    LayerPlacement l0 = p.layers().get(0);
    List<List<String>> experts = new ArrayList<>(l0.experts());
    int a = 0;
    int b = -1;
    for (int e = 1; e < experts.size(); e++) {
      if (!experts.get(e).equals(experts.get(a))) {
        b = e;
        break;
      }
    }
    assertTrue(b > 0, "layer 0 has experts on two satellites: " + experts);
    swapped.add(experts.get(a).get(0));
    swapped.add(experts.get(b).get(0));
    return PlanEdits.swapExperts(p, 0, a, b, "test");
  }

  @Test
  void onlyShardsASatelliteLacksAreSent() throws Exception {
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    Path model = bench.workspace.modelDir();
    KeyPair pair = PlanKeys.generate();
    Path pub = dir.resolve("ground.pub");
    PlanKeys.writePublic(pair.getPublic(), pub);
    Path key = dir.resolve("ground.key");
    PlanKeys.writePrivate(pair.getPrivate(), key);
    CommandIssuer issuer = CommandIssuer.fromKeyFile(key);
    int[] want = bench.reference(TinyBench.PROMPT, 5).generated();

    List<OnboardRuntime> nodes = new ArrayList<>();
    try {
      for (String sat : bench.satellites()) {
        OnboardConfig cfg = bench.config(BROKER.uri(), List.of(sat), Files.createDirectories(dir.resolve(sat)));
        cfg.setTrustedKeys(List.of(pub.toString()));
        nodes.add(new OnboardRuntime(cfg).start());
      }
      Map<String, UplinkSession.ChunkProgress> p1 = new java.util.TreeMap<>();
      long v1 = uplink(PlanForUplink.withDigests(bench.plan(), model, 1), pair, model, p1);
      assertTrue(v1 > 0, "v1 goes out whole");
      try (UplinkSession s = new UplinkSession(BROKER.uri())) {
        s.command(bench.satellites(), Command.activate("a1", 1), issuer, 20_000)
            .forEach((sat, st) -> assertEquals(UplinkStage.ACTIVE, st.stage(), sat + " " + st));
      }

      Map<String, UplinkSession.ChunkProgress> p2 = new java.util.TreeMap<>();
      assertEquals(0, uplink(PlanForUplink.withDigests(bench.plan(), model, 2), pair, model, p2),
          () -> "v2 has v1's shards: nothing to send; per satellite " + p2);

      List<String> swapped = new ArrayList<>();
      PlacementPlan moved = swapTwoExperts(bench.plan(), swapped);
      Map<String, UplinkSession.ChunkProgress> p3 = new java.util.TreeMap<>();
      long v3 = uplink(PlanForUplink.withDigests(moved, model, 3), pair, model, p3);
      assertTrue(v3 > 0 && v3 < v1, () -> "v3 sends some chunks, fewer than v1's " + v1 + ": " + v3 + " " + p3);
      p3.forEach((sat, c) -> assertEquals(Set.copyOf(swapped).contains(sat), c.sent() > 0,
          () -> sat + " sent " + c + "; the new hosts are " + swapped));
      System.out.printf("shard reuse (%d-byte chunks): v1 sent %d chunks, v2 (same shards) 0, v3 (two experts"
          + " moved) %d%n", CHUNK, v1, v3);
      try (UplinkSession s = new UplinkSession(BROKER.uri())) {
        s.command(bench.satellites(), Command.activate("a3", 3), issuer, 20_000)
            .forEach((sat, st) -> assertEquals(UplinkStage.ACTIVE, st.stage(), sat + " " + st));
      }
      try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
        assertTrue(driver.run(3, bench.entry(), 91L, TinyBench.PROMPT, 5, false, 30_000, x -> { }),
            () -> "errors " + driver.errors() + ", arrivals " + driver.arrivals());
        assertArrayEquals(want, driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray(),
            "reference tokens on the version built from reused shards");
      }
    } finally {
      nodes.forEach(OnboardRuntime::close);
    }
  }
}
