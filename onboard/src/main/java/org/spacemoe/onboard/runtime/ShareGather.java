package org.spacemoe.onboard.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;

/**
 * A split lead's requests to the other shares of a tensor-parallel phase (a layer's attention, or the LM head),
 * waiting for their answers. Missing answers are asked for again after the modelled round trip plus margin ({@link
 * Deadlines}), each wait doubling; a share's first answer is kept, a later one is a duplicate; after the give-up
 * time the step fails (the caller names it {@code PART_TIMEOUT}). Shares are fixed by the plan: there is no other
 * copy to fail over to. Not thread-safe: one satellite's serial executor.
 */
final class ShareGather {
  /** The request of one share: {@code attempt} 1 is the first send. */
  @FunctionalInterface
  interface Requests {
    ActivationFrame frame(int share, int attempt);
  }

  private static final class Pending {
    final TokenKey key;
    final float[][] answers;
    final Requests requests;
    final Consumer<float[][]> onComplete;
    final Runnable onGiveUp;
    final long firstNanos;
    int attempt;
    RoleClock.Cancellable timer;

    Pending(TokenKey key, int shares, Requests requests, Consumer<float[][]> onComplete, Runnable onGiveUp,
        long now) {
      this.key = key;
      this.answers = new float[shares][];
      this.requests = requests;
      this.onComplete = onComplete;
      this.onGiveUp = onGiveUp;
      this.firstNanos = now;
    }
  }

  private final RoleContext ctx;
  private final FrameKind requestKind;
  private final List<String> parts;
  private final int answerLength;
  private final int requestBytes;
  private final long partComputeNanos;
  private final Map<TokenKey, Pending> pending = new HashMap<>();
  private final Set<TokenKey> recent = RecentKeys.create(4096);

  /**
   * @param parts the part satellites, share i + 1 on {@code parts.get(i)}
   * @param answerLength floats in each answer
   * @param requestBytes bytes of one request row (for the modelled round trip)
   * @param partComputeNanos emulated compute a part's answer waits for, ns
   */
  ShareGather(RoleContext ctx, FrameKind requestKind, List<String> parts, int answerLength, int requestBytes,
      long partComputeNanos) {
    this.ctx = ctx;
    this.requestKind = requestKind;
    this.parts = List.copyOf(parts);
    this.answerLength = answerLength;
    this.requestBytes = requestBytes;
    this.partComputeNanos = partComputeNanos;
  }

  /** Sends every share's request (released no earlier than {@code notBeforeNanos}) and waits for the answers. */
  void start(TokenKey key, Requests requests, long notBeforeNanos, Consumer<float[][]> onComplete,
      Runnable onGiveUp) {
    long now = ctx.clock().nanoTime();
    Pending p = new Pending(key, parts.size(), requests, onComplete, onGiveUp, now);
    pending.put(key, p);
    p.attempt = 1;
    for (int i = 0; i < parts.size(); i++) {
      ctx.outbox().send(ctx.satellite(), parts.get(i), requests.frame(i + 1, 1), notBeforeNanos);
    }
    schedule(p, Math.max(0, notBeforeNanos - now));
  }

  private void schedule(Pending p, long holdNanos) {
    double rtt = 0;
    for (String part : parts) {
      rtt = Math.max(rtt, 2 * ctx.outbox().modelledLatencyS(ctx.satellite(), part, requestBytes));
    }
    p.timer = ctx.clock().schedule(() -> expire(p),
        holdNanos + ctx.deadlines().waitNanos(rtt, partComputeNanos, p.attempt));
  }

  private void expire(Pending p) {
    if (pending.get(p.key) != p) {
      return;
    }
    if (ctx.clock().nanoTime() - p.firstNanos >= ctx.deadlines().giveUpNanos()) {
      pending.remove(p.key);
      recent.add(p.key);
      p.onGiveUp.run();
      return;
    }
    p.attempt++;
    for (int i = 0; i < parts.size(); i++) {
      if (p.answers[i] == null) {
        ctx.telemetry().retried(requestKind.name());
        ctx.outbox().send(ctx.satellite(), parts.get(i), p.requests.frame(i + 1, p.attempt), 0);
      }
    }
    schedule(p, 0);
  }

  /** A share's answer: kept if awaited; completes the step when it was the last missing. */
  Outcome answer(ActivationFrame f) {
    TokenKey key = new TokenKey(f.sequenceId(), f.tokenStep());
    int share = f.expert();
    if (f.values().length != answerLength || share < 1 || share > parts.size()) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    Pending p = pending.get(key);
    if (p == null) {
      return recent.contains(key) ? Outcome.duplicate(f.kind().name()) : Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    if (p.answers[share - 1] != null) {
      return Outcome.duplicate(f.kind().name());
    }
    p.answers[share - 1] = f.values();
    for (float[] a : p.answers) {
      if (a == null) {
        return Outcome.handled(0);
      }
    }
    pending.remove(key);
    recent.add(key);
    p.timer.cancel();
    long start = ctx.clock().nanoTime();
    p.onComplete.accept(p.answers);
    return Outcome.handled(ctx.clock().nanoTime() - start);
  }

  /** Drops every waiting step of a sequence (ended, failed or rebuilt). */
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
}
