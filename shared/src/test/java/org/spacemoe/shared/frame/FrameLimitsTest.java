package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default bounds admit the real model's tensors and refuse anything above 64 MiB. */
class FrameLimitsTest {
  private final ActivationFrameCodec codec = new ActivationFrameCodec();

  @Test
  void defaults() {
    assertEquals(new FrameLimits(65_536, 1_048_576, 64 * 1024 * 1024), FrameLimits.DEFAULTS);
    assertEquals(FrameLimits.DEFAULTS, codec.limits());
  }

  @Test
  void aLogitsRowAndAHiddenStateFitInEveryCodec() {
    for (TensorCodec c : new TensorCodec[] {TensorCodec.FP32, TensorCodec.FP16, TensorCodec.INT8}) {
      float[] logits = new float[32_000];
      logits[31_999] = -12.5f;
      assertEquals(-12.5f, codec.decode(codec.encode(
          ActivationFrame.hidden(1, 1, 0, 31, c, 1, 32_000, logits))).values()[31_999], 0.1f);
      float[] hidden = new float[4096];
      hidden[7] = 0.5f;
      assertEquals(0.5f, codec.decode(codec.encode(
          ActivationFrame.hidden(1, 1, 0, 0, c, 1, 4096, hidden))).values()[7], 0.01f);
    }
  }

  @Test
  void exactly64MiBIsAcceptedAndOneElementMoreIsNot() {
    // 16 x 1,048,576 FP32 = 64 MiB exactly: checked on the header alone, nothing allocated.
    byte[] atLimit = FrameAllocationTest.declaring(16, 1_048_576, 64L << 20);
    assertEquals(FrameError.LENGTH_MISMATCH,
        FrameDecodeErrorsTest.reason(() -> codec.decode(atLimit)), "shape accepted");
    // 97 x 172,961 = 2^24 + 1 elements: one FP32 element above 64 MiB, rows and cols in bounds
    byte[] above = FrameAllocationTest.declaring(97, 172_961, (64L << 20) + 4);
    FrameDecodeException e = assertThrows(FrameDecodeException.class, () -> codec.decode(above));
    assertEquals(FrameError.SHAPE_TOO_LARGE, e.reason());
    assertTrue(e.getMessage().contains("maxPayloadBytes = 67108864"), e.getMessage());
  }

  @Test
  void invalidLimitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new FrameLimits(0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new FrameLimits(1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new FrameLimits(1, 1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new FrameLimits(1, 1, FrameLimits.MAX_PAYLOAD_CAP + 1));
    new FrameLimits(1, 1, FrameLimits.MAX_PAYLOAD_CAP);
  }
}
