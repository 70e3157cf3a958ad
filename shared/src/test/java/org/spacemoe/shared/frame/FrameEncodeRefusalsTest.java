package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Values that cannot be sent are refused at encode, with the element named. */
class FrameEncodeRefusalsTest {
  private final ActivationFrameCodec codec = new ActivationFrameCodec();

  private static ActivationFrame row(TensorCodec c, float... values) {
    return ActivationFrame.hidden(1, 1, 0, 0, c, 1, values.length, values);
  }

  private void refused(ActivationFrame f, String messagePart) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> codec.encode(f));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = TensorCodec.class, names = {"FP32", "FP16", "INT8"})
  void nanAndInfinityAreRefusedInEveryFloatCodec(TensorCodec c) {
    refused(row(c, 1, Float.NaN), "values[0][1]: NaN is not finite");
    refused(row(c, Float.POSITIVE_INFINITY, 1), "values[0][0]: Infinity is not finite");
    refused(ActivationFrame.hidden(1, 1, 0, 0, c, 2, 2,
        new float[] {0, 1, 2, Float.NEGATIVE_INFINITY}), "values[1][1]: -Infinity is not finite");
  }

  @Test
  void aDecodedInt8RowWithCodeMinus128AtTheLargestScaleIsRefusedAtReEncode() {
    // found by FrameDecoderFuzzTest: the decoder accepts -128 (docs/activation-frame.md), so q * scale can reach
    // 128 * MAX_SCALE = Float.MAX_VALUE, which is beyond 127 * MAX_SCALE, the largest row the encoder quantises
    byte[] frame = codec.encode(row(TensorCodec.INT8, 1f, -1f));
    int scaleAt = FrameLayout.HEADER_BYTES;
    java.nio.ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(scaleAt, Int8Quantizer.MAX_SCALE);
    frame[scaleAt + 4 + 1] = (byte) -128;
    FrameBytes.fixCrc(frame);
    ActivationFrame decoded = codec.decode(frame);
    assertEquals(-Float.MAX_VALUE, decoded.values()[1]);
    refused(decoded, "is too large to quantise");
  }

  @ParameterizedTest
  @ValueSource(floats = {65520f, -65520f, 65536f, 1e5f, Float.MAX_VALUE})
  void fp16ValuesThatRoundBeyond65504AreRefused(float v) {
    refused(row(TensorCodec.FP16, 0, v), "beyond the FP16 range");
  }

  @ParameterizedTest
  @ValueSource(floats = {65504f, -65504f, 65519.996f, -65519.996f})
  void fp16ValuesThatRoundTo65504AreSent(float v) {
    ActivationFrame back = codec.decode(codec.encode(row(TensorCodec.FP16, v)));
    assertEquals(Math.signum(v) * 65504f, back.values()[0]);
  }

  @Test
  void int8RowsBeyondTheLargestScaleAreRefused() {
    refused(row(TensorCodec.INT8, 1, Float.MAX_VALUE), "row 0: int8 row with max |x|");
    refused(row(TensorCodec.INT8, -3.38e38f), "too large to quantise");
    ActivationFrame big = row(TensorCodec.INT8, 3.3e38f, -1f);
    ActivationFrame back = codec.decode(codec.encode(big));
    assertEquals(3.3e38f, back.values()[0], 3.3e38f / 254);
  }

  @Test
  void int8TinyAndZeroRows() {
    // all zero: scale 0; a row of Float.MIN_VALUE: scale rounds up to MIN_VALUE, exact
    ActivationFrame f = ActivationFrame.hidden(1, 1, 0, 0, TensorCodec.INT8, 2, 2,
        new float[] {0, -0f, Float.MIN_VALUE, -3 * Float.MIN_VALUE});
    ActivationFrame back = codec.decode(codec.encode(f));
    assertEquals(0f, back.values()[0]);
    assertEquals(0f, back.values()[1]);
    assertEquals(Float.MIN_VALUE, back.values()[2]);
    assertEquals(-3 * Float.MIN_VALUE, back.values()[3]);
  }

  @Test
  void framesBeyondTheCodecLimitsAreRefused() {
    ActivationFrameCodec small = new ActivationFrameCodec(new FrameLimits(1, 4, 1000));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> small.encode(row(TensorCodec.FP32, 1, 2, 3, 4, 5)));
    assertTrue(e.getMessage().contains("a receiver would refuse it"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> small.encode(
        ActivationFrame.hidden(1, 1, 0, 0, TensorCodec.FP32, 2, 1, new float[2])));
    assertThrows(IllegalArgumentException.class, () -> new ActivationFrameCodec(
        new FrameLimits(1, 1000, 15)).encode(row(TensorCodec.FP32, 1, 2, 3, 4)));
  }
}
