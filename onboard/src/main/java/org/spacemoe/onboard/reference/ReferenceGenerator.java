package org.spacemoe.onboard.reference;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.onboard.shard.GatewayOutput;
import org.spacemoe.onboard.shard.KvCache;
import org.spacemoe.onboard.shard.ModelExecutors;
import org.spacemoe.shared.model.MoeMath;
import org.spacemoe.shared.model.onnx.MoeModelShape;

/**
 * Greedy generation with every shard in this process: the reference a distributed run must match bit for bit.
 * Each token position is one step: embed, then per layer gateway (with that layer's KV cache), top-k router,
 * experts, {@link MoeMath#combine}; after the last prompt token and every generated one, the head and argmax.
 */
public final class ReferenceGenerator {
  private final ModelExecutors model;

  /** @param model open shards (not closed by this class) */
  public ReferenceGenerator(ModelExecutors model) {
    this.model = model;
  }

  /**
   * One token position through the model.
   *
   * @param position 0-based position in the sequence
   * @param token the input token
   * @param selectedExperts per layer, the top-k experts, largest router logit first
   * @param gateWeights per layer, the gate weight of each selected expert (same order)
   * @param layerHidden per layer, the hidden state after combine (the next layer's input)
   * @param nextToken the greedy next token, or -1 on prompt positions before the last
   */
  public record Step(int position, int token, int[][] selectedExperts, float[][] gateWeights, float[][] layerHidden,
      int nextToken) {}

  /**
   * @param prompt the prompt tokens
   * @param generated the new tokens, greedy
   * @param steps one per token position fed: the prompt, then every generated token but the last
   */
  public record Generation(int[] prompt, int[] generated, List<Step> steps) {
    /** Per step, per layer: the selected experts (as in {@link Step#selectedExperts()}). */
    public int[][][] selectedExperts() {
      return steps.stream().map(Step::selectedExperts).toArray(int[][][]::new);
    }

    /** The same generation stopped after {@code n} new tokens, {@code 1 <= n <= generated().length}. */
    public Generation prefix(int n) {
      if (n < 1 || n > generated.length) {
        throw new IllegalArgumentException("a prefix of 1.." + generated.length + " tokens, got " + n);
      }
      return n == generated.length ? this
          : new Generation(prompt, java.util.Arrays.copyOf(generated, n), steps.subList(0, prompt.length + n - 1));
    }
  }

  /**
   * Feeds {@code prompt} token by token (filling every layer's KV cache), then generates {@code newTokens}
   * tokens greedily.
   */
  public Generation generate(int[] prompt, int newTokens) {
    return run(prompt, newTokens, null);
  }

  /**
   * The reference on another run's tokens (teacher forcing): feeds {@code prompt}, then {@code runTokens} (all but
   * the last), and records at every position what the reference itself would pick greedily. So {@code
   * generated()[i]} is the reference's choice given the same context the other run had when it picked {@code
   * runTokens[i]}, and every {@link Step#layerHidden()} is the exact hidden state for that run's inputs: how a
   * lossy run (fp16 or int8 activations) is compared with fp32 without its first different token making every
   * later comparison meaningless. Equals {@link #generate} when {@code runTokens} are the reference's own.
   */
  public Generation replay(int[] prompt, int[] runTokens) {
    return run(prompt, runTokens.length, runTokens.clone());
  }

  private Generation run(int[] prompt, int newTokens, int[] forced) {
    MoeModelShape s = model.shape();
    if (prompt.length == 0) {
      throw new IllegalArgumentException("the prompt needs at least one token");
    }
    if (newTokens < 0) {
      throw new IllegalArgumentException("newTokens must be >= 0, got " + newTokens);
    }
    KvCache[] caches = new KvCache[s.layers()];
    for (int l = 0; l < caches.length; l++) {
      caches[l] = new KvCache(s.hidden());
    }
    List<Step> steps = new ArrayList<>();
    int[] generated = new int[newTokens];
    int produced = 0;
    int position = 0;
    int token = prompt[0];
    while (true) {
      boolean last = position >= prompt.length - 1;
      if (last && produced == newTokens) {
        break;
      }
      Step step = step(position, token, caches, last);
      steps.add(step);
      if (last) {
        generated[produced] = step.nextToken();
        token = forced == null ? step.nextToken() : forced[produced];
        produced++;
      } else {
        token = prompt[position + 1];
      }
      position++;
    }
    return new Generation(prompt.clone(), generated, List.copyOf(steps));
  }

  /** One token position; runs the head when {@code withHead}. */
  public Step step(int position, int token, KvCache[] caches, boolean withHead) {
    MoeModelShape s = model.shape();
    int[][] selected = new int[s.layers()][];
    float[][] gates = new float[s.layers()][];
    float[][] hiddenPerLayer = new float[s.layers()][];
    float[] h = model.embedding().embed(token);
    for (int l = 0; l < s.layers(); l++) {
      GatewayOutput g = model.gateway(l).step(h, caches[l]);
      int[] sel = MoeMath.topK(g.routerLogits(), s.topK());
      float[] w = MoeMath.gateWeights(g.routerLogits(), sel);
      float[][] ys = new float[sel.length][];
      for (int j = 0; j < sel.length; j++) {
        ys[j] = model.expert(l, sel[j]).run(g.moeIn());
      }
      h = MoeMath.combine(g.attnOut(), sel, w, ys);
      selected[l] = sel;
      gates[l] = w;
      hiddenPerLayer[l] = h;
    }
    int next = withHead ? MoeMath.argmax(model.head().logits(h)) : -1;
    return new Step(position, token, selected, gates, hiddenPerLayer, next);
  }
}
