package org.spacemoe.onboard.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;

/**
 * A gateway's requests to the top-k experts of its layer, waiting for their outputs. Each request goes to the copy
 * {@link ExpertCopies} picks; when outputs are missing after the modelled round trip plus margin ({@link
 * Deadlines}) the missing requests are sent again: to the same copy, or, once that copy has been silent for the
 * suspect time, to the next untried copy (marked suspect: a fail-over, counted). Each expert's first output is
 * kept; a later one is a duplicate, never combined. After the give-up time the token fails. Not thread-safe: one
 * satellite's serial executor.
 */
final class ExpertFanOut {
  /** One token step waiting for its experts. */
  static final class Pending {
    final TokenKey key;
    final float[] attnOut;
    final int[] selected;
    final float[] weights;
    final float[] moeIn;
    final float[][] outputs;
    /** tried.get(j): the copies asked for selected expert j, the last being the one waited for. */
    final List<List<String>> tried = new ArrayList<>();
    final long[] askedCurrentAt;
    final long firstNanos;
    final Consumer<Pending> onComplete;
    final Runnable onGiveUp;
    int attempt;
    RoleClock.Cancellable timer;

    Pending(TokenKey key, float[] attnOut, int[] selected, float[] weights, float[] moeIn, long now,
        Consumer<Pending> onComplete, Runnable onGiveUp) {
      this.key = key;
      this.attnOut = attnOut;
      this.selected = selected;
      this.weights = weights;
      this.moeIn = moeIn;
      this.outputs = new float[selected.length][];
      this.askedCurrentAt = new long[selected.length];
      this.firstNanos = now;
      this.onComplete = onComplete;
      this.onGiveUp = onGiveUp;
      for (int j = 0; j < selected.length; j++) {
        tried.add(new ArrayList<>(2));
      }
    }
  }

  private final RoleContext ctx;
  private final int layer;
  private final int hidden;
  private final TensorCodec requestCodec;
  private final Map<TokenKey, Pending> pending = new HashMap<>();
  /** Tokens recently completed or failed here: a late output for one is a duplicate, not unexpected (bounded). */
  private final java.util.Set<TokenKey> recent = RecentKeys.create(4096);

  ExpertFanOut(RoleContext ctx, int layer, int hidden) {
    this.ctx = ctx;
    this.layer = layer;
    this.hidden = hidden;
    this.requestCodec = ctx.roles().codecFor(FrameKind.EXPERT_REQUEST, layer);
  }

  /** Sends the requests of one token (released no earlier than {@code notBeforeNanos}) and waits for the outputs. */
  void start(TokenKey key, float[] attnOut, int[] selected, float[] weights, float[] moeIn, long notBeforeNanos,
      Consumer<Pending> onComplete, Runnable onGiveUp) {
    long now = ctx.clock().nanoTime();
    Pending p = new Pending(key, attnOut, selected, weights, moeIn, now, onComplete, onGiveUp);
    pending.put(key, p);
    for (int j = 0; j < selected.length; j++) {
      String host = pickCopy(selected[j], p.tried.get(j), now);
      p.tried.get(j).add(host);
      p.askedCurrentAt[j] = now;
      send(key, selected[j], moeIn, host, notBeforeNanos);
    }
    schedule(p, Math.max(0, notBeforeNanos - now));
  }

  /** Sends every request of a token once more, each to its current copy (the caller's own retry; no wait). */
  void sendRequestsOnce(TokenKey key, int[] selected, float[] moeIn, long notBeforeNanos) {
    long now = ctx.clock().nanoTime();
    for (int e : selected) {
      send(key, e, moeIn, pickCopy(e, List.of(), now), notBeforeNanos);
    }
  }

  private void schedule(Pending p, long holdNanos) {
    p.attempt++;
    double rtt = 0;
    int bytes = 4 * hidden;
    for (int j = 0; j < p.selected.length; j++) {
      if (p.outputs[j] == null) {
        List<String> t = p.tried.get(j);
        rtt = Math.max(rtt, 2 * ctx.outbox().modelledLatencyS(ctx.satellite(), t.get(t.size() - 1), bytes));
      }
    }
    long wait = holdNanos + ctx.deadlines().waitNanos(rtt, ctx.compute().expertNanos(), p.attempt);
    p.timer = ctx.clock().schedule(() -> expire(p), wait);
  }

  private void expire(Pending p) {
    if (pending.get(p.key) != p) {
      return;
    }
    long now = ctx.clock().nanoTime();
    if (now - p.firstNanos >= ctx.deadlines().giveUpNanos()) {
      pending.remove(p.key);
      recent.add(p.key);
      p.onGiveUp.run();
      return;
    }
    for (int j = 0; j < p.selected.length; j++) {
      if (p.outputs[j] != null) {
        continue;
      }
      List<String> tried = p.tried.get(j);
      String current = tried.get(tried.size() - 1);
      String host = current;
      if (now - p.askedCurrentAt[j] >= ctx.deadlines().suspectAfterNanos()) {
        ctx.copies().suspects().markSuspect(current, now);
        String next = pickCopy(p.selected[j], tried, now);
        if (next != null) {
          tried.add(next);
          p.askedCurrentAt[j] = now;
          host = next;
          ctx.telemetry().expertFailover();
        }
      }
      if (host.equals(current)) {
        ctx.telemetry().retried(FrameKind.EXPERT_REQUEST.name());
      }
      send(p.key, p.selected[j], p.moeIn, host, now);
    }
    schedule(p, 0);
  }

  /** An expert's output for this layer: kept if awaited; completes the token when it was the last missing. */
  Outcome output(ActivationFrame f) {
    TokenKey key = new TokenKey(f.sequenceId(), f.tokenStep());
    if (f.values().length != hidden) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    Pending p = pending.get(key);
    if (p == null) {
      return recent.contains(key) ? Outcome.duplicate(FrameKind.EXPERT_RESPONSE.name())
          : Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    int idx = indexOf(p.selected, f.expert());
    if (idx < 0) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    if (p.outputs[idx] != null) {
      return Outcome.duplicate(FrameKind.EXPERT_RESPONSE.name());
    }
    p.outputs[idx] = f.values();
    for (float[] o : p.outputs) {
      if (o == null) {
        return Outcome.handled(0);
      }
    }
    pending.remove(key);
    recent.add(key);
    p.timer.cancel();
    long start = ctx.clock().nanoTime();
    p.onComplete.accept(p);
    return Outcome.handled(ctx.clock().nanoTime() - start);
  }

  /** Whether a token is waiting for its experts here. */
  boolean waiting(TokenKey key) {
    return pending.containsKey(key);
  }

  /** Drops every waiting token of a sequence (ended or failed). */
  void forget(long seq) {
    pending.entrySet().removeIf(e -> {
      if (e.getKey().sequenceId() == seq) {
        e.getValue().timer.cancel();
        recent.add(e.getKey());
        return true;
      }
      return false;
    });
  }

  /** The copy of expert {@code expert} to ask next, or null when every copy is in {@code tried}. */
  private String pickCopy(int expert, java.util.Collection<String> tried, long nowNanos) {
    int bytes = 4 * hidden;
    return ctx.copies().pick(layer, expert, h -> ctx.outbox().modelledLatencyS(ctx.satellite(), h, bytes), tried,
        nowNanos);
  }

  private void send(TokenKey key, int expert, float[] moeIn, String host, long notBeforeNanos) {
    ActivationFrame req = Frames.floats(FrameKind.EXPERT_REQUEST, requestCodec, ctx.planVersion(), key.sequenceId(),
        key.tokenStep(), layer, expert, moeIn);
    ctx.outbox().send(ctx.satellite(), host, req, notBeforeNanos);
  }

  static int indexOf(int[] a, int x) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
