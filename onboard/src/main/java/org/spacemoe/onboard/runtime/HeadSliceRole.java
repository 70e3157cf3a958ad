package org.spacemoe.onboard.runtime;

import org.spacemoe.onboard.shard.HeadExecutor;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.model.MoeMath;

/**
 * One vocabulary slice of a split LM head on a part satellite: answers a SLICE_REQUEST with the slice's best logit
 * and that token's id. Stateless: a repeated request is answered again.
 */
final class HeadSliceRole {
  private final RoleContext ctx;
  private final int share;
  private final int hidden;
  private final int firstToken;
  private final HeadExecutor slice;

  /** @param firstToken id of the slice's first vocabulary row */
  HeadSliceRole(RoleContext ctx, int share, int hidden, int firstToken, HeadExecutor slice) {
    this.ctx = ctx;
    this.share = share;
    this.hidden = hidden;
    this.firstToken = firstToken;
    this.slice = slice;
  }

  Outcome onRequest(ActivationFrame f, String from) {
    if (f.rows() != 1 || f.cols() != hidden) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    long begin = ctx.clock().nanoTime();
    float[] logits = slice.logits(f.values());
    int best = MoeMath.argmax(logits);
    int last = ctx.roles().layers() - 1;
    String lead = from != null ? from : ctx.roles().gateway(last);
    ctx.outbox().send(ctx.satellite(), lead, new ActivationFrame(ctx.planVersion(), f.sequenceId(), f.tokenStep(), last,
        share, FrameKind.SLICE_RESPONSE, TensorCodec.FP32, 1, 2, new float[] {logits[best], firstToken + best}, null),
        begin + ctx.compute().headSliceNanos(ctx.roles().headWidth()));
    return Outcome.handled(ctx.clock().nanoTime() - begin);
  }
}
