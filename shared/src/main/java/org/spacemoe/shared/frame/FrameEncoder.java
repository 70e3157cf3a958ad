package org.spacemoe.shared.frame;

import static org.spacemoe.shared.frame.FrameLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** Writes an {@link ActivationFrame} as bytes, quantising its values per codec. */
final class FrameEncoder {
  private FrameEncoder() {}

  static byte[] encode(ActivationFrame f, FrameLimits limits) {
    long payloadBytes = f.codec().payloadBytes(f.rows(), f.cols());
    if (f.rows() > limits.maxRows() || f.cols() > limits.maxCols()
        || payloadBytes > limits.maxPayloadBytes()) {
      throw new IllegalArgumentException("activation frame shape: " + f.rows() + " x " + f.cols()
          + " " + f.codec() + " (" + payloadBytes + " payload bytes) exceeds the limits " + limits
          + "; a receiver would refuse it");
    }
    int n = (int) payloadBytes;
    byte[] out = new byte[(int) frameBytes(n)];
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC_OFFSET, MAGIC);
    b.put(VERSION_OFFSET, (byte) VERSION);
    b.put(KIND_OFFSET, (byte) f.kind().code());
    b.put(CODEC_OFFSET, (byte) f.codec().code());
    b.put(FLAGS_OFFSET, (byte) 0);
    b.putLong(PLAN_VERSION_OFFSET, f.planVersion());
    b.putLong(SEQUENCE_ID_OFFSET, f.sequenceId());
    b.putInt(TOKEN_STEP_OFFSET, (int) f.tokenStep());
    b.putShort(LAYER_OFFSET, (short) f.layer());
    b.putShort(EXPERT_OFFSET, (short) (f.hasExpert() ? f.expert() : EXPERT_NONE));
    b.putInt(ROWS_OFFSET, f.rows());
    b.putInt(COLS_OFFSET, f.cols());
    b.putInt(PAYLOAD_LENGTH_OFFSET, n);
    b.position(HEADER_BYTES);
    switch (f.codec()) {
      case FP32:
        writeFp32(b, f);
        break;
      case FP16:
        writeFp16(b, f);
        break;
      case INT8:
        writeInt8(b, f);
        break;
      default:
        b.asIntBuffer().put(f.tokens());
        break;
    }
    CRC32C crc = new CRC32C();
    crc.update(out, 0, HEADER_BYTES + n);
    b.putInt(HEADER_BYTES + n, (int) crc.getValue());
    return out;
  }

  private static void writeFp32(ByteBuffer b, ActivationFrame f) {
    float[] v = f.values();
    for (int i = 0; i < v.length; i++) {
      b.putFloat(requireFinite(f, v, i));
    }
  }

  private static void writeFp16(ByteBuffer b, ActivationFrame f) {
    float[] v = f.values();
    for (int i = 0; i < v.length; i++) {
      short h = HalfFloat.fromFloat(requireFinite(f, v, i));
      if (HalfFloat.isNonFinite(h)) {
        throw new IllegalArgumentException("activation frame " + at(f, i) + ": " + v[i]
            + " is beyond the FP16 range (largest finite half " + HalfFloat.MAX_VALUE
            + "; magnitudes >= " + HalfFloat.OVERFLOW_THRESHOLD + " round to infinity)");
      }
      b.putShort(h);
    }
  }

  private static void writeInt8(ByteBuffer b, ActivationFrame f) {
    float[] v = f.values();
    int rows = f.rows();
    int cols = f.cols();
    float[] scales = new float[rows];
    for (int r = 0; r < rows; r++) {
      for (int i = r * cols; i < (r + 1) * cols; i++) {
        requireFinite(f, v, i);
      }
      try {
        scales[r] = Int8Quantizer.scale(v, r * cols, cols);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("activation frame row " + r + ": " + e.getMessage(), e);
      }
      b.putFloat(scales[r]);
    }
    for (int r = 0; r < rows; r++) {
      for (int i = r * cols; i < (r + 1) * cols; i++) {
        b.put(Int8Quantizer.quantize(v[i], scales[r]));
      }
    }
  }

  private static float requireFinite(ActivationFrame f, float[] v, int i) {
    if (!Float.isFinite(v[i])) {
      throw new IllegalArgumentException("activation frame " + at(f, i) + ": " + v[i]
          + " is not finite; NaN and infinity cannot be sent");
    }
    return v[i];
  }

  private static String at(ActivationFrame f, int i) {
    return "values[" + (i / f.cols()) + "][" + (i % f.cols()) + "]";
  }
}
