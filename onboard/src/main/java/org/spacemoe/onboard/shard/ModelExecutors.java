package org.spacemoe.onboard.shard;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.model.onnx.MoeModelShape;

/** Every shard of a model, open in this process (the single-process reference); closes them all. */
public final class ModelExecutors implements AutoCloseable {
  private final MoeModelShape shape;
  private final EmbeddingExecutor embedding;
  private final List<GatewayExecutor> gateways;
  private final List<List<ExpertExecutor>> experts;
  private final HeadExecutor head;

  public ModelExecutors(MoeModelShape shape, EmbeddingExecutor embedding, List<GatewayExecutor> gateways,
      List<List<ExpertExecutor>> experts, HeadExecutor head) {
    if (gateways.size() != shape.layers() || experts.size() != shape.layers()) {
      throw new IllegalArgumentException("need " + shape.layers() + " gateways and expert lists");
    }
    for (List<ExpertExecutor> layer : experts) {
      if (layer.size() != shape.experts()) {
        throw new IllegalArgumentException("need " + shape.experts() + " experts per layer");
      }
    }
    this.shape = shape;
    this.embedding = embedding;
    this.gateways = List.copyOf(gateways);
    List<List<ExpertExecutor>> copy = new ArrayList<>();
    for (List<ExpertExecutor> layer : experts) {
      copy.add(List.copyOf(layer));
    }
    this.experts = List.copyOf(copy);
    this.head = head;
  }

  public MoeModelShape shape() {
    return shape;
  }

  public EmbeddingExecutor embedding() {
    return embedding;
  }

  public GatewayExecutor gateway(int layer) {
    return gateways.get(layer);
  }

  public ExpertExecutor expert(int layer, int expert) {
    return experts.get(layer).get(expert);
  }

  public HeadExecutor head() {
    return head;
  }

  /** Closes every shard; the first failure is thrown after all were tried. */
  @Override
  public void close() {
    RuntimeException first = null;
    List<AutoCloseable> all = new ArrayList<>();
    all.add(embedding);
    all.addAll(gateways);
    experts.forEach(all::addAll);
    all.add(head);
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException ? (RuntimeException) e : new RuntimeException(e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
