package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Encode then decode: what each codec promises about the values, and that every field survives. */
class FrameRoundTripPropertiesTest {
  private final ActivationFrameCodec codec = new ActivationFrameCodec();

  @Provide
  Arbitrary<ActivationFrame> fp32Frames() {
    return FrameArbitraries.floatFrames(TensorCodec.FP32, FrameArbitraries.finiteFloats());
  }

  /** Normal half range: 2^-14 <= |x| <= 65504. */
  @Provide
  Arbitrary<ActivationFrame> fp16NormalFrames() {
    return FrameArbitraries.floatFrames(TensorCodec.FP16,
        FrameArbitraries.binaryFloats(-14, 15, HalfFloat.MAX_VALUE));
  }

  /** Anything that does not overflow, including subnormal halves and underflow to zero. */
  @Provide
  Arbitrary<ActivationFrame> fp16Frames() {
    return FrameArbitraries.floatFrames(TensorCodec.FP16, Arbitraries.oneOf(
        FrameArbitraries.binaryFloats(-30, 15, HalfFloat.MAX_VALUE),
        FrameArbitraries.binaryFloats(-15, 15, 65519.996f),
        Arbitraries.just(0f)));
  }

  @Provide
  Arbitrary<ActivationFrame> int8Frames() {
    return FrameArbitraries.floatFrames(TensorCodec.INT8, FrameArbitraries.activationFloats());
  }

  @Provide
  Arbitrary<ActivationFrame> tokenFrames() {
    return FrameArbitraries.tokenFrames();
  }

  @Provide
  Arbitrary<ActivationFrame> ackFrames() {
    return FrameArbitraries.ackFrames();
  }

  @Provide
  Arbitrary<ActivationFrame> anyFrames() {
    return FrameArbitraries.encodableFrames();
  }

  @Property
  void ackIsExact(@ForAll("ackFrames") ActivationFrame f) {
    assertEquals(f, codec.decode(codec.encode(f)));
  }

  /** Every kind and codec (ACK included) keeps its header through a round trip. */
  @Property
  void everyKindKeepsItsHeader(@ForAll("anyFrames") ActivationFrame f) {
    assertSameHeader(f, codec.decode(codec.encode(f)));
  }

  @Property
  void fp32IsExact(@ForAll("fp32Frames") ActivationFrame f) {
    assertEquals(f, codec.decode(codec.encode(f)));
  }

  @Property
  void i32IsExact(@ForAll("tokenFrames") ActivationFrame f) {
    assertEquals(f, codec.decode(codec.encode(f)));
  }

  @Property
  void fp16NormalValuesWithinHalfPrecision(@ForAll("fp16NormalFrames") ActivationFrame f) {
    ActivationFrame back = codec.decode(codec.encode(f));
    assertSameHeader(f, back);
    for (int i = 0; i < f.elementCount(); i++) {
      float x = f.values()[i];
      float y = back.values()[i];
      int at = i;
      assertTrue(Math.abs(y - (double) x) <= Math.abs(x) * 0x1p-11,
          () -> "element " + at + ": " + x + " -> " + y);
    }
  }

  /** Below the normal range the error bound is absolute: half the subnormal step 2^-24. */
  @Property
  void fp16AnyValueWithinHalfAnUlp(@ForAll("fp16Frames") ActivationFrame f) {
    ActivationFrame back = codec.decode(codec.encode(f));
    assertSameHeader(f, back);
    for (int i = 0; i < f.elementCount(); i++) {
      float x = f.values()[i];
      float y = back.values()[i];
      double bound = Math.max(Math.abs(x) * 0x1p-11, 0x1p-25);
      int at = i;
      assertTrue(Math.abs(y - (double) x) <= bound, () -> "element " + at + ": " + x + " -> " + y);
    }
  }

  @Property
  void int8WithinHalfAScalePerElement(@ForAll("int8Frames") ActivationFrame f) {
    byte[] bytes = codec.encode(f);
    ActivationFrame back = codec.decode(bytes);
    assertSameHeader(f, back);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < f.rows(); r++) {
      float scale = b.getFloat(FrameLayout.HEADER_BYTES + 4 * r);
      double max = 0;
      for (int c = 0; c < f.cols(); c++) {
        max = Math.max(max, Math.abs(f.values()[r * f.cols() + c]));
      }
      if (max == 0) {
        assertEquals(0f, scale, "all-zero row " + r);
      } else {
        // scale is max / 127 rounded up to the next float
        assertTrue((double) scale * 127 >= max, "row " + r + " scale " + scale + " max " + max);
        assertTrue((double) Math.nextDown(scale) * 127 < max, "row " + r + " scale not tight");
      }
      // q * scale, rounded once to float: scale / 2 plus one float rounding of |y| <= 127 scale.
      double bound = scale * (0.5 + 127 * 0x1p-24);
      for (int c = 0; c < f.cols(); c++) {
        int i = r * f.cols() + c;
        float x = f.values()[i];
        float y = back.values()[i];
        if (!(Math.abs(y - (double) x) <= bound)) {
          throw new AssertionError("[" + r + "][" + c + "]: " + x + " -> " + y + ", scale " + scale);
        }
      }
    }
  }

  /** Decoded FP16 values are exact halves, so sending them again changes nothing. */
  @Property
  void fp16ReencodingIsStable(@ForAll("fp16Frames") ActivationFrame f) {
    ActivationFrame once = codec.decode(codec.encode(f));
    assertEquals(once, codec.decode(codec.encode(once)));
  }

  private static void assertSameHeader(ActivationFrame expected, ActivationFrame actual) {
    assertEquals(expected.planVersion(), actual.planVersion(), "planVersion");
    assertEquals(expected.sequenceId(), actual.sequenceId(), "sequenceId");
    assertEquals(expected.tokenStep(), actual.tokenStep(), "tokenStep");
    assertEquals(expected.layer(), actual.layer(), "layer");
    assertEquals(expected.expert(), actual.expert(), "expert");
    assertEquals(expected.kind(), actual.kind(), "kind");
    assertEquals(expected.codec(), actual.codec(), "codec");
    assertEquals(expected.rows(), actual.rows(), "rows");
    assertEquals(expected.cols(), actual.cols(), "cols");
  }
}
