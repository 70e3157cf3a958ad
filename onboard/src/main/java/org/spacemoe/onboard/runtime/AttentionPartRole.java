package org.spacemoe.onboard.runtime;

import java.util.Arrays;
import org.spacemoe.onboard.shard.AttentionPartExecutor;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;

/**
 * One share of a split layer's attention on a part satellite: per sequence its share of the KV cache and the term it
 * returned for each step. Every request is applied once: a request for a step already run is answered again with the
 * kept term (a duplicate, or the lead's retry after a lost answer); a request that does not follow the cache is
 * dropped ({@link DropReason#STEP_MISMATCH}) until the lead's retry carries the history (rows 0..step), from which
 * the cache share is rebuilt (after a restart here, or when the lead's standby took over). Runs on the satellite's
 * serial executor.
 */
final class AttentionPartRole {
  private static final float[] NOT_KEPT = new float[0];
  private final RoleContext ctx;
  private final int layer;
  private final int share;
  private final int hidden;
  private final AttentionPartExecutor executor;
  private final LayerStates states;

  AttentionPartRole(RoleContext ctx, int layer, int share, int hidden, AttentionPartExecutor executor) {
    this.ctx = ctx;
    this.layer = layer;
    this.share = share;
    this.hidden = hidden;
    this.executor = executor;
    this.states = new LayerStates(executor.cacheWidth(), ctx.maxSequences());
  }

  /** Sequences this share holds a cache for (racy, for monitoring). */
  int sequencesHeld() {
    return states.size();
  }

  /** A PART_REQUEST from the layer's gateway (or its standby): rows 0..step or this step's row alone. */
  Outcome onRequest(ActivationFrame f, String from) {
    int rows = f.rows();
    long step = f.tokenStep();
    if (f.cols() != hidden || (rows > 1 && rows != step + 1)) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    long seq = f.sequenceId();
    LayerStates.State st = states.get(seq);
    if (st == null) {
      if (step != 0 && rows == 1) {
        return Outcome.dropped(DropReason.STEP_MISMATCH); // state lost: the lead's retry brings the history
      }
      st = states.create(seq);
      for (int i = states.takeEvictions(); i > 0; i--) {
        ctx.telemetry().dropped(DropReason.SEQUENCE_EVICTED);
      }
    }
    long begin = ctx.clock().nanoTime();
    float[] v = f.values();
    if (rows > 1 && st.started() < step) {
      long rebuilt = step - st.started();
      for (long p = st.started(); p < step; p++) {
        executor.step(Arrays.copyOfRange(v, (int) p * hidden, (int) (p + 1) * hidden), st.cache);
        st.outputs.add(NOT_KEPT);
      }
      ctx.telemetry().rebuilt(rebuilt);
    }
    if (step < st.started()) {
      float[] kept = st.outputs.get((int) step);
      if (kept.length == hidden) {
        reply(from, seq, step, kept, begin);
      }
      return Outcome.duplicate(FrameKind.PART_REQUEST.name());
    }
    if (step > st.started()) {
      return Outcome.dropped(DropReason.STEP_MISMATCH);
    }
    float[] h = rows == 1 ? v : Arrays.copyOfRange(v, (rows - 1) * hidden, rows * hidden);
    float[] term = executor.step(h, st.cache);
    st.outputs.add(term);
    reply(from, seq, step, term, begin + ctx.compute().attentionShareNanos(ctx.roles().attentionWidth(layer)));
    return Outcome.handled(ctx.clock().nanoTime() - begin);
  }

  private void reply(String to, long seq, long step, float[] term, long notBeforeNanos) {
    String lead = to != null ? to : ctx.roles().gateway(layer);
    ctx.outbox().send(ctx.satellite(), lead, new ActivationFrame(ctx.planVersion(), seq, step, layer, share,
        FrameKind.PART_RESPONSE, TensorCodec.FP32, 1, hidden, term, null), notBeforeNanos);
  }

  /** The sequence ended: its cache share is released. */
  void onEnd(long seq) {
    states.remove(seq);
  }
}
