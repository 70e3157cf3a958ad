package org.spacemoe.onboard.runtime;

import java.util.HashMap;
import java.util.Map;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.Residual;
import org.spacemoe.shared.frame.ResidualCodec;
import org.spacemoe.shared.model.MoeMath;

/**
 * At a gateway whose previous layer combines here: collects that layer's residual ({@link ResidualCodec}) and its
 * selected experts' outputs, in any order, and hands the combined hidden state (the same {@link MoeMath#combine})
 * to this layer as its input. The sender of the residual re-sends it (and the expert requests) until this layer
 * acknowledges the step, so nothing here asks again; pieces of a token that never completes are released after
 * the give-up time. Not thread-safe: one satellite's serial executor.
 */
final class ForwardedCombine {
  /** This layer's input handler: (sequence, step, values, rows, from). */
  interface Input {
    Outcome accept(long seq, long step, float[] values, int rows, String from) throws Exception;
  }

  private static final class Incoming {
    Residual residual;
    String from;
    final Map<Integer, float[]> outputs = new HashMap<>();
    RoleClock.Cancellable expiry;
  }

  private final RoleContext ctx;
  private final int layer;
  private final int hidden;
  private final Map<TokenKey, Incoming> incoming = new HashMap<>();
  private final java.util.Set<TokenKey> completed = RecentKeys.create(4096);

  ForwardedCombine(RoleContext ctx, int layer, int hidden) {
    this.ctx = ctx;
    this.layer = layer;
    this.hidden = hidden;
  }

  /** The previous layer's residual for one token. */
  Outcome residual(ActivationFrame f, String from, Input input) throws Exception {
    TokenKey key = new TokenKey(f.sequenceId(), f.tokenStep());
    Residual r;
    try {
      r = ResidualCodec.decode(f.values(), hidden, ctx.topK(), ctx.roles().expertCount(layer - 1));
    } catch (IllegalArgumentException e) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    if (completed.contains(key)) {
      // combined already: the layer answers for the step (acknowledges it again once done)
      return input.accept(key.sequenceId(), key.tokenStep(), r.attnOut(), 1, from);
    }
    Incoming in = incoming(key);
    in.from = from;
    if (in.residual != null) {
      return Outcome.duplicate("RESIDUAL");
    }
    in.residual = r;
    for (Integer e : in.outputs.keySet()) {
      if (ExpertFanOut.indexOf(r.selected(), e) < 0) {
        ctx.telemetry().dropped(DropReason.UNEXPECTED_RESPONSE); // an output arrived for an expert not selected
      }
    }
    in.outputs.keySet().removeIf(e -> ExpertFanOut.indexOf(r.selected(), e) < 0);
    return combineIfComplete(key, in, input);
  }

  /** An expert output of the previous layer. */
  Outcome output(ActivationFrame f, Input input) throws Exception {
    TokenKey key = new TokenKey(f.sequenceId(), f.tokenStep());
    if (f.values().length != hidden) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    if (completed.contains(key)) {
      return Outcome.duplicate(FrameKind.EXPERT_RESPONSE.name());
    }
    Incoming in = incoming(key);
    if (in.outputs.containsKey(f.expert())) {
      return Outcome.duplicate(FrameKind.EXPERT_RESPONSE.name());
    }
    if (in.residual != null && ExpertFanOut.indexOf(in.residual.selected(), f.expert()) < 0) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    in.outputs.put(f.expert(), f.values());
    return combineIfComplete(key, in, input);
  }

  private Incoming incoming(TokenKey key) {
    Incoming in = incoming.get(key);
    if (in == null) {
      in = new Incoming();
      incoming.put(key, in);
      Incoming created = in;
      in.expiry = ctx.clock().schedule(() -> {
        if (incoming.get(key) == created) {
          incoming.remove(key);
          ctx.telemetry().dropped(DropReason.EXPERT_TIMEOUT);
        }
      }, ctx.deadlines().giveUpNanos());
    }
    return in;
  }

  private Outcome combineIfComplete(TokenKey key, Incoming in, Input input) throws Exception {
    if (in.residual == null || in.outputs.size() < in.residual.selected().length) {
      return Outcome.handled(0);
    }
    incoming.remove(key);
    in.expiry.cancel();
    int[] selected = in.residual.selected();
    float[][] outputs = new float[selected.length][];
    for (int j = 0; j < outputs.length; j++) {
      outputs[j] = in.outputs.get(selected[j]);
    }
    float[] combined = MoeMath.combine(in.residual.attnOut(), selected, in.residual.weights(), outputs);
    Outcome o = input.accept(key.sequenceId(), key.tokenStep(), combined, 1, in.from);
    if (!(o instanceof Outcome.Dropped)) {
      completed.add(key);
    }
    return o;
  }

  void forget(long seq) {
    incoming.entrySet().removeIf(e -> {
      if (e.getKey().sequenceId() == seq) {
        e.getValue().expiry.cancel();
        return true;
      }
      return false;
    });
  }
}
