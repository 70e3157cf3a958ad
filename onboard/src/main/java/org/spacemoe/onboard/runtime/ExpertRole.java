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

  /**
   * Handles an EXPERT_REQUEST from {@code from}: the output goes back to the requesting gateway (a standby after a
   * fail-over), or to the next layer's gateway when the plan combines the layer there. A repeated request is run
   * again (the role keeps no state; the gateway keeps each expert's first output).
   */
  Outcome onRequest(ActivationFrame request, String from) throws Exception {
    long start = ctx.clock().nanoTime();
    float[] y = executor.run(request.values());
    long end = ctx.clock().nanoTime();
    ctx.telemetry().expertActivated(layer, expert);
    ActivationFrame response = Frames.floats(FrameKind.EXPERT_RESPONSE, responseCodec, ctx.planVersion(),
        request.sequenceId(), request.tokenStep(), layer, expert, y);
    String to = ctx.roles().combinesAtNext(layer) || from == null ? ctx.roles().combiner(layer) : from;
    ctx.outbox().send(ctx.satellite(), to, response, start + ctx.compute().expertNanos());
    return Outcome.handled(end - start);
  }
}
