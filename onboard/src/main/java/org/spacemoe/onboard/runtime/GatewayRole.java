package org.spacemoe.onboard.runtime;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.spacemoe.onboard.shard.EmbeddingExecutor;
import org.spacemoe.onboard.shard.GatewayExecutor;
import org.spacemoe.onboard.shard.GatewayOutput;
import org.spacemoe.onboard.shard.HeadExecutor;
import org.spacemoe.onboard.shard.KvCache;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.model.MoeMath;

/**
 * The gateway of one layer: attention with a KV cache per sequence, router, fan-out to the top-k experts,
 * combine, and forwarding to the next layer's gateway. When the plan combines a layer at the next layer's gateway,
 * this gateway sends the residual (attention output, gate weights, selected experts) on to it instead, its experts
 * send their outputs there, and that gateway combines them (the same {@link MoeMath#combine}) before its own work. The first layer's gateway is also the entry (embeds
 * tokens, feeds the prompt, takes the ring closure); the last applies the LM head, publishes the token and
 * closes the ring. All methods run on the satellite's serial executor.
 *
 * <p>Expert copies: each request goes to the copy {@link ExpertCopies} picks (lowest modelled latency from this
 * gateway in the current slot among hosts not suspect). Expert timeout policy: if the k experts have not all
 * answered within {@code expertTimeoutNanos}, each silent copy's host is marked suspect and the missing requests
 * are re-sent to the next untried copy (a fail-over, counted), with a fresh timeout; when a missing expert has no
 * untried copy left the token fails: its state is dropped, {@link DropReason#EXPERT_TIMEOUT} is counted and an
 * error is published on the sequence's error topic. Each expert's first output is kept; a second one (the slow
 * copy answering after all) is counted as {@link DropReason#DUPLICATE_RESPONSE}, never combined. When the layer
 * combines at the next gateway, the request goes to the best copy the same way but there is no fail-over (this
 * gateway does not see the outputs; the next one fails the token on timeout).
 */
final class GatewayRole {
  private static final int RECENT_KEYS = 1024;
  private final RoleContext ctx;
  private final int layer;
  private final boolean last;
  private final GatewayExecutor gateway;
  private final EmbeddingExecutor embedding;
  private final HeadExecutor head;
  private final int hidden;
  private final Map<Long, KvCache> caches;
  private final Map<TokenKey, Pending> pending = new HashMap<>();
  /** This layer's experts send their outputs on to the next layer's gateway (plan combine point "next"). */
  private final boolean combinesAtNext;
  /** The previous layer combines here: its residual and expert outputs arrive at this gateway. */
  private final boolean takesForwardedOutputs;
  private final Map<TokenKey, Incoming> incoming = new HashMap<>();
  /** Tokens whose forwarded pieces timed out here: their late pieces are counted as unexpected (bounded). */
  private final java.util.Set<TokenKey> expiredIncoming = recentKeys();
  private final Map<Long, Sequence> sequences;
  private final TensorCodec requestCodec;
  private final TensorCodec hiddenCodec;
  /** Tokens that failed over here: a late output of the first copy is a duplicate, not unexpected (bounded). */
  private final java.util.Set<TokenKey> failedOver = recentKeys();

  GatewayRole(RoleContext ctx, int layer, int hidden, GatewayExecutor gateway, EmbeddingExecutor embedding,
      HeadExecutor head) {
    this.ctx = ctx;
    this.layer = layer;
    this.hidden = hidden;
    this.last = layer == ctx.roles().layers() - 1;
    this.combinesAtNext = ctx.roles().combinesAtNext(layer);
    this.takesForwardedOutputs = ctx.roles().combinesAtNext(layer - 1);
    this.gateway = gateway;
    this.embedding = embedding;
    this.head = head;
    this.requestCodec = ctx.roles().codecFor(FrameKind.EXPERT_REQUEST, layer);
    this.hiddenCodec = last ? null : ctx.roles().codecFor(FrameKind.HIDDEN, layer + 1);
    int max = ctx.maxSequences();
    this.sequences = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Sequence> eldest) {
        if (size() > max) {
          ctx.telemetry().dropped(DropReason.SEQUENCE_EVICTED);
          return true;
        }
        return false;
      }
    };
    this.caches = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, KvCache> eldest) {
        if (size() > max) {
          ctx.telemetry().dropped(DropReason.SEQUENCE_EVICTED);
          return true;
        }
        return false;
      }
    };
  }

  /**
   * A token waiting for its experts; {@code timeout} is cancelled once they all answered. {@code tried[j]}: the
   * hosts asked for selected expert {@code j} so far, the last one being the copy currently waited for.
   */
  private static final class Pending {
    final float[] attnOut;
    final int[] selected;
    final float[] weights;
    final float[][] outputs;
    final float[] moeIn;
    final java.util.List<java.util.List<String>> tried = new java.util.ArrayList<>();
    java.util.concurrent.ScheduledFuture<?> timeout;

    Pending(float[] attnOut, int[] selected, float[] weights, float[] moeIn) {
      this.attnOut = attnOut;
      this.selected = selected;
      this.weights = weights;
      this.moeIn = moeIn;
      this.outputs = new float[selected.length][];
      for (int j = 0; j < selected.length; j++) {
        tried.add(new java.util.ArrayList<>(2));
      }
    }
  }

  /**
   * The previous layer's pieces of one token, combined here: its residual (attention output, selected experts,
   * gate weights) and the selected experts' outputs, in any order.
   */
  private static final class Incoming {
    float[] attnOut;
    int[] selected;
    float[] weights;
    final Map<Integer, float[]> outputs = new HashMap<>();
    java.util.concurrent.ScheduledFuture<?> timeout;
  }

  boolean combinesAtNext() {
    return combinesAtNext;
  }

  boolean takesForwardedOutputs() {
    return takesForwardedOutputs;
  }

  private static final class Sequence {
    final int[] prompt;
    int remaining;

    Sequence(int[] prompt, int remaining) {
      this.prompt = prompt;
      this.remaining = remaining;
    }
  }

  /** TOKEN frame at the entry: a sequence start (expert field = tokens to generate) or a ring closure. */
  long onToken(ActivationFrame f) throws Exception {
    if (embedding == null) {
      ctx.telemetry().dropped(DropReason.UNKNOWN_ROLE);
      return 0;
    }
    long start = System.nanoTime();
    long seq = f.sequenceId();
    int[] tokens = f.tokens();
    if (f.expert() >= 0) {
      if (tokens.length == 0 || f.expert() == 0) {
        ctx.telemetry().dropped(DropReason.UNKNOWN_ROLE);
        return 0;
      }
      sequences.put(seq, new Sequence(tokens.clone(), f.expert()));
      caches.remove(seq);
      runLayer(seq, 0, embedding.embed(tokens[0]), start);
      return System.nanoTime() - start;
    }
    Sequence s = sequences.get(seq);
    if (s == null || tokens.length != 1) {
      ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE);
      return 0;
    }
    long step = f.tokenStep();
    int nextInput;
    if (step + 1 < s.prompt.length) {
      nextInput = s.prompt[(int) step + 1];
    } else {
      s.remaining--;
      if (s.remaining <= 0) {
        sequences.remove(seq);
        return System.nanoTime() - start;
      }
      nextInput = tokens[0];
    }
    runLayer(seq, step + 1, embedding.embed(nextInput), start);
    return System.nanoTime() - start;
  }

  /**
   * HIDDEN frame from the previous layer's gateway: its combined hidden state, or, when the previous layer combines
   * here, its residual {@code attnOut ++ gate weights ++ selected expert ids} ({@code hidden + 2k} floats).
   */
  long onHidden(ActivationFrame f) throws Exception {
    long start = System.nanoTime();
    if (!takesForwardedOutputs) {
      runLayer(f.sequenceId(), f.tokenStep(), f.values(), start);
      return System.nanoTime() - start;
    }
    int k = ctx.topK();
    float[] v = f.values();
    if (v.length != hidden + 2 * k) {
      ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE);
      return 0;
    }
    TokenKey key = new TokenKey(f.sequenceId(), f.tokenStep());
    if (expiredIncoming.contains(key)) {
      ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE);
      return 0;
    }
    Incoming in = incoming(key);
    if (in.attnOut != null) {
      ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE);
      return 0;
    }
    int[] selected = new int[k];
    for (int j = 0; j < k; j++) {
      float id = v[hidden + k + j];
      if (id != Math.rint(id) || id < 0 || id >= ctx.roles().expertCount(layer - 1)) {
        ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE);
        return 0;
      }
      selected[j] = (int) id;
    }
    in.attnOut = java.util.Arrays.copyOf(v, hidden);
    in.weights = java.util.Arrays.copyOfRange(v, hidden, hidden + k);
    in.selected = selected;
    for (Integer e : in.outputs.keySet()) {
      if (indexOf(selected, e) < 0) {
        ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE); // an output arrived for an expert not selected
      }
    }
    in.outputs.keySet().removeIf(e -> indexOf(selected, e) < 0);
    return combineIfComplete(key, in, start);
  }

  /** EXPERT_RESPONSE of the previous layer's expert, sent here because that layer combines at this gateway. */
  long onForwardedOutput(ActivationFrame f) throws Exception {
    long start = System.nanoTime();
    TokenKey key = new TokenKey(f.sequenceId(), f.tokenStep());
    if (expiredIncoming.contains(key)) {
      ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE);
      return 0;
    }
    Incoming in = incoming(key);
    boolean wrong = f.values().length != hidden || in.outputs.containsKey(f.expert())
        || (in.selected != null && indexOf(in.selected, f.expert()) < 0);
    if (wrong) {
      ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE);
      return 0;
    }
    in.outputs.put(f.expert(), f.values());
    return combineIfComplete(key, in, start);
  }

  private Incoming incoming(TokenKey key) {
    Incoming in = incoming.get(key);
    if (in == null) {
      in = new Incoming();
      incoming.put(key, in);
      in.timeout = ctx.timer().schedule(() -> ctx.serial().execute(() -> expireIncoming(key)),
          ctx.expertTimeoutNanos(), TimeUnit.NANOSECONDS);
    }
    return in;
  }

  private long combineIfComplete(TokenKey key, Incoming in, long start) throws Exception {
    if (in.attnOut == null || in.outputs.size() < in.selected.length) {
      return System.nanoTime() - start;
    }
    incoming.remove(key);
    in.timeout.cancel(false);
    float[][] outputs = new float[in.selected.length][];
    for (int j = 0; j < outputs.length; j++) {
      outputs[j] = in.outputs.get(in.selected[j]);
    }
    float[] combined = MoeMath.combine(in.attnOut, in.selected, in.weights, outputs);
    runLayer(key.sequenceId(), key.tokenStep(), combined, start);
    return System.nanoTime() - start;
  }

  private void expireIncoming(TokenKey key) {
    if (incoming.remove(key) != null) {
      expiredIncoming.add(key);
      failToken(key, layer - 1);
    }
  }

  /** The last {@value #RECENT_KEYS} token keys added; older ones are forgotten. */
  private static java.util.Set<TokenKey> recentKeys() {
    return java.util.Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<TokenKey, Boolean> eldest) {
        return size() > RECENT_KEYS;
      }
    });
  }

  private static int indexOf(int[] a, int x) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private void runLayer(long seq, long step, float[] h, long start) throws Exception {
    // step 0 starts the sequence's context at every layer: a sequence id used again (every bench run uses 1) must
    // not attend to the previous run's keys and values; only the entry sees the start frame
    KvCache cache = step == 0 ? null : caches.get(seq);
    if (cache == null) {
      cache = new KvCache(hidden);
      caches.put(seq, cache);
    }
    if (cache.length() != step) {
      // a duplicated, reordered or post-eviction frame would attend to the wrong context
      ctx.telemetry().dropped(DropReason.STEP_MISMATCH);
      return;
    }
    GatewayOutput out = gateway.step(h, cache);
    int[] selected = MoeMath.topK(out.routerLogits(), ctx.topK());
    float[] weights = MoeMath.gateWeights(out.routerLogits(), selected);
    TokenKey key = new TokenKey(seq, step);
    if (combinesAtNext) {
      // the next layer's gateway combines: send it the residual, the experts send their outputs there too; the
      // residual stays fp32 whatever the plan's codecs (it carries the gate weights and the selected expert ids)
      long releaseAt = start + ctx.compute().gatewayNanos();
      int k = selected.length;
      float[] residual = java.util.Arrays.copyOf(out.attnOut(), hidden + 2 * k);
      for (int j = 0; j < k; j++) {
        residual[hidden + j] = weights[j];
        residual[hidden + k + j] = selected[j];
      }
      ctx.outbox().send(ctx.satellite(), ctx.roles().gateway(layer + 1),
          Frames.floats(FrameKind.HIDDEN, TensorCodec.FP32, ctx.planVersion(), seq, step, layer + 1, -1, residual),
          releaseAt);
      long now = System.nanoTime();
      for (int e : selected) {
        ActivationFrame req = Frames.floats(FrameKind.EXPERT_REQUEST, requestCodec, ctx.planVersion(), seq, step, layer,
            e, out.moeIn());
        ctx.outbox().send(ctx.satellite(), pickCopy(e, java.util.List.of(), now), req, releaseAt);
      }
      return;
    }
    Pending p = new Pending(out.attnOut(), selected, weights, out.moeIn());
    p.timeout = ctx.timer().schedule(
        () -> ctx.serial().execute(() -> expire(key)), ctx.expertTimeoutNanos(), TimeUnit.NANOSECONDS);
    pending.put(key, p);
    long releaseAt = start + ctx.compute().gatewayNanos();
    long now = System.nanoTime();
    for (int j = 0; j < selected.length; j++) {
      String host = pickCopy(selected[j], p.tried.get(j), now);
      p.tried.get(j).add(host);
      sendRequest(key, selected[j], p.moeIn, host, releaseAt);
    }
  }

  /** The copy of this layer's expert {@code expert} to ask next, or null when every copy is in {@code tried}. */
  private String pickCopy(int expert, java.util.Collection<String> tried, long nowNanos) {
    int bytes = 4 * hidden;
    return ctx.copies().pick(layer, expert, h -> ctx.outbox().modelledLatencyS(ctx.satellite(), h, bytes), tried,
        nowNanos);
  }

  private void sendRequest(TokenKey key, int expert, float[] moeIn, String host, long releaseAt) {
    ActivationFrame req = Frames.floats(FrameKind.EXPERT_REQUEST, requestCodec, ctx.planVersion(), key.sequenceId(),
        key.tokenStep(), layer, expert, moeIn);
    ctx.outbox().send(ctx.satellite(), host, req, releaseAt);
  }

  /**
   * The expert timeout of a pending token: marks every silent copy's host suspect and re-sends its request to the
   * next copy; fails the token when a silent expert has no copy left.
   */
  private void expire(TokenKey key) {
    Pending p = pending.get(key);
    if (p == null) {
      return;
    }
    long now = System.nanoTime();
    String[] next = new String[p.selected.length];
    boolean exhausted = false;
    for (int j = 0; j < p.selected.length; j++) {
      if (p.outputs[j] != null) {
        continue;
      }
      java.util.List<String> tried = p.tried.get(j);
      ctx.copies().suspects().markSuspect(tried.get(tried.size() - 1), now);
      next[j] = pickCopy(p.selected[j], tried, now);
      exhausted |= next[j] == null;
    }
    if (exhausted) {
      pending.remove(key);
      failToken(key, layer);
      return;
    }
    failedOver.add(key);
    p.timeout = ctx.timer().schedule(
        () -> ctx.serial().execute(() -> expire(key)), ctx.expertTimeoutNanos(), TimeUnit.NANOSECONDS);
    for (int j = 0; j < next.length; j++) {
      if (next[j] != null) {
        p.tried.get(j).add(next[j]);
        ctx.telemetry().expertFailover();
        sendRequest(key, p.selected[j], p.moeIn, next[j], now);
      }
    }
  }

  /** Expert timeout of {@code expertLayer}'s experts for one token: the token fails, counted and published. */
  private void failToken(TokenKey key, int expertLayer) {
    ctx.telemetry().dropped(DropReason.EXPERT_TIMEOUT);
    sequences.remove(key.sequenceId());
    String msg = "{\"step\":" + key.tokenStep() + ",\"layer\":" + expertLayer + ",\"satellite\":\"" + ctx.satellite()
        + "\",\"error\":\"EXPERT_TIMEOUT\"}";
    ctx.outbox().publish(FrameTopics.sequenceErrors(key.sequenceId()), msg.getBytes(StandardCharsets.UTF_8));
  }

  /** EXPERT_RESPONSE frame from an expert host. */
  long onExpertResponse(ActivationFrame f) throws Exception {
    TokenKey key = new TokenKey(f.sequenceId(), f.tokenStep());
    Pending p = pending.get(key);
    int idx = -1;
    if (p != null) {
      idx = indexOf(p.selected, f.expert());
    }
    if (f.values().length == hidden && (idx >= 0 ? p.outputs[idx] != null : p == null && failedOver.contains(key))) {
      ctx.telemetry().dropped(DropReason.DUPLICATE_RESPONSE); // the other copy already answered
      return 0;
    }
    if (idx < 0 || f.values().length != hidden) {
      ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE);
      return 0;
    }
    p.outputs[idx] = f.values();
    for (float[] o : p.outputs) {
      if (o == null) {
        return 0;
      }
    }
    pending.remove(key);
    p.timeout.cancel(false);
    long start = System.nanoTime();
    float[] combined = MoeMath.combine(p.attnOut, p.selected, p.weights, p.outputs);
    if (!last) {
      ActivationFrame next = Frames.floats(FrameKind.HIDDEN, hiddenCodec, ctx.planVersion(), key.sequenceId(),
          key.tokenStep(), layer + 1, -1, combined);
      ctx.outbox().send(ctx.satellite(), ctx.roles().gateway(layer + 1), next, start);
      return System.nanoTime() - start;
    }
    int token = MoeMath.argmax(head.logits(combined));
    long releaseAt = start + ctx.compute().headNanos();
    ActivationFrame result = Frames.tokens(ctx.planVersion(), key.sequenceId(), key.tokenStep(), layer, new int[] {token});
    ctx.outbox().publishAt(FrameTopics.sequenceTokens(key.sequenceId()), result, releaseAt);
    ctx.outbox().send(ctx.satellite(), ctx.roles().entry(), Frames.tokens(ctx.planVersion(), key.sequenceId(),
        key.tokenStep(), 0, new int[] {token}), releaseAt);
    return System.nanoTime() - start;
  }
}
