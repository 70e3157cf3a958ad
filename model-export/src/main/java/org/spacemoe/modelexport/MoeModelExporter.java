package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.RouterBias;
import org.spacemoe.shared.model.onnx.SeededWeights;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.ShardKind;
import org.spacemoe.shared.model.onnx.ShardProbe;
import org.spacemoe.shared.model.onnx.ShardReference;
import org.spacemoe.shared.model.onnx.WeightFormat;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.model.MoeModel;

/**
 * Writes a seeded MoE model as standard ONNX shard files plus {@code manifest.json}. One shard is generated,
 * written (to a temporary file, then renamed) and dropped before the next, so memory holds at most one shard's
 * weights (the largest is the embedding or LM head, {@code V x d}). The manifest is written last: a directory
 * without one is an unfinished export. Same arguments, same bytes. Each shard's entry carries its
 * {@link ShardReference}: the outputs for its {@link ShardProbe} input, for the onboard selftest.
 */
public final class MoeModelExporter {
  private MoeModelExporter() {}

  /** Told after each shard is written. */
  @FunctionalInterface
  public interface Listener {
    void shardWritten(ShardEntry shard, int index, int total);
  }

  public static ModelManifest export(MoeModelShape shape, long seed, double zipf, WeightFormat weights, Path outDir)
      throws IOException {
    return export(shape, seed, zipf, weights, outDir, (s, i, n) -> { });
  }

  /**
   * @param zipf Zipf exponent S >= 0 of expert popularity (0: uniform)
   * @param listener progress, called on this thread after each shard
   */
  public static ModelManifest export(MoeModelShape shape, long seed, double zipf, WeightFormat weights, Path outDir,
      Listener listener) throws IOException {
    Checks.nonNegative("--zipf", zipf);
    Files.createDirectories(outDir);
    Files.deleteIfExists(outDir.resolve(ShardContract.MANIFEST_FILE));
    SeededWeights w = new SeededWeights(seed);
    double alpha = RouterBias.scale(shape.experts(), shape.topK(), zipf);
    float[] routerBias = RouterBias.bias(shape.experts(), shape.topK(), zipf);
    MoeModel flops = shape.toMoeModel();
    int total = shape.layers() * (shape.experts() + 1) + 2;
    List<ShardEntry> shards = new ArrayList<>(total);

    shards.add(write(outDir, shape, seed, EmbedGraph.build(shape, w, weights), ShardKind.EMBED, null, null, 0, 0));
    listener.shardWritten(shards.get(0), 0, total);
    for (int l = 0; l < shape.layers(); l++) {
      ShardEntry gw = write(outDir, shape, seed, GatewayGraph.build(shape, l, routerBias, w, weights), ShardKind.GATEWAY, l, null,
          flops.gatewayFlops(0), 4.0 * shape.hidden());
      shards.add(gw);
      listener.shardWritten(gw, shards.size() - 1, total);
      for (int e = 0; e < shape.experts(); e++) {
        ShardEntry ex = write(outDir, shape, seed, ExpertGraph.build(shape, l, e, w, weights), ShardKind.EXPERT, l, e,
            flops.expertFlops(), 0);
        shards.add(ex);
        listener.shardWritten(ex, shards.size() - 1, total);
      }
    }
    ShardEntry head = write(outDir, shape, seed, HeadGraph.build(shape, w, weights), ShardKind.HEAD, null, null,
        flops.headFlops(), 0);
    shards.add(head);
    listener.shardWritten(head, shards.size() - 1, total);

    ModelManifest m = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, shape.name(), shape, seed, zipf,
        weights, ShardContract.OPSET, ShardContract.IR_VERSION, alpha, shards);
    m.write(outDir);
    return m;
  }

  /**
   * Writes only the expert shard {@code (layer, expert)} of {@code shape} into {@code outDir}: the same bytes as
   * that shard of a full {@link #export} with the same seed and weight format (weights depend on the tensor name
   * and seed only), without generating anything else. For benchmarks of one expert at a large size, whose full
   * model would spend most of its time and disk on the embedding and head. Writes no manifest.
   */
  public static ShardEntry exportExpert(MoeModelShape shape, int layer, int expert, long seed, WeightFormat weights,
      Path outDir) throws IOException {
    Checks.inRange("layer", layer, 0, shape.layers() - 1);
    Checks.inRange("expert", expert, 0, shape.experts() - 1);
    Files.createDirectories(outDir);
    return write(outDir, shape, seed, ExpertGraph.build(shape, layer, expert, new SeededWeights(seed), weights),
        ShardKind.EXPERT,
        layer, expert, shape.toMoeModel().expertFlops(), 0);
  }

  /** Weight parameters of the whole model (embedding, gateways, experts, head). */
  public static long parameters(MoeModelShape s) {
    long d = s.hidden();
    long gateway = 4 * d * d + 2 * d + d * s.experts() + s.experts();
    long expert = 3 * d * s.expertWidth();
    return s.vocab() * d + s.layers() * (gateway + s.experts() * expert) + d + d * s.vocab();
  }

  /** About the bytes an export writes: the weights plus a few kB of graph per shard. */
  public static long estimatedBytes(MoeModelShape s, WeightFormat weights) {
    return parameters(s) * weights.bytesPerElement() + 4096L * (s.layers() * (s.experts() + 1) + 2);
  }

  private static ShardEntry write(Path dir, MoeModelShape shape, long modelSeed, ModelProto model, ShardKind kind,
      Integer layer, Integer expert, double flops, double contextFlops) throws IOException {
    String name = model.getGraph().getName();
    String file = ShardContract.fileName(name);
    Path tmp = dir.resolve(file + ".tmp");
    MessageDigest sha = sha256();
    long bytes;
    try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20),
        sha)) {
      model.writeTo(out);
    }
    bytes = Files.size(tmp);
    Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new ShardEntry(name, file, kind, layer, expert, HexFormat.of().formatHex(sha.digest()), bytes, flops,
        contextFlops, ShardContract.inputs(kind), ShardContract.outputs(kind), reference(shape, modelSeed, model, kind));
  }

  /** The outputs of the shard for its probe input, evaluated in double precision from the graph's weights. */
  private static ShardReference reference(MoeModelShape shape, long modelSeed, ModelProto model, ShardKind kind) {
    long probeSeed = ShardProbe.seedFor(modelSeed, model.getGraph().getName());
    return ShardReference.of(probeSeed, ShardReferenceForward.outputs(kind, shape, model,
        ShardProbe.inputs(kind, shape, probeSeed)));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
