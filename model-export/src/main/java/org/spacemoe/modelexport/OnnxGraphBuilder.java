package org.spacemoe.modelexport;

import org.spacemoe.shared.frame.HalfFloat;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A small helper over the ONNX protobuf builders: graph inputs, outputs, initializers (weights stored as FLOAT or
 * FLOAT16 + Cast) and nodes. Weights are written straight into one little-endian byte array per tensor, which
 * the protobuf message wraps without copying.
 */
final class OnnxGraphBuilder {
  static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
  static final int INT64 = TensorProto.DataType.INT64_VALUE;
  private static final int FLOAT16 = TensorProto.DataType.FLOAT16_VALUE;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final WeightFormat format;
  private int nodes;

  OnnxGraphBuilder(String graphName, WeightFormat format) {
    this.format = format;
    graph.setName(graphName);
  }

  /** A graph input; a dimension is a number (fixed) or a string (symbolic, any size). */
  void input(String name, int elemType, Object... dims) {
    graph.addInput(valueInfo(name, elemType, dims));
  }

  void output(String name, int elemType, Object... dims) {
    graph.addOutput(valueInfo(name, elemType, dims));
  }

  /**
   * A weight initializer of {@code count(dims)} values from {@code values}, row-major. In FP16 format it is stored
   * as {@code name_fp16} and cast to FLOAT as {@code name}. Returns the name of the FLOAT tensor.
   */
  String weight(String name, SeededWeights.FloatSource values, long... dims) {
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    int bytesPer = format.bytesPerElement();
    if (count * bytesPer > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("tensor " + name + " has " + count + " elements: over 2 GB");
    }
    byte[] raw = new byte[(int) (count * bytesPer)];
    ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    if (format == WeightFormat.FP32) {
      for (long i = 0; i < count; i++) {
        buf.putFloat(values.next());
      }
      graph.addInitializer(tensor(name, FLOAT, raw, dims));
      return name;
    }
    for (long i = 0; i < count; i++) {
      buf.putShort(HalfFloat.fromFloat(values.next()));
    }
    String stored = name + "_fp16";
    graph.addInitializer(tensor(stored, FLOAT16, raw, dims));
    node("Cast", List.of(stored), List.of(name), intAttr("to", FLOAT));
    return name;
  }

  /** A FLOAT scalar constant (always FP32: it is not a weight). */
  String scalar(String name, float value) {
    byte[] raw = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
    graph.addInitializer(tensor(name, FLOAT, raw));
    return name;
  }

  /** A 1-D INT64 constant, e.g. a shape for Reshape. */
  String int64s(String name, long... values) {
    ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      buf.putLong(v);
    }
    graph.addInitializer(tensor(name, INT64, buf.array(), values.length));
    return name;
  }

  /** A single-output node; returns {@code output}. */
  String node(String op, String output, List<String> inputs, AttributeProto... attrs) {
    node(op, inputs, List.of(output), attrs);
    return output;
  }

  void node(String op, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op + "_" + nodes++)
        .addAllInput(inputs).addAllOutput(outputs);
    for (AttributeProto a : attrs) {
      n.addAttribute(a);
    }
    graph.addNode(n);
  }

  /** RMSNorm over the last axis: {@code x / sqrt(mean(x^2) + eps) * gamma}; returns the output name. */
  String rmsNorm(String prefix, String x, String gamma) {
    return rmsNorm(prefix, x, gamma, prefix + "_out");
  }

  /** RMSNorm writing into {@code output}. */
  String rmsNorm(String prefix, String x, String gamma, String output) {
    String eps = scalar(prefix + "_eps", ShardContract.RMS_EPSILON);
    String sq = node("Mul", prefix + "_sq", List.of(x, x));
    String mean = node("ReduceMean", prefix + "_mean", List.of(sq), intsAttr("axes", -1), intAttr("keepdims", 1));
    String var = node("Add", prefix + "_var", List.of(mean, eps));
    String rms = node("Sqrt", prefix + "_rms", List.of(var));
    String normed = node("Div", prefix + "_normed", List.of(x, rms));
    return node("Mul", output, List.of(normed, gamma));
  }

  ModelProto build(String docString) {
    return ModelProto.newBuilder()
        .setIrVersion(ShardContract.IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(ShardContract.OPSET))
        .setProducerName("spacemoe")
        .setProducerVersion("1")
        .setDocString(docString)
        .setGraph(graph)
        .build();
  }

  static AttributeProto intAttr(String name, long v) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
  }

  static AttributeProto intsAttr(String name, long... v) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long x : v) {
      a.addInts(x);
    }
    return a.build();
  }

  private static TensorProto tensor(String name, int type, byte[] raw, long... dims) {
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type)
        .setRawData(UnsafeByteOperations.unsafeWrap(raw));
    for (long d : dims) {
      t.addDims(d);
    }
    return t.build();
  }

  private static ValueInfoProto valueInfo(String name, int elemType, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Number) {
        dim.setDimValue(((Number) d).longValue());
      } else {
        dim.setDimParam(d.toString());
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder().setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape)))
        .build();
  }
}
