package org.spacemoe.shared.frame;

import static org.spacemoe.shared.frame.FrameLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * Reads an {@link ActivationFrame} from untrusted bytes. Checks run in wire order (length, magic,
 * version, kind, codec, flags, kind/codec, plan version, shape against the limits, ACK shape,
 * payload length, total length, CRC, then the payload values), and the tensor array is allocated only after every
 * header check and the CRC passed, with the validated size.
 */
final class FrameDecoder {
  private FrameDecoder() {}

  static ActivationFrame decode(byte[] bytes, int offset, int length, FrameLimits limits) {
    if (length < MIN_FRAME_BYTES) {
      throw error(FrameError.TOO_SHORT, "length", -1,
          length + " bytes; a frame has at least " + MIN_FRAME_BYTES + " (header and CRC)");
    }
    // A view, not a copy; absolute indexes below are relative to the frame start.
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);

    int magic = b.getInt(MAGIC_OFFSET);
    if (magic != MAGIC) {
      throw error(FrameError.BAD_MAGIC, "magic", MAGIC_OFFSET,
          "expected 53 4D 4F 45 ('SMOE'), got " + hexBytes(b, MAGIC_OFFSET, 4));
    }
    int version = u8(b, VERSION_OFFSET);
    if (version != VERSION) {
      throw error(FrameError.UNSUPPORTED_VERSION, "version", VERSION_OFFSET,
          "format version " + version + " is not supported; this decoder reads " + VERSION);
    }
    int kindCode = u8(b, KIND_OFFSET);
    FrameKind kind = FrameKind.fromCode(kindCode).orElseThrow(() -> error(FrameError.UNKNOWN_KIND,
        "kind", KIND_OFFSET, "unknown kind code " + kindCode + "; known codes are 1..6"));
    int codecCode = u8(b, CODEC_OFFSET);
    TensorCodec codec = TensorCodec.fromCode(codecCode).orElseThrow(() -> error(
        FrameError.UNKNOWN_CODEC, "codec", CODEC_OFFSET,
        "unknown codec code " + codecCode + "; known codes are 0..3"));
    int flags = u8(b, FLAGS_OFFSET);
    if (flags != 0) {
      throw error(FrameError.BAD_FLAGS, "flags", FLAGS_OFFSET,
          "reserved flags must be 0, got 0x" + String.format("%02X", flags));
    }
    if (kind.usesI32() != (codec == TensorCodec.I32)) {
      throw error(FrameError.CODEC_KIND_MISMATCH, "codec", CODEC_OFFSET, kind + " frame with codec "
          + codec + "; TOKEN, ACK and END frames use I32, other kinds a float codec");
    }
    long planVersion = b.getLong(PLAN_VERSION_OFFSET);
    if (planVersion == 0) {
      throw error(FrameError.BAD_PLAN_VERSION, "planVersion", PLAN_VERSION_OFFSET,
          "plan version must be >= 1, got 0");
    }
    long rows = u32(b, ROWS_OFFSET);
    long cols = u32(b, COLS_OFFSET);
    checkShape(rows, cols, codec, limits);
    if (kind.isControl() && (rows != 1 || cols != 1)) {
      throw error(FrameError.BAD_ACK, rows != 1 ? "rows" : "cols",
          rows != 1 ? ROWS_OFFSET : COLS_OFFSET,
          "an " + kind + " frame is 1 x 1, got " + rows + " x " + cols);
    }
    long needed = codec.payloadBytes(rows, cols); // <= limits.maxPayloadBytes()
    long declared = u32(b, PAYLOAD_LENGTH_OFFSET);
    if (declared != needed) {
      throw error(FrameError.PAYLOAD_SIZE_MISMATCH, "payloadLength", PAYLOAD_LENGTH_OFFSET,
          "declares " + declared + " bytes but " + rows + " x " + cols + " " + codec + " needs "
              + needed);
    }
    int n = (int) needed;
    if (length != frameBytes(n)) {
      throw error(FrameError.LENGTH_MISMATCH, "length", -1, length + " bytes, but a frame with a "
          + n + "-byte payload is " + frameBytes(n) + " bytes ("
          + (length < frameBytes(n) ? "truncated" : "trailing bytes") + ")");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, HEADER_BYTES + n);
    int expectedCrc = (int) crc.getValue();
    int actualCrc = b.getInt(HEADER_BYTES + n);
    if (actualCrc != expectedCrc) {
      throw error(FrameError.BAD_CRC, "crc32c", HEADER_BYTES + n, String.format(
          "stored 0x%08X, computed 0x%08X over bytes [0, %d)", actualCrc, expectedCrc,
          HEADER_BYTES + n));
    }

    long sequenceId = b.getLong(SEQUENCE_ID_OFFSET);
    long tokenStep = u32(b, TOKEN_STEP_OFFSET);
    int layer = u16(b, LAYER_OFFSET);
    int expertWire = u16(b, EXPERT_OFFSET);
    int expert = expertWire == EXPERT_NONE ? ActivationFrame.NO_EXPERT : expertWire;
    int r = (int) rows;
    int c = (int) cols;
    b.position(HEADER_BYTES);
    float[] values = null;
    int[] tokens = null;
    switch (codec) {
      case FP32:
        values = readFp32(b, r, c);
        break;
      case FP16:
        values = readFp16(b, r, c);
        break;
      case INT8:
        values = readInt8(b, r, c);
        break;
      default:
        tokens = new int[r * c];
        b.asIntBuffer().get(tokens);
        if (kind.isControl() && tokens[0] != 0) {
          throw error(FrameError.BAD_ACK, "tokens[0][0]", HEADER_BYTES,
              "an " + kind + " frame holds the single value 0, got " + tokens[0]);
        }
        break;
    }
    return new ActivationFrame(planVersion, sequenceId, tokenStep, layer, expert, kind, codec, r, c,
        values, tokens);
  }

  private static void checkShape(long rows, long cols, TensorCodec codec, FrameLimits limits) {
    if (rows == 0 || cols == 0) {
      throw error(FrameError.EMPTY_SHAPE, rows == 0 ? "rows" : "cols",
          rows == 0 ? ROWS_OFFSET : COLS_OFFSET, "shape " + rows + " x " + cols + " is empty");
    }
    if (rows > limits.maxRows()) {
      throw error(FrameError.SHAPE_TOO_LARGE, "rows", ROWS_OFFSET,
          rows + " rows exceed the limit maxRows = " + limits.maxRows());
    }
    if (cols > limits.maxCols()) {
      throw error(FrameError.SHAPE_TOO_LARGE, "cols", COLS_OFFSET,
          cols + " cols exceed the limit maxCols = " + limits.maxCols());
    }
    long needed = codec.payloadBytes(rows, cols);
    if (needed > limits.maxPayloadBytes()) {
      throw error(FrameError.SHAPE_TOO_LARGE, "rows", ROWS_OFFSET, rows + " x " + cols + " "
          + codec + " needs " + needed + " payload bytes, above the limit maxPayloadBytes = "
          + limits.maxPayloadBytes());
    }
  }

  private static float[] readFp32(ByteBuffer b, int rows, int cols) {
    float[] v = new float[rows * cols];
    b.asFloatBuffer().get(v);
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw nonFinite(i, cols, HEADER_BYTES + 4 * i, String.valueOf(v[i]));
      }
    }
    return v;
  }

  private static float[] readFp16(ByteBuffer b, int rows, int cols) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      short h = b.getShort();
      if (HalfFloat.isNonFinite(h)) {
        throw nonFinite(i, cols, HEADER_BYTES + 2 * i,
            HalfFloat.toFloat(h) + String.format(" (half 0x%04X)", h & 0xFFFF));
      }
      v[i] = HalfFloat.toFloat(h);
    }
    return v;
  }

  private static float[] readInt8(ByteBuffer b, int rows, int cols) {
    // Scales first (rows * 4 bytes, already inside the validated payload), then the tensor.
    int codes = HEADER_BYTES + 4 * rows;
    for (int r = 0; r < rows; r++) {
      int at = HEADER_BYTES + 4 * r;
      int bits = b.getInt(at);
      float scale = Float.intBitsToFloat(bits);
      if (bits < 0 || !Float.isFinite(scale) || scale > Int8Quantizer.MAX_SCALE) {
        throw error(FrameError.BAD_SCALE, "scale[" + r + "]", at, "int8 scale " + scale
            + " must be finite, >= +0 and <= " + Int8Quantizer.MAX_SCALE);
      }
      if (scale == 0) {
        for (int i = 0; i < cols; i++) {
          if (b.get(codes + r * cols + i) != 0) {
            throw error(FrameError.BAD_SCALE, "scale[" + r + "]", at,
                "int8 scale 0 but values[" + r + "][" + i + "] has code " + b.get(codes + r * cols + i)
                    + " (an all-zero row has all codes 0)");
          }
        }
      }
    }
    float[] v = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      float scale = b.getFloat(HEADER_BYTES + 4 * r);
      for (int i = r * cols; i < (r + 1) * cols; i++) {
        v[i] = Int8Quantizer.dequantize(b.get(codes + i), scale);
      }
    }
    return v;
  }

  private static FrameDecodeException nonFinite(int i, int cols, int at, String value) {
    return error(FrameError.NON_FINITE_VALUE, "values[" + (i / cols) + "][" + (i % cols) + "]", at,
        value + " is not finite");
  }

  private static int u8(ByteBuffer b, int at) {
    return b.get(at) & 0xFF;
  }

  private static int u16(ByteBuffer b, int at) {
    return b.getShort(at) & 0xFFFF;
  }

  private static long u32(ByteBuffer b, int at) {
    return b.getInt(at) & 0xFFFF_FFFFL;
  }

  private static String hexBytes(ByteBuffer b, int at, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " ").append(String.format("%02X", b.get(at + i)));
    }
    return s.toString();
  }

  private static FrameDecodeException error(FrameError reason, String field, int at,
      String problem) {
    return new FrameDecodeException(reason, field, at, problem);
  }
}
