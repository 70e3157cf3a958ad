package org.spacemoe.onboard.runtime;

import java.util.List;
import java.util.function.BiConsumer;
import org.spacemoe.onboard.shard.AttentionPartExecutor;
import org.spacemoe.onboard.shard.CombineExecutor;
import org.spacemoe.onboard.shard.GatewayOutput;
import org.spacemoe.onboard.shard.KvCache;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;

/**
 * A split layer's attention at its lead (the gateway, or its standby): runs share 0 on the lead's KV cache share,
 * asks the parts for theirs ({@link ShareGather}) and, once every term is in, sums them (share order: 0, 1, ...)
 * and runs the combine shard, which gives what an unsplit gateway gives up to float rounding. The lead keeps the
 * layer's inputs of every step, so a retry (and a first request after the lead rebuilt its own share) carries rows
 * 0..step, from which a part that lost its share rebuilds it.
 */
final class SplitAttention {
  private final RoleContext ctx;
  private final int layer;
  private final int hidden;
  private final int width;
  private final AttentionPartExecutor own;
  private final CombineExecutor combine;
  private final ShareGather gather;

  SplitAttention(RoleContext ctx, int layer, int hidden, AttentionPartExecutor own, CombineExecutor combine) {
    this.ctx = ctx;
    this.layer = layer;
    this.hidden = hidden;
    List<String> parts = ctx.roles().attentionParts(layer);
    this.width = parts.size() + 1;
    this.own = own;
    this.combine = combine;
    this.gather = new ShareGather(ctx, FrameKind.PART_REQUEST, parts, hidden, 4 * hidden,
        ctx.compute().attentionShareNanos(width));
  }

  /** Width of the lead's KV cache rows (its share of the heads). */
  int cacheWidth() {
    return own.cacheWidth();
  }

  /** Replays one past step into the lead's own cache share (a rebuild from history). */
  void replay(float[] row, KvCache cache) {
    own.step(row, cache);
  }

  /**
   * Runs step {@code step}; {@code then} gets the gateway output and the time its result is released (the lead's
   * own share and the router emulated), {@code giveUp} runs when a part stays silent past the give-up time.
   *
   * @param inputs the layer's inputs of steps 0..step for the sequence (this step's last)
   * @param historyFirst send the parts the history with the first request (the lead rebuilt its own share)
   */
  void start(long seq, long step, List<float[]> inputs, KvCache ownCache, boolean historyFirst, long beginNanos,
      BiConsumer<GatewayOutput, Long> then, Runnable giveUp) {
    float[] h = inputs.get((int) step);
    float[] ownTerm = own.step(h, ownCache);
    long ownDone = beginNanos + ctx.compute().attentionShareNanos(width);
    gather.start(new TokenKey(seq, step), (share, attempt) -> request(seq, step, inputs, share,
        historyFirst || attempt > 1), beginNanos, terms -> {
          float[] sum = ownTerm.clone();
          for (float[] t : terms) {
            for (int i = 0; i < hidden; i++) {
              sum[i] += t[i];
            }
          }
          GatewayOutput out = combine.combine(h, sum);
          then.accept(out, Math.max(ctx.clock().nanoTime(), ownDone) + ctx.compute().routerNanos());
        }, giveUp);
  }

  private ActivationFrame request(long seq, long step, List<float[]> inputs, int share, boolean history) {
    int rows = history ? (int) step + 1 : 1;
    float[] v = new float[rows * hidden];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(inputs.get((int) step + 1 - rows + r), 0, v, r * hidden, hidden);
    }
    return new ActivationFrame(ctx.planVersion(), seq, step, layer, share, FrameKind.PART_REQUEST, TensorCodec.FP32,
        rows, hidden, v, null);
  }

  /** A part's term. */
  Outcome answer(ActivationFrame f) {
    return gather.answer(f);
  }

  void forget(long seq) {
    gather.forget(seq);
  }
}
