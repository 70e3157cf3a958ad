package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The record's structural checks, factories and value semantics. */
class ActivationFrameTest {
  private static final float[] TWO = {1f, 2f};

  private static ActivationFrame frame(long plan, long step, int layer, int expert, FrameKind kind,
      TensorCodec codec, int rows, int cols, float[] values, int[] tokens) {
    return new ActivationFrame(plan, 3, step, layer, expert, kind, codec, rows, cols, values,
        tokens);
  }

  private static void refused(String field, Executable construct) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
    assertTrue(e.getMessage().startsWith("activation frame " + field + ": "), e.getMessage());
  }

  @Test
  void factoriesFillKindCodecAndExpert() {
    ActivationFrame h = ActivationFrame.hidden(1, 2, 3, 4, TensorCodec.FP16, 1, 2, TWO);
    assertEquals(FrameKind.HIDDEN, h.kind());
    assertEquals(ActivationFrame.NO_EXPERT, h.expert());
    assertFalse(h.hasExpert());
    ActivationFrame req = ActivationFrame.expertRequest(1, 2, 3, 4, 7, TensorCodec.INT8, 2, 1, TWO);
    assertEquals(FrameKind.EXPERT_REQUEST, req.kind());
    assertEquals(7, req.expert());
    assertTrue(req.hasExpert());
    assertEquals(FrameKind.EXPERT_RESPONSE,
        ActivationFrame.expertResponse(1, 2, 3, 4, 0, TensorCodec.FP32, 1, 2, TWO).kind());
    ActivationFrame t = ActivationFrame.tokens(1, 2, 3, 0, 42, 43, 44);
    assertEquals(FrameKind.TOKEN, t.kind());
    assertEquals(TensorCodec.I32, t.codec());
    assertEquals(1, t.rows());
    assertEquals(3, t.cols());
    assertEquals(3, t.elementCount());
    assertEquals(null, t.values());
  }

  @Test
  void headerRangesMatchTheWireWidths() {
    FrameKind k = FrameKind.HIDDEN;
    TensorCodec c = TensorCodec.FP32;
    refused("planVersion", () -> frame(0, 0, 0, -1, k, c, 1, 2, TWO, null));
    frame(-1, 0, 0, -1, k, c, 1, 2, TWO, null); // u64 max is a valid plan version
    refused("tokenStep", () -> frame(1, -1, 0, -1, k, c, 1, 2, TWO, null));
    refused("tokenStep", () -> frame(1, 1L << 32, 0, -1, k, c, 1, 2, TWO, null));
    frame(1, 0xFFFF_FFFFL, 0xFFFF, -1, k, c, 1, 2, TWO, null);
    refused("layer", () -> frame(1, 0, -1, -1, k, c, 1, 2, TWO, null));
    refused("layer", () -> frame(1, 0, 0x10000, -1, k, c, 1, 2, TWO, null));
    refused("expert", () -> frame(1, 0, 0, -2, k, c, 1, 2, TWO, null));
    refused("expert", () -> frame(1, 0, 0, 0xFFFF, k, c, 1, 2, TWO, null));
    frame(1, 0, 0, 0xFFFE, k, c, 1, 2, TWO, null);
  }

  @Test
  void shapeAndArraysMustAgree() {
    FrameKind k = FrameKind.HIDDEN;
    refused("shape", () -> frame(1, 0, 0, -1, k, TensorCodec.FP32, 0, 2, new float[0], null));
    refused("shape", () -> frame(1, 0, 0, -1, k, TensorCodec.FP32, 1, 0, new float[0], null));
    refused("values", () -> frame(1, 0, 0, -1, k, TensorCodec.FP32, 1, 3, TWO, null));
    refused("values", () -> frame(1, 0, 0, -1, k, TensorCodec.FP32, 65536, 65536, TWO, null));
    refused("tokens", () -> frame(1, 0, 0, -1, k, TensorCodec.FP32, 1, 2, TWO, new int[2]));
    assertThrows(NullPointerException.class,
        () -> frame(1, 0, 0, -1, k, TensorCodec.FP16, 1, 2, null, null));
    FrameKind t = FrameKind.TOKEN;
    refused("tokens", () -> frame(1, 0, 0, -1, t, TensorCodec.I32, 1, 2, null, new int[3]));
    refused("values", () -> frame(1, 0, 0, -1, t, TensorCodec.I32, 1, 2, TWO, new int[2]));
    assertThrows(NullPointerException.class,
        () -> frame(1, 0, 0, -1, t, TensorCodec.I32, 1, 2, null, null));
  }

  @Test
  void tokenFramesAndOnlyTokenFramesUseI32() {
    refused("codec", () -> frame(1, 0, 0, -1, FrameKind.TOKEN, TensorCodec.FP32, 1, 2, TWO, null));
    refused("codec", () -> frame(1, 0, 0, -1, FrameKind.HIDDEN, TensorCodec.I32, 1, 2, null,
        new int[2]));
    refused("codec", () -> frame(1, 0, 0, 3, FrameKind.EXPERT_RESPONSE, TensorCodec.I32, 1, 2,
        null, new int[2]));
  }

  @Test
  void ackFramesUseI32AndHoldASingleZero() {
    ActivationFrame a = ActivationFrame.ack(1, 2, 3, 4, 5);
    assertEquals(FrameKind.ACK, a.kind());
    assertEquals(TensorCodec.I32, a.codec());
    assertEquals(1, a.rows());
    assertEquals(1, a.cols());
    assertEquals(0, a.tokens()[0]);
    assertEquals(5, a.expert());
    assertEquals(ActivationFrame.NO_EXPERT, ActivationFrame.ack(1, 2, 3, 4, -1).expert());
    refused("codec", () -> frame(1, 0, 0, -1, FrameKind.ACK, TensorCodec.FP32, 1, 1,
        new float[] {0}, null));
    refused("ack", () -> frame(1, 0, 0, -1, FrameKind.ACK, TensorCodec.I32, 1, 2, null,
        new int[2]));
    refused("ack", () -> frame(1, 0, 0, -1, FrameKind.ACK, TensorCodec.I32, 1, 1, null,
        new int[] {7}));
    assertTrue(FrameKind.ACK.usesI32());
    assertTrue(FrameKind.TOKEN.usesI32());
    assertFalse(FrameKind.HIDDEN.usesI32());
    assertEquals(FrameKind.ACK, FrameKind.fromCode(5).orElseThrow());
  }

  @Test
  void equalityComparesContents() {
    ActivationFrame a = ActivationFrame.hidden(1, 2, 3, 4, TensorCodec.FP32, 1, 2, new float[] {1, 2});
    ActivationFrame b = ActivationFrame.hidden(1, 2, 3, 4, TensorCodec.FP32, 1, 2, new float[] {1, 2});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, ActivationFrame.hidden(1, 2, 3, 4, TensorCodec.FP32, 1, 2,
        new float[] {1, 3}));
    assertNotEquals(a, ActivationFrame.hidden(1, 2, 3, 4, TensorCodec.FP16, 1, 2,
        new float[] {1, 2}));
    assertNotEquals(a, ActivationFrame.hidden(1, 2, 3, 4, TensorCodec.FP32, 2, 1,
        new float[] {1, 2}));
    assertNotEquals(ActivationFrame.hidden(1, 2, 3, 4, TensorCodec.FP32, 1, 1, new float[] {0f}),
        ActivationFrame.hidden(1, 2, 3, 4, TensorCodec.FP32, 1, 1, new float[] {-0f}));
    assertEquals(ActivationFrame.tokens(1, 2, 3, 0, 5), ActivationFrame.tokens(1, 2, 3, 0, 5));
    assertNotEquals(ActivationFrame.tokens(1, 2, 3, 0, 5), ActivationFrame.tokens(1, 2, 3, 0, 6));
  }

  @Test
  void toStringShowsHeaderAndAFewValues() {
    assertEquals("ActivationFrame[TOKEN I32 1x1, plan 18446744073709551615, seq 7, step 3,"
        + " layer 0, expert none, [42]]", ActivationFrame.tokens(-1, 7, 3, 0, 42).toString());
    assertEquals("ActivationFrame[EXPERT_REQUEST FP16 1x6, plan 1, seq 2, step 3, layer 4,"
        + " expert 5, [0.0, 1.0, 2.0, 3.0, ...]]", ActivationFrame.expertRequest(1, 2, 3, 4, 5,
            TensorCodec.FP16, 1, 6, new float[] {0, 1, 2, 3, 4, 5}).toString());
  }
}
