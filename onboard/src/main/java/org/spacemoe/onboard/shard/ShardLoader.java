package org.spacemoe.onboard.shard;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;

/**
 * Opens the shards a manifest lists from a model directory as ONNX Runtime sessions (one per shard, all in the
 * process-wide {@link OrtEnvironment}). Every file is read once, its size and SHA-256 checked against the
 * manifest, and the session created from the verified bytes, so what runs is what was checked. The session's
 * inputs and outputs are checked against {@link ShardContract}. The executors are safe to share between threads
 * (ONNX Runtime sessions are); a {@link KvCache} belongs to one sequence and one thread at a time.
 */
public final class ShardLoader {
  /** Intra-op threads per session unless told otherwise: one, the caller's thread. */
  public static final int DEFAULT_INTRA_OP_THREADS = 1;

  private final Path dir;
  private final ModelManifest manifest;
  private final int intraOpThreads;
  private final OrtEnvironment env;

  public ShardLoader(Path dir, ModelManifest manifest) {
    this(dir, manifest, DEFAULT_INTRA_OP_THREADS);
  }

  /**
   * @param dir the directory holding the shard files
   * @param manifest the model's manifest (see {@link ModelManifest#read(Path)})
   * @param intraOpThreads ONNX Runtime intra-op threads per session, >= 1
   */
  public ShardLoader(Path dir, ModelManifest manifest, int intraOpThreads) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intra-op threads must be >= 1, got " + intraOpThreads);
    }
    this.dir = dir;
    this.manifest = manifest;
    this.intraOpThreads = intraOpThreads;
    this.env = OrtEnvironment.getEnvironment();
  }

  /**
   * A loader for the model in {@code dir}, reading its {@code manifest.json}.
   *
   * @throws org.spacemoe.shared.input.InvalidInputException if the manifest is missing or invalid
   */
  public static ShardLoader open(Path dir) {
    return new ShardLoader(dir, ModelManifest.read(dir));
  }

  public ModelManifest manifest() {
    return manifest;
  }

  public Path directory() {
    return dir;
  }

  public OrtEmbeddingExecutor embedding() throws ShardLoadException {
    return new OrtEmbeddingExecutor(env, session(require(manifest.embed(), ShardContract.EMBED)),
        ShardContract.EMBED, manifest.shape().vocab());
  }

  public OrtGatewayExecutor gateway(int layer) throws ShardLoadException {
    String name = ShardContract.gatewayName(layer);
    return new OrtGatewayExecutor(env, session(require(manifest.gateway(layer), name)), name,
        manifest.shape().hidden());
  }

  public OrtExpertExecutor expert(int layer, int expert) throws ShardLoadException {
    String name = ShardContract.expertName(layer, expert);
    return new OrtExpertExecutor(env, session(require(manifest.expert(layer, expert), name)), name,
        manifest.shape().hidden());
  }

  public OrtHeadExecutor head() throws ShardLoadException {
    return new OrtHeadExecutor(env, session(require(manifest.head(), ShardContract.HEAD)), ShardContract.HEAD,
        manifest.shape().hidden());
  }

  /**
   * Share {@code part} of layer {@code layer}'s attention split {@code width} ways ({@code layerLL.attn-wK-pP}); its
   * {@link AttentionPartExecutor#cacheWidth} is its heads x head dimension.
   *
   * @throws ShardLoadException if the model was exported without that width, or the shard does not load
   */
  public OrtAttentionPartExecutor attentionPart(int layer, int width, int part) throws ShardLoadException {
    checkPart(width, part);
    String name = ShardContract.attentionPartName(layer, width, part);
    MoeModelShape s = manifest.shape();
    int heads = ShardContract.shareEnd(s.heads(), width, part) - ShardContract.shareStart(s.heads(), width, part);
    return new OrtAttentionPartExecutor(env, session(requireSplit(manifest.attentionPart(layer, width, part), name,
        String.valueOf(width))), name, s.hidden(), heads * s.headDim());
  }

  /**
   * Layer {@code layer}'s combine shard ({@code layerLL.combine}).
   *
   * @throws ShardLoadException if the model was exported without tensor-parallel widths, or it does not load
   */
  public OrtCombineExecutor combine(int layer) throws ShardLoadException {
    String name = ShardContract.combineName(layer);
    return new OrtCombineExecutor(env, session(requireSplit(manifest.combine(layer), name, "K (K in 2..4)")), name,
        manifest.shape().hidden());
  }

  /**
   * Vocabulary slice {@code part} of the head split {@code width} ways ({@code head-wK-pP}): its logits are the
   * head's for the vocabulary rows [shareStart(V, width, part), shareStart(V, width, part + 1)).
   *
   * @throws ShardLoadException if the model was exported without that width, or the shard does not load
   */
  public OrtHeadExecutor headSlice(int width, int part) throws ShardLoadException {
    checkPart(width, part);
    String name = ShardContract.headSliceName(width, part);
    return new OrtHeadExecutor(env, session(requireSplit(manifest.headSlice(width, part), name,
        String.valueOf(width))), name, manifest.shape().hidden());
  }

  /** Every shard of the model; on failure the ones already open are closed. */
  public ModelExecutors loadAll() throws ShardLoadException {
    MoeModelShape s = manifest.shape();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      EmbeddingExecutor embed = track(opened, embedding());
      List<GatewayExecutor> gateways = new ArrayList<>();
      List<List<ExpertExecutor>> experts = new ArrayList<>();
      for (int l = 0; l < s.layers(); l++) {
        gateways.add(track(opened, gateway(l)));
        List<ExpertExecutor> layer = new ArrayList<>();
        for (int e = 0; e < s.experts(); e++) {
          layer.add(track(opened, expert(l, e)));
        }
        experts.add(layer);
      }
      HeadExecutor head = track(opened, head());
      return new ModelExecutors(s, embed, gateways, experts, head);
    } catch (ShardLoadException | RuntimeException e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The file's bytes after checking its size and SHA-256 against the manifest. */
  public byte[] verifiedBytes(ShardEntry shard) throws ShardLoadException {
    Path file = dir.resolve(shard.file());
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size != shard.bytes()) {
        throw new ShardLoadException(shard.name(), "file " + file + " has " + size + " bytes, the manifest says "
            + shard.bytes());
      }
      if (size > Integer.MAX_VALUE - 8) {
        throw new ShardLoadException(shard.name(), "file " + file + " is over 2 GB");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ShardLoadException(shard.name(), "file " + file + " is missing", e);
    } catch (IOException e) {
      throw new ShardLoadException(shard.name(), "cannot read " + file + ": " + e.getMessage(), e);
    }
    String actual = HexFormat.of().formatHex(sha256().digest(bytes));
    if (!actual.equals(shard.sha256())) {
      throw new ShardLoadException(shard.name(), "SHA-256 mismatch: file " + file + " has " + actual
          + ", the manifest says " + shard.sha256());
    }
    return bytes;
  }

  /**
   * A session of the shard's verified bytes whose inputs and outputs are checked against {@link ShardContract};
   * the caller closes it.
   */
  public OrtSession session(ShardEntry shard) throws ShardLoadException {
    byte[] bytes = verifiedBytes(shard);
    OrtSession session;
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      opts.setIntraOpNumThreads(intraOpThreads);
      opts.setInterOpNumThreads(1);
      opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      session = env.createSession(bytes, opts);
    } catch (OrtException e) {
      throw new ShardLoadException(shard.name(), "ONNX Runtime refused it: " + e.getMessage(), e);
    }
    Set<String> in = new TreeSet<>(session.getInputNames());
    Set<String> out = new TreeSet<>(session.getOutputNames());
    Set<String> wantIn = new TreeSet<>(ShardContract.inputs(shard.kind()));
    Set<String> wantOut = new TreeSet<>(ShardContract.outputs(shard.kind()));
    if (!in.equals(wantIn) || !out.equals(wantOut)) {
      closeQuietly(session);
      throw new ShardLoadException(shard.name(), "graph has inputs " + in + " and outputs " + out + ", a "
          + shard.kind().wireName() + " shard needs " + wantIn + " and " + wantOut);
    }
    return session;
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException ignored) {
      // already failing with a better reason
    }
  }

  private static ShardEntry require(ShardEntry shard, String name) throws ShardLoadException {
    if (shard == null) {
      throw new ShardLoadException(name, "not listed in the manifest");
    }
    return shard;
  }

  private static ShardEntry requireSplit(ShardEntry shard, String name, String widths) throws ShardLoadException {
    if (shard == null) {
      throw new ShardLoadException(name, "model has no " + name + " shard: export with --tensor-parallel-widths "
          + widths);
    }
    return shard;
  }

  private static void checkPart(int width, int part) {
    if (width < ShardContract.MIN_SPLIT_WIDTH || width > ShardContract.MAX_SPLIT_WIDTH || part < 0
        || part >= width) {
      throw new IllegalArgumentException("no part " + part + " of a split of width " + width + " (widths "
          + ShardContract.MIN_SPLIT_WIDTH + ".." + ShardContract.MAX_SPLIT_WIDTH + ", parts 0..width-1)");
    }
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> opened, T c) {
    opened.add(c);
    return c;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
