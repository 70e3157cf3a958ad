package org.spacemoe.onboard.runtime;

import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;

/**
 * Runs one expert's FFN on request and sends the result to where the layer combines: its own gateway, or the next
 * layer's gateway when the plan combines the layer there.
 */
final class ExpertRole {
  private final RoleContext ctx;
  private final int layer;
  private final int expert;
  private final ExpertExecutor executor;
  private final TensorCodec responseCodec;

  ExpertRole(RoleContext ctx, int layer, int expert, ExpertExecutor executor) {
    this.ctx = ctx;
    this.layer = layer;
    this.expert = expert;
    this.executor = executor;
    this.responseCodec = ctx.roles().codecFor(FrameKind.EXPERT_RESPONSE, layer);
  }

  /** Handles an EXPERT_REQUEST; returns compute time, ns. */
  long onRequest(ActivationFrame request) throws Exception {
    long start = System.nanoTime();
    float[] y = executor.run(request.values());
    long end = System.nanoTime();
    ctx.telemetry().expertActivated(layer, expert);
    ActivationFrame response = Frames.floats(FrameKind.EXPERT_RESPONSE, responseCodec, ctx.planVersion(),
        request.sequenceId(), request.tokenStep(), layer, expert, y);
    ctx.outbox().send(ctx.satellite(), ctx.roles().combiner(layer), response, start + ctx.compute().expertNanos());
    return end - start;
  }
}
