package org.spacemoe.onboard.runtime;

import java.util.List;
import java.util.function.BiConsumer;
import org.spacemoe.onboard.shard.HeadExecutor;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.model.MoeMath;

/**
 * A split LM head at the last layer's lead: its own vocabulary slice (share 0, from token 0), the parts' best
 * (logit, token) pairs ({@link ShareGather}), and the greedy token: the largest logit, ties to the lower token, as
 * {@link MoeMath#argmax} over the whole vocabulary picks.
 */
final class SplitHead {
  private final RoleContext ctx;
  private final int layer;
  private final int hidden;
  private final int width;
  private final HeadExecutor own;
  private final ShareGather gather;

  SplitHead(RoleContext ctx, int hidden, HeadExecutor ownSlice) {
    this.ctx = ctx;
    this.layer = ctx.roles().layers() - 1;
    this.hidden = hidden;
    List<String> parts = ctx.roles().headParts();
    this.width = parts.size() + 1;
    this.own = ownSlice;
    this.gather = new ShareGather(ctx, FrameKind.SLICE_REQUEST, parts, 2, 4 * hidden,
        ctx.compute().headSliceNanos(width));
  }

  /** Picks the token for {@code combined}; {@code then} gets it and the time it is released. */
  void start(long seq, long step, float[] combined, long beginNanos, BiConsumer<Integer, Long> then,
      Runnable giveUp) {
    float[] logits = own.logits(combined);
    int ownBest = MoeMath.argmax(logits);
    long ownDone = beginNanos + ctx.compute().headSliceNanos(width);
    gather.start(new TokenKey(seq, step), (share, attempt) -> new ActivationFrame(ctx.planVersion(), seq, step, layer,
        share, FrameKind.SLICE_REQUEST, TensorCodec.FP32, 1, hidden, combined, null), beginNanos, answers -> {
          float best = logits[ownBest];
          int token = ownBest;
          for (float[] a : answers) {
            if (MoeMath.greater(a[0], best)) {
              best = a[0];
              token = (int) a[1];
            }
          }
          then.accept(token, Math.max(ctx.clock().nanoTime(), ownDone));
        }, giveUp);
  }

  Outcome answer(ActivationFrame f) {
    return gather.answer(f);
  }

  void forget(long seq) {
    gather.forget(seq);
  }
}
