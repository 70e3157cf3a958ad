package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.MqttProbe;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.onboard.runtime.PlanRoles;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.frame.TensorCodec;

/**
 * Frames that must be refused, published straight to a hosted satellite's inbound topic through a real broker:
 * each is dropped and counted under its reason, nothing else is counted, and the node then still generates the
 * reference tokens.
 */
@Timeout(120)
class BadFramesTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir static Path dir;
  static TinyBench bench;
  static OnboardRuntime node;
  static MqttProbe probe;
  static final ActivationFrameCodec CODEC = new ActivationFrameCodec();

  @BeforeAll
  static void start() throws Exception {
    bench = TinyBench.prepare(dir);
    node = new OnboardRuntime(bench.config(BROKER.uri(), bench.satellites())).start();
    assertTrue(node.isHealthy(), () -> "node should be up: " + node.health());
    probe = new MqttProbe(BROKER.uri());
  }

  @AfterAll
  static void stop() {
    if (probe != null) {
      probe.close();
    }
    if (node != null) {
      node.close();
    }
  }

  private static float[] hiddenState() {
    float[] h = new float[bench.workspace.manifest().shape().hidden()];
    for (int i = 0; i < h.length; i++) {
      h[i] = (i % 7) * 0.1f - 0.3f;
    }
    return h;
  }

  /** A well-formed HIDDEN frame for layer 1 (addressed to layer 1's gateway). */
  private static byte[] validHidden(long planVersion, int layer) {
    float[] h = hiddenState();
    return CODEC.encode(ActivationFrame.hidden(planVersion, 900, 0, layer, TensorCodec.FP32, 1, h.length, h));
  }

  /** {@code frame} with its trailing CRC32C recomputed, so only the deliberate edit is wrong. */
  private static byte[] sealed(byte[] frame) {
    CRC32C crc = new CRC32C();
    crc.update(frame, 0, frame.length - 4);
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(frame.length - 4, (int) crc.getValue());
    return frame;
  }

  /** Publishes {@code bytes} to {@code satellite}'s inbound topic and waits until {@code key} counts one more. */
  private static void expectDrop(String what, String satellite, byte[] bytes, String key) throws Exception {
    Map<String, Long> before = new TreeMap<>(node.telemetry().dropsByReason());
    long was = before.getOrDefault(key, 0L);
    probe.publish(FrameTopics.satelliteInbound(satellite), bytes);
    Await.until(Duration.ofSeconds(10), () -> node.telemetry().dropsByReason().getOrDefault(key, 0L) == was + 1,
        () -> what + ": expected " + key + " to count " + (was + 1) + ", drops are " + node.telemetry().dropsByReason());
    // the one frame is counted once, under that reason only
    Map<String, Long> after = new TreeMap<>(node.telemetry().dropsByReason());
    after.merge(key, -1L, Long::sum);
    after.values().removeIf(v -> v == 0);
    before.values().removeIf(v -> v == 0);
    if (key.startsWith("MALFORMED:")) {
      after.merge("MALFORMED", -1L, Long::sum);
      after.values().removeIf(v -> v == 0);
    }
    assertEquals(before, after, what + ": only " + key + " should have changed");
  }

  @Test
  void badFramesAreDroppedByReasonAndTheNodeKeepsServing() throws Exception {
    long v = bench.planVersion();
    String gw1 = bench.gateway(1);

    byte[] badCrc = validHidden(v, 1);
    badCrc[badCrc.length - 1] ^= 0x5A;
    expectDrop("corrupted CRC", gw1, badCrc, "MALFORMED:BAD_CRC");

    expectDrop("wrong plan version", gw1, validHidden(v + 1, 1), "WRONG_PLAN_VERSION");

    expectDrop("unknown layer", gw1, validHidden(v, 7), "UNKNOWN_ROLE");

    // an expert request for an expert that this expert host does not host
    PlanRoles roles = new PlanRoles(bench.plan());
    String host = bench.expertHost(0, 0);
    List<int[]> hosted = roles.expertsOf(host);
    int notHosted = -1;
    for (int e = 0; e < bench.workspace.manifest().shape().experts() && notHosted < 0; e++) {
      final int ex = e;
      if (hosted.stream().noneMatch(le -> le[0] == 0 && le[1] == ex)) {
        notHosted = e;
      }
    }
    assertTrue(notHosted >= 0, "the tiny plan puts one expert per satellite");
    float[] h = hiddenState();
    byte[] request = CODEC.encode(ActivationFrame.expertRequest(v, 901, 0, 0, notHosted, TensorCodec.FP32, 1,
        h.length, h));
    expectDrop("unknown expert", host, request, "UNKNOWN_ROLE");

    byte[] valid = validHidden(v, 1);
    expectDrop("truncated frame", gw1, Arrays.copyOf(valid, valid.length - 9), "MALFORMED:LENGTH_MISMATCH");
    expectDrop("truncated header", gw1, Arrays.copyOf(valid, 20), "MALFORMED:TOO_SHORT");
    expectDrop("empty message", gw1, new byte[0], "MALFORMED:TOO_SHORT");

    byte[] tooManyRows = valid.clone();
    ByteBuffer.wrap(tooManyRows).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 1 << 20);
    expectDrop("oversize rows", gw1, tooManyRows, "MALFORMED:SHAPE_TOO_LARGE");
    byte[] tooManyCols = valid.clone();
    ByteBuffer.wrap(tooManyCols).order(ByteOrder.LITTLE_ENDIAN).putInt(36, -1); // 4294967295 as u32
    expectDrop("oversize cols", gw1, tooManyCols, "MALFORMED:SHAPE_TOO_LARGE");

    // codec field and payload checks behind a valid CRC (the frame is re-sealed after the edit)
    byte[] unknownCodec = valid.clone();
    unknownCodec[6] = 9;
    expectDrop("unknown codec", gw1, sealed(unknownCodec), "MALFORMED:UNKNOWN_CODEC");
    byte[] fp16Claim = valid.clone();
    fp16Claim[6] = (byte) TensorCodec.FP16.code(); // fp32-sized payload under an fp16 header
    expectDrop("payload size vs shape", gw1, sealed(fp16Claim), "MALFORMED:PAYLOAD_SIZE_MISMATCH");
    float[] hv = hiddenState();
    byte[] int8 = CODEC.encode(ActivationFrame.hidden(v, 903, 0, 1, TensorCodec.INT8, 1, hv.length, hv));
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0.25f}) {
      byte[] badScale = int8.clone();
      ByteBuffer.wrap(badScale).order(ByteOrder.LITTLE_ENDIAN).putFloat(44, bad); // row 0's scale
      expectDrop("int8 scale " + bad, gw1, sealed(badScale), "MALFORMED:BAD_SCALE");
    }
    byte[] nanValue = valid.clone();
    ByteBuffer.wrap(nanValue).order(ByteOrder.LITTLE_ENDIAN).putFloat(44 + 4 * 3, Float.NaN);
    expectDrop("fp32 NaN value", gw1, sealed(nanValue), "MALFORMED:NON_FINITE_VALUE");

    byte[] garbage = new byte[300];
    new Random(42).nextBytes(garbage);
    garbage[0] = 'X';
    expectDrop("random garbage", gw1, garbage, "MALFORMED:BAD_MAGIC");

    // a token frame at a satellite that is not the entry: no role for it
    expectDrop("token at a non-entry", gw1, CODEC.encode(ActivationFrame.tokens(v, 902, 0, 0, 5)), "UNKNOWN_ROLE");

    Map<String, Long> drops = node.telemetry().dropsByReason();
    assertEquals(0L, drops.getOrDefault("EXECUTION_FAILED", 0L), drops::toString);
    assertTrue(node.isHealthy(), () -> "still healthy: " + node.health());

    // the same node still serves a normal sequence, exactly as the reference
    ReferenceGenerator.Generation ref = bench.reference(TinyBench.PROMPT, 4);
    try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
      boolean ok = driver.run(v, bench.entry(), 77L, TinyBench.PROMPT, 4, false, 30_000, n -> { });
      int[] got = driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray();
      assertTrue(ok, () -> "sequence finished: errors " + driver.errors() + ", got " + Arrays.toString(got));
      assertArrayEquals(ref.generated(), got);
    }
    assertEquals(drops, node.telemetry().dropsByReason(), "a normal sequence drops nothing");
    assertNotEquals(0, node.telemetry().framesReceived());
  }
}
