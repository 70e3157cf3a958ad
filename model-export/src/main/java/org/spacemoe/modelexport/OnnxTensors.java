package org.spacemoe.modelexport;

import org.spacemoe.shared.frame.HalfFloat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads weights back from shard files (tests, tools): FLOAT and FLOAT16 initializers stored as raw data. */
public final class OnnxTensors {
  private OnnxTensors() {}

  /** The values of a FLOAT or FLOAT16 raw-data tensor, as floats. */
  public static float[] floats(TensorProto t) {
    ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
      float[] out = new float[b.remaining() / 4];
      b.asFloatBuffer().get(out);
      return out;
    }
    if (t.getDataType() == TensorProto.DataType.FLOAT16_VALUE) {
      float[] out = new float[b.remaining() / 2];
      for (int i = 0; i < out.length; i++) {
        out[i] = HalfFloat.toFloat(b.getShort());
      }
      return out;
    }
    throw new IllegalArgumentException("tensor " + t.getName() + " has data type " + t.getDataType()
        + ", not FLOAT or FLOAT16");
  }

  /**
   * The weight called {@code name} in a shard graph as floats: the FLOAT initializer {@code name} or the
   * FLOAT16 initializer {@code name_fp16} that is cast to it.
   */
  public static float[] weight(ModelProto model, String name) {
    for (TensorProto t : model.getGraph().getInitializerList()) {
      if (t.getName().equals(name) || t.getName().equals(name + "_fp16")) {
        return floats(t);
      }
    }
    throw new IllegalArgumentException("graph " + model.getGraph().getName() + " has no weight " + name);
  }
}
