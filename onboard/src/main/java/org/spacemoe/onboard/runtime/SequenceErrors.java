package org.spacemoe.onboard.runtime;

import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.frame.SequenceError;
import org.spacemoe.shared.frame.SequenceErrorCodec;
import org.spacemoe.shared.frame.SequenceErrorReason;

/** Publishes why a sequence failed ({@link SequenceErrorCodec} on its error topic) and counts it in telemetry. */
final class SequenceErrors {
  private final RoleContext ctx;

  SequenceErrors(RoleContext ctx) {
    this.ctx = ctx;
  }

  void fail(long seq, long step, int layer, SequenceErrorReason reason, String detail) {
    ctx.telemetry().sequenceFailed(reason.name());
    String d = detail == null ? "" : detail;
    if (d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1000) {
      d = d.substring(0, 250);
    }
    byte[] bytes = SequenceErrorCodec.encode(new SequenceError(ctx.planVersion(), seq, step, layer, ctx.satellite(), reason, d));
    ctx.outbox().publish(FrameTopics.sequenceErrors(seq), bytes);
  }
}
