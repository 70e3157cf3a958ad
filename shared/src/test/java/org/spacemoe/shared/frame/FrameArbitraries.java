package org.spacemoe.shared.frame;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators of frames, shared by the property tests. */
final class FrameArbitraries {
  private FrameArbitraries() {}

  /** Header fields of a frame, without tensor. */
  record Header(long planVersion, long sequenceId, long tokenStep, int layer, int expert,
      FrameKind kind) {}

  /** A tensor shape. */
  record Shape(int rows, int cols) {}

  static Arbitrary<Header> headers(Arbitrary<FrameKind> kinds) {
    return Combinators.combine(
            Arbitraries.longs().filter(v -> v != 0),
            Arbitraries.longs(),
            Arbitraries.longs().between(0, ActivationFrame.MAX_TOKEN_STEP),
            Arbitraries.integers().between(0, ActivationFrame.MAX_LAYER),
            Arbitraries.integers().between(ActivationFrame.NO_EXPERT, ActivationFrame.MAX_EXPERT),
            kinds)
        .as(Header::new);
  }

  static Arbitrary<Header> floatHeaders() {
    return headers(Arbitraries.of(FrameKind.HIDDEN, FrameKind.EXPERT_REQUEST,
        FrameKind.EXPERT_RESPONSE));
  }

  static Arbitrary<Shape> shapes() {
    return Combinators.combine(Arbitraries.integers().between(1, 6),
        Arbitraries.integers().between(1, 40)).as(Shape::new);
  }

  /** Any finite float, by bit pattern (subnormals, -0.0, huge and tiny magnitudes included). */
  static Arbitrary<Float> finiteFloats() {
    return Arbitraries.integers().map(Float::intBitsToFloat).filter(Float::isFinite);
  }

  /**
   * Floats {@code ±m * 2^e} with a random 24-bit significand m in [1, 2) and e in [minExp, maxExp]
   * (log-uniform magnitudes, every bit pattern of the significand reachable), capped at {@code
   * maxAbs}.
   */
  static Arbitrary<Float> binaryFloats(int minExp, int maxExp, float maxAbs) {
    return Combinators.combine(
            Arbitraries.of(1f, -1f),
            Arbitraries.integers().between(minExp, maxExp),
            Arbitraries.integers().between(0, (1 << 23) - 1))
        .as((sign, exp, mant) -> sign * Math.scalb(1f + mant / (float) (1 << 23), exp))
        .filter(f -> Math.abs(f) <= maxAbs);
  }

  /**
   * Floats a hidden state plausibly holds: mostly moderate, some zeros, tiny (subnormal) and large
   * ones, up to 1e38 (INT8 refuses rows above about 3.37e38; tested separately).
   */
  static Arbitrary<Float> activationFloats() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, binaryFloats(-8, 4, Float.MAX_VALUE)),
        Tuple.of(2, Arbitraries.just(0f)),
        Tuple.of(1, binaryFloats(-149, 127, 1e38f)),
        Tuple.of(1, finiteFloats().filter(f -> Math.abs(f) <= 1e38f)));
  }

  /** Frames in {@code codec} with values drawn from {@code values}. */
  static Arbitrary<ActivationFrame> floatFrames(TensorCodec codec, Arbitrary<Float> values) {
    return Combinators.combine(floatHeaders(), shapes()).flatAs((h, s) ->
        values.array(float[].class).ofSize(s.rows() * s.cols()).map(v -> new ActivationFrame(
            h.planVersion(), h.sequenceId(), h.tokenStep(), h.layer(), h.expert(), h.kind(),
            codec, s.rows(), s.cols(), v, null)));
  }

  static Arbitrary<ActivationFrame> tokenFrames() {
    return Combinators.combine(headers(Arbitraries.just(FrameKind.TOKEN)), shapes()).flatAs(
        (h, s) -> Arbitraries.integers().array(int[].class).ofSize(s.rows() * s.cols()).map(t ->
            new ActivationFrame(h.planVersion(), h.sequenceId(), h.tokenStep(), h.layer(),
                h.expert(), FrameKind.TOKEN, TensorCodec.I32, s.rows(), s.cols(), null, t)));
  }

  /** ACK frames: any header, I32 1 x 1 holding 0. */
  static Arbitrary<ActivationFrame> ackFrames() {
    return headers(Arbitraries.just(FrameKind.ACK)).map(h -> ActivationFrame.ack(h.planVersion(),
        h.sequenceId(), h.tokenStep(), h.layer(), h.expert()));
  }

  /** Frames that encode without error, in every codec and of every kind. */
  static Arbitrary<ActivationFrame> encodableFrames() {
    return Arbitraries.oneOf(
        floatFrames(TensorCodec.FP32, finiteFloats()),
        floatFrames(TensorCodec.FP16, binaryFloats(-30, 15, HalfFloat.MAX_VALUE)),
        floatFrames(TensorCodec.INT8, activationFloats()),
        tokenFrames(),
        ackFrames());
  }
}
