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
import java.util.Set;
import java.util.TreeSet;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.MoeModel;

/**
 * Writes a seeded MoE model as standard ONNX shard files plus {@code manifest.json}. One shard is generated,
 * written (to a temporary file, then renamed) and dropped before the next, so memory holds at most one shard's
 * weights (the largest is the embedding or LM head, {@code V x d}). The manifest is written last: a directory
 * without one is an unfinished export. Same arguments, same bytes. Each shard's entry carries its
 * {@link ShardReference}: the outputs for its {@link ShardProbe} input, for the onboard selftest.
 */
public final class MoeModelExporter {
  /** The ground option that asks for tensor-parallel shards, named in errors about the widths. */
  public static final String WIDTHS_OPTION = "--tensor-parallel-widths";

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
    return export(shape, seed, zipf, weights, outDir, Set.of(), listener);
  }

  /**
   * As {@link #export(MoeModelShape, long, double, WeightFormat, Path, Listener)}, plus the tensor-parallel shards
   * for every split width in {@code splitWidths}: per layer, after its experts, its attention parts (by width, then
   * part) and one combine; after the head, its slices (by width, then part). The other shards are the same bytes
   * as without them; an empty set writes exactly the unsplit model.
   *
   * @param splitWidths split widths, each in 2..4 and at most the model's heads
   * @throws InvalidInputException naming {@code --tensor-parallel-widths} for a width out of range
   */
  public static ModelManifest export(MoeModelShape shape, long seed, double zipf, WeightFormat weights, Path outDir,
      Set<Integer> splitWidths, Listener listener) throws IOException {
    Checks.nonNegative("--zipf", zipf);
    List<Integer> widths = checkWidths(shape, splitWidths);
    Files.createDirectories(outDir);
    Files.deleteIfExists(outDir.resolve(ShardContract.MANIFEST_FILE));
    SeededWeights w = new SeededWeights(seed);
    double alpha = RouterBias.scale(shape.experts(), shape.topK(), zipf);
    float[] routerBias = RouterBias.bias(shape.experts(), shape.topK(), zipf);
    MoeModel flops = shape.toMoeModel();
    int total = shardCount(shape, widths);
    List<ShardEntry> shards = new ArrayList<>(total);
    Writer out = new Writer(outDir, shape, seed, shards, total, listener);

    out.add(EmbedGraph.build(shape, w, weights), ShardKind.EMBED, null, null, null, null, 0, 0);
    for (int l = 0; l < shape.layers(); l++) {
      out.add(GatewayGraph.build(shape, l, routerBias, w, weights), ShardKind.GATEWAY, l, null, null, null,
          flops.gatewayFlops(0), 4.0 * shape.hidden());
      for (int e = 0; e < shape.experts(); e++) {
        out.add(ExpertGraph.build(shape, l, e, w, weights), ShardKind.EXPERT, l, e, null, null,
            flops.expertFlops(), 0);
      }
      for (int k : widths) {
        for (int p = 0; p < k; p++) {
          double share = (double) (ShardContract.shareEnd(shape.heads(), k, p)
              - ShardContract.shareStart(shape.heads(), k, p)) / shape.heads();
          out.add(AttentionPartGraph.build(shape, l, k, p, w, weights), ShardKind.ATTENTION_PART, l, null, k, p,
              attentionFlops(shape) * share, 4.0 * shape.hidden() * share);
        }
      }
      if (!widths.isEmpty()) {
        out.add(CombineGraph.build(shape, l, routerBias, w, weights), ShardKind.COMBINE, l, null, null, null,
            2.0 * shape.hidden() * shape.experts(), 0);
      }
    }
    out.add(HeadGraph.build(shape, w, weights), ShardKind.HEAD, null, null, null, null, flops.headFlops(), 0);
    for (int k : widths) {
      for (int p = 0; p < k; p++) {
        double share = (double) (ShardContract.shareEnd(shape.vocab(), k, p)
            - ShardContract.shareStart(shape.vocab(), k, p)) / shape.vocab();
        out.add(HeadSliceGraph.build(shape, k, p, w, weights), ShardKind.HEAD_SLICE, null, null, k, p,
            flops.headFlops() * share, 0);
      }
    }

    ModelManifest m = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, shape.name(), shape, seed, zipf,
        weights, ShardContract.OPSET, ShardContract.IR_VERSION, alpha, shards);
    m.write(outDir);
    return m;
  }

  /**
   * The number of shards an export writes: {@code L (E + 1) + 2}, plus per width k {@code (L + 1) k} and, with any
   * width, one combine per layer.
   */
  public static int shardCount(MoeModelShape shape, Set<Integer> splitWidths) {
    return shardCount(shape, checkWidths(shape, splitWidths));
  }

  private static int shardCount(MoeModelShape shape, List<Integer> widths) {
    int total = shape.layers() * (shape.experts() + 1) + 2;
    for (int k : widths) {
      total += (shape.layers() + 1) * k;
    }
    return total + (widths.isEmpty() ? 0 : shape.layers());
  }

  /** The widths sorted, each checked to be in 2..4 and at most the model's heads. */
  private static List<Integer> checkWidths(MoeModelShape shape, Set<Integer> splitWidths) {
    List<Integer> widths = new ArrayList<>(new TreeSet<>(splitWidths));
    for (int k : widths) {
      if (k < ShardContract.MIN_SPLIT_WIDTH || k > ShardContract.MAX_SPLIT_WIDTH) {
        throw new InvalidInputException(WIDTHS_OPTION, "each width must be in " + ShardContract.MIN_SPLIT_WIDTH
            + ".." + ShardContract.MAX_SPLIT_WIDTH + ", got " + k);
      }
      if (k > shape.heads()) {
        throw new InvalidInputException(WIDTHS_OPTION, "width " + k + " exceeds the " + shape.heads()
            + " attention heads of " + shape.name());
      }
    }
    return widths;
  }

  /** The gateway's attention projections (Q, K, V, O: {@code 4 d^2} MACs) at an empty cache, in FLOPs. */
  private static double attentionFlops(MoeModelShape s) {
    return 2 * 4.0 * s.hidden() * s.hidden();
  }

  /** Writes shards in order, collects their entries and tells the listener. */
  private static final class Writer {
    private final Path dir;
    private final MoeModelShape shape;
    private final long seed;
    private final List<ShardEntry> shards;
    private final int total;
    private final Listener listener;

    Writer(Path dir, MoeModelShape shape, long seed, List<ShardEntry> shards, int total, Listener listener) {
      this.dir = dir;
      this.shape = shape;
      this.seed = seed;
      this.shards = shards;
      this.total = total;
      this.listener = listener;
    }

    void add(ModelProto model, ShardKind kind, Integer layer, Integer expert, Integer width, Integer part,
        double flops, double contextFlops) throws IOException {
      ShardEntry e = write(dir, shape, seed, model, kind, layer, expert, width, part, flops, contextFlops);
      shards.add(e);
      listener.shardWritten(e, shards.size() - 1, total);
    }
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
        ShardKind.EXPERT, layer, expert, null, null, shape.toMoeModel().expertFlops(), 0);
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

  /**
   * About the bytes an export with tensor-parallel {@code splitWidths} writes: per width, each layer's attention
   * again ({@code 4 d^2} plus a norm per part) and the head again ({@code d V} plus a norm per part); with any
   * width, per layer a combine ({@code d + d E + E}).
   */
  public static long estimatedBytes(MoeModelShape s, WeightFormat weights, Set<Integer> splitWidths) {
    List<Integer> widths = checkWidths(s, splitWidths);
    long d = s.hidden();
    long extra = widths.isEmpty() ? 0 : s.layers() * (d + d * s.experts() + s.experts());
    for (int k : widths) {
      extra += s.layers() * (4 * d * d + k * d) + d * s.vocab() + k * d;
    }
    return estimatedBytes(s, weights) + extra * weights.bytesPerElement()
        + 4096L * (shardCount(s, widths) - shardCount(s, List.of()));
  }

  private static ShardEntry write(Path dir, MoeModelShape shape, long modelSeed, ModelProto model, ShardKind kind,
      Integer layer, Integer expert, Integer width, Integer part, double flops, double contextFlops)
      throws IOException {
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
    return new ShardEntry(name, file, kind, layer, expert, width, part, HexFormat.of().formatHex(sha.digest()), bytes,
        flops, contextFlops, ShardContract.inputs(kind), ShardContract.outputs(kind),
        reference(shape, modelSeed, model, kind, width == null ? 0 : width, part == null ? 0 : part));
  }

  /** The outputs of the shard for its probe input, evaluated in double precision from the graph's weights. */
  private static ShardReference reference(MoeModelShape shape, long modelSeed, ModelProto model, ShardKind kind,
      int width, int part) {
    long probeSeed = ShardProbe.seedFor(modelSeed, model.getGraph().getName());
    return ShardReference.of(probeSeed, ShardReferenceForward.outputs(kind, shape, model,
        ShardProbe.inputs(kind, shape, width, part, probeSeed)));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
