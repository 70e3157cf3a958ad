package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.model.HiddenStateCodec;

/** Wire codes of {@link TensorCodec} and {@link FrameKind}, and payload sizes. */
class TensorCodecTest {

  @Test
  void wireCodes() {
    assertEquals(0, TensorCodec.FP32.code());
    assertEquals(1, TensorCodec.FP16.code());
    assertEquals(2, TensorCodec.INT8.code());
    assertEquals(3, TensorCodec.I32.code());
    assertEquals(1, FrameKind.TOKEN.code());
    assertEquals(2, FrameKind.HIDDEN.code());
    assertEquals(3, FrameKind.EXPERT_REQUEST.code());
    assertEquals(4, FrameKind.EXPERT_RESPONSE.code());
    assertEquals(5, FrameKind.ACK.code());
    for (TensorCodec c : TensorCodec.values()) {
      assertEquals(Optional.of(c), TensorCodec.fromCode(c.code()));
    }
    for (FrameKind k : FrameKind.values()) {
      assertEquals(Optional.of(k), FrameKind.fromCode(k.code()));
    }
    assertEquals(Optional.empty(), TensorCodec.fromCode(4));
    assertEquals(Optional.empty(), TensorCodec.fromCode(-1));
    assertEquals(Optional.empty(), FrameKind.fromCode(0));
    assertEquals(FrameKind.SLICE_RESPONSE, FrameKind.fromCode(10).orElseThrow());
    assertEquals(Optional.empty(), FrameKind.fromCode(11));
  }

  @Test
  void payloadBytes() {
    assertEquals(2 * 3 * 4, TensorCodec.FP32.payloadBytes(2, 3));
    assertEquals(2 * 3 * 2, TensorCodec.FP16.payloadBytes(2, 3));
    assertEquals(2 * 4 + 2 * 3, TensorCodec.INT8.payloadBytes(2, 3));
    assertEquals(2 * 3 * 4, TensorCodec.I32.payloadBytes(2, 3));
    assertEquals(4L * 0xFFFF_FFFFL * 0xFFFFL, TensorCodec.FP32.payloadBytes(0xFFFF_FFFFL, 0xFFFF));
    assertEquals(Long.MAX_VALUE, TensorCodec.FP32.payloadBytes(0xFFFF_FFFFL, 0xFFFF_FFFFL));
    assertEquals(Long.MAX_VALUE, TensorCodec.INT8.payloadBytes(Long.MAX_VALUE, 1));
    assertThrows(IllegalArgumentException.class, () -> TensorCodec.FP16.payloadBytes(-1, 2));
    assertTrue(TensorCodec.INT8.carriesFloats());
    assertFalse(TensorCodec.I32.carriesFloats());
  }

  /** The latency model's message sizes are the payload of a one-row frame. */
  @Test
  void agreesWithTheLatencyModelsHiddenStateCodec() {
    for (HiddenStateCodec h : HiddenStateCodec.values()) {
      TensorCodec c = TensorCodec.of(h);
      assertEquals(h.name(), c.name());
      assertEquals(h.bytes(4096), c.payloadBytes(1, 4096));
    }
  }

  @Test
  void encodedSizeIsHeaderPayloadAndCrc() {
    ActivationFrame f = ActivationFrame.hidden(1, 1, 0, 0, TensorCodec.INT8, 3, 5, new float[15]);
    assertEquals(44 + 3 * 4 + 15 + 4, ActivationFrameCodec.encodedSize(f));
    assertEquals(ActivationFrameCodec.encodedSize(f), new ActivationFrameCodec().encode(f).length);
  }
}
