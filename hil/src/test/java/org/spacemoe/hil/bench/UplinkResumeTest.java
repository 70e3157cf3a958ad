package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spacemoe.ground.cli.GroundCli;
import org.spacemoe.ground.ops.uplink.PlanForUplink;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.planstore.CrashPoints;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.plan.envelope.SignedPlan;
import org.spacemoe.shared.uplink.ChunkPlanner;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.ShardAssembler;
import org.spacemoe.shared.uplink.UplinkStage;
import picocli.CommandLine;

/**
 * A cut uplink through a real broker: the ground session stops after 10%, 50% or 99% of all chunks (a link cut),
 * optionally the node is restarted (a new runtime over the same data directory), then a fresh ground session
 * resumes. Nothing is staged or activatable before every chunk arrived, and the resumed session sends exactly the
 * chunks that never reached the node's disk: its own chunk counter must equal total minus delivered. A node
 * process halted after the last chunk, before it verified the last transfer, resumes with no chunk re-sent.
 * Chunks are 512 bytes so the tiny model's shards make a few hundred of them.
 */
@Timeout(600)
class UplinkResumeTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();
  private static final int CHUNK = 512;

  @TempDir static Path dir;
  private static TinyBench bench;
  private static Path publicKey;
  private static Path privateKey;
  private static PlacementPlan ready;
  private static SignedPlan signed;
  private static long totalChunks;

  @BeforeAll
  static void prepare() throws Exception {
    bench = TinyBench.prepare(dir.resolve("bench"));
    KeyPair pair = PlanKeys.generate();
    publicKey = dir.resolve("ground.pub");
    PlanKeys.writePublic(pair.getPublic(), publicKey);
    privateKey = dir.resolve("ground.key");
    PlanKeys.writePrivate(pair.getPrivate(), privateKey);
    ready = PlanForUplink.withDigests(bench.plan(), bench.workspace.modelDir(), bench.planVersion());
    signed = PlanSigner.sign(PlanJson.toBytes(ready), pair.getPrivate(), false);
    totalChunks = totalChunks(CHUNK);
    assertTrue(totalChunks >= 100, "enough chunks for a 1% step: " + totalChunks);
  }

  /** Chunks of the whole uplink (every satellite's manifest and shards) at {@code chunkBytes}. */
  private static long totalChunks(int chunkBytes) {
    long n = 0;
    for (String sat : PlanShards.satellites(ready)) {
      List<String> names = new ArrayList<>(List.of(ShardContract.MANIFEST_FILE));
      for (String shard : PlanShards.needed(ready, sat)) {
        names.add(ShardContract.fileName(shard));
      }
      for (String file : names) {
        n += ChunkPlanner.plan("x", bench.workspace.modelDir().resolve(file), chunkBytes).chunkCount();
      }
    }
    return n;
  }

  private OnboardRuntime startNode(Path data) {
    return startNode(data, null);
  }

  /** @param clientId the node's MQTT client id (null: derived from its satellites and data directory) */
  private OnboardRuntime startNode(Path data, String clientId) {
    OnboardConfig cfg = bench.config(BROKER.uri(), bench.satellites(), data);
    cfg.setClientId(clientId);
    cfg.setTrustedKeys(List.of(publicKey.toString()));
    OnboardRuntime node = new OnboardRuntime(cfg).start();
    Await.until(Duration.ofSeconds(15), () -> String.valueOf(node.health().get("reason")).startsWith("no plan yet"),
        () -> "node up, waiting for a plan: " + node.health());
    return node;
  }

  private static int ground(String... args) {
    CommandLine cl = GroundCli.newCommandLine();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    return cl.execute(args);
  }

  private static int activate() {
    return ground("activate", "--version", Long.toString(ready.planVersion()), "--plan",
        bench.workspace.dataDir().resolve("plan.json").toString(), "--broker", BROKER.uri(), "--timeout", "20",
        "--key", privateKey.toString());
  }

  private static Map<String, UplinkSession.SatelliteState> uplink(UplinkSession s, long timeoutMs) throws Exception {
    return s.uplink(ready, signed, bench.workspace.modelDir(), timeoutMs, x -> { });
  }

  /**
   * Chunks on the node's disk: the bits set in every {@code .part.state} bitmap (after the 56-byte header) plus
   * the chunks of the shards already finished into {@code done/}.
   */
  private static long chunksOnDisk(Path data) throws IOException {
    return chunksOnDisk(data, CHUNK);
  }

  private static long chunksOnDisk(Path data, int chunkBytes) throws IOException {
    Path transfers = data.resolve("store").resolve("transfers");
    if (!Files.isDirectory(transfers)) {
      return 0;
    }
    long n = 0;
    try (Stream<Path> files = Files.walk(transfers)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.endsWith(ShardAssembler.STATE_SUFFIX)) {
          ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
          for (int i = 56; i < b.limit(); i++) {
            n += Integer.bitCount(b.get(i) & 0xff);
          }
        } else if (Files.isRegularFile(f) && f.getParent().getFileName().toString().equals("done")) {
          n += (Files.size(f) + chunkBytes - 1) / chunkBytes;
        }
      }
    }
    return n;
  }

  private static void assertNothingStaged(Map<String, UplinkSession.SatelliteState> states, String when) {
    states.forEach((sat, st) -> assertFalse(st.stage() == UplinkStage.STAGED || st.stage() == UplinkStage.ACTIVE,
        sat + " " + st + " " + when));
  }

  @ParameterizedTest(name = "cut at {0}%, node restarted: {1}")
  @CsvSource({"10,false", "50,false", "99,false", "10,true", "50,true", "99,true"})
  void cutTransferResumesWithOnlyTheMissingChunks(int percent, boolean restart) throws Exception {
    Path data = Files.createDirectories(dir.resolve("node-" + percent + "-" + restart));
    long cutAt = totalChunks * percent / 100;
    OnboardRuntime node = startNode(data);
    try {
      try (UplinkSession first = new UplinkSession(BROKER.uri()).chunkBytes(CHUNK).stopAfterChunks(cutAt)) {
        Map<String, UplinkSession.SatelliteState> states = uplink(first, 30_000);
        assertTrue(first.wasCut(), "session cut");
        assertEquals(cutAt, first.chunksSent());
        assertNothingStaged(states, "after the cut");
      }
      Await.until(Duration.ofSeconds(20), () -> {
        try {
          return chunksOnDisk(data) == cutAt;
        } catch (IOException | RuntimeException e) {
          return false; // a file finished (renamed) while we walked: look again
        }
      }, () -> "node wrote the " + cutAt + " chunks it was sent");
      assertEquals(0, node.activePlanVersion());
      assertEquals(2, activate(), "activation refused while chunks are missing");
      if (restart) {
        node.close();
        node = startNode(data);
      }
      assertEquals(2, activate(), "activation refused while chunks are missing");
      try (UplinkSession resume = new UplinkSession(BROKER.uri()).chunkBytes(CHUNK)) {
        Map<String, UplinkSession.SatelliteState> states = uplink(resume, 60_000);
        states.forEach((sat, st) -> assertEquals(UplinkStage.STAGED, st.stage(), sat + " " + st));
        assertEquals(totalChunks - cutAt, resume.chunksSent(), "the resumed session sends only the missing chunks");
        resume.chunkProgress().forEach((sat, p) -> assertEquals(p.requested(), p.sent(), sat + " " + p));
      }
      assertEquals(0, activate());
      assertEquals(ready.planVersion(), node.activePlanVersion());
    } finally {
      node.close();
    }
  }

  @Test
  void nodeHaltedAfterTheLastChunkBeforeVerifyingResumesWithNothingResent() throws Exception {
    Path data = Files.createDirectories(dir.resolve("node-crash"));
    Path logs = Files.createDirectories(dir.resolve("child"));
    int satellites = PlanShards.satellites(ready).size();
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-D" + CrashPoints.AT_PROPERTY + "=" + CrashPoints.UPLINK_CHUNKS_COMPLETE + "#" + satellites,
        NodeChild.class.getName(), BROKER.uri(), data.toString(), publicKey.toString(),
        String.join(",", bench.satellites()))
        .redirectErrorStream(true).redirectOutput(logs.resolve("out.txt").toFile()).start();
    try {
      Await.until(Duration.ofSeconds(60), () -> log(logs).contains("node-child started"),
          () -> "child node up:\n" + log(logs));
      try (UplinkSession first = new UplinkSession(BROKER.uri()).chunkBytes(CHUNK)) {
        Map<String, UplinkSession.SatelliteState> states = uplink(first, 10_000);
        assertEquals(totalChunks, first.chunksSent(), "every chunk was sent before the node died");
        assertNothingStaged(states, "node halted before verifying the last transfer");
      }
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child halted");
      assertEquals(CrashPoints.EXIT_CODE, child.exitValue(), () -> "halted at the crash point:\n" + log(logs));
      assertTrue(log(logs).contains("crashing at"), () -> log(logs));
    } finally {
      child.destroyForcibly();
    }
    assertEquals(totalChunks, chunksOnDisk(data), "every chunk on disk");
    // the node comes back without its broker session (as after a broker restart that lost it): what it missed
    // while down is not delivered, so only the resumed uplink can make it stage
    OnboardRuntime node = startNode(data, "resumed-" + System.nanoTime());
    try {
      assertEquals(2, activate(), "activation refused: not verified, not staged");
      try (UplinkSession resume = new UplinkSession(BROKER.uri()).chunkBytes(CHUNK)) {
        Map<String, UplinkSession.SatelliteState> states = uplink(resume, 60_000);
        states.forEach((sat, st) -> assertEquals(UplinkStage.STAGED, st.stage(), sat + " " + st));
        assertEquals(0, resume.chunksSent(), "nothing re-sent: the node had every chunk");
      }
      assertEquals(0, activate());
      int[] want = bench.reference(TinyBench.PROMPT, 5).generated();
      try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
        assertTrue(driver.run(1, bench.entry(), 41L, TinyBench.PROMPT, 5, false, 30_000, x -> { }),
            () -> "errors " + driver.errors());
        assertArrayEquals(want, driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray());
      }
    } finally {
      node.close();
    }
  }

  /**
   * The node restarts while one session is sending (64-byte chunks, so the transfer lasts seconds): chunks sent to
   * the closed node (and to the new one before it is offered the transfer again) are lost; the session hears
   * nothing for a second, re-offers, and the new node asks for exactly what is not on its disk. Every satellite
   * stages; the session sent every chunk once plus exactly the chunks missing from the disk.
   */
  @Test
  void nodeRestartedDuringASessionIsReofferedTheMissingChunks() throws Exception {
    int chunk = 64;
    long total = totalChunks(chunk);
    Path data = Files.createDirectories(dir.resolve("node-live"));
    OnboardRuntime node = startNode(data);
    try (UplinkSession s = new UplinkSession(BROKER.uri()).chunkBytes(chunk).reofferAfterMs(1_000)) {
      java.util.concurrent.CompletableFuture<Map<String, UplinkSession.SatelliteState>> running =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
              return uplink(s, 120_000);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      Await.until(Duration.ofSeconds(60), () -> {
        try {
          return chunksOnDisk(data, chunk) >= total / 3;
        } catch (IOException | RuntimeException e) {
          return false;
        }
      }, () -> "a third of " + total + " chunks on the node's disk");
      assertFalse(running.isDone(), "transfer still running at the restart");
      node.close();
      long onDisk = chunksOnDisk(data, chunk);
      for (long again = -1; again != onDisk; ) { // until the closed node's worker wrote its last chunk
        Thread.sleep(300);
        again = onDisk;
        onDisk = chunksOnDisk(data, chunk);
      }
      node = startNode(data);
      Map<String, UplinkSession.SatelliteState> states = running.get(150, TimeUnit.SECONDS);
      states.forEach((sat, st) -> assertEquals(UplinkStage.STAGED, st.stage(), sat + " " + st));
      assertTrue(s.reoffers() >= 1, "re-offered after the silence");
      // every chunk once (those after the restart went to a node that had no transfer yet and were lost), then
      // after the re-offer exactly the chunks that were not on disk
      assertEquals(total + (total - onDisk), s.chunksSent(), "chunks sent; " + onDisk + " of " + total
          + " were on disk at the restart");
      s.chunkProgress().forEach((sat, p) -> assertEquals(p.requested(), p.sent(), sat + " " + p));
      assertEquals(0, activate());
      assertEquals(ready.planVersion(), node.activePlanVersion());
    } finally {
      node.close();
    }
  }

  private static String log(Path logs) {
    try {
      return Files.readString(logs.resolve("out.txt"));
    } catch (IOException e) {
      return "";
    }
  }
}
