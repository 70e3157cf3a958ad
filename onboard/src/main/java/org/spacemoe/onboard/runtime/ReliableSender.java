package org.spacemoe.onboard.runtime;

import java.util.HashMap;
import java.util.Map;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.shared.frame.ActivationFrame;

/**
 * Frames of one satellite that need an acknowledgement (hidden states to the next gateway, ring closures to the
 * entry): each is kept until its ACK arrives and sent again, per {@link Deadlines}, when none came in time; the
 * frame and the host of each attempt are chosen anew (a later attempt may carry the sequence's history or go to a
 * standby). After the give-up time the frame is dropped and {@code onGiveUp} runs. Not thread-safe: one
 * satellite's serial executor.
 */
final class ReliableSender {
  /** Identity of an acknowledged frame: the receiver acknowledges (sequence, step, layer). */
  record Key(long sequenceId, long tokenStep, int layer) {}

  /** How to make each attempt. */
  interface Attempts {
    /** Where attempt {@code attempt} (1 = first) goes. */
    String host(int attempt);

    /** The frame attempt {@code attempt} sends to {@code host}. */
    ActivationFrame frame(int attempt, String host);

    /** Modelled time until the acknowledgement of a frame sent to {@code host} can be back, s at time scale 1. */
    double modelledAnswerS(String host);

    /** Emulated compute the answer waits for, ns (already scaled). */
    long computeNanos();
  }

  private static final class Pending {
    final Attempts attempts;
    final Runnable onGiveUp;
    final long firstNanos;
    int attempt;
    RoleClock.Cancellable timer;

    Pending(Attempts attempts, Runnable onGiveUp, long firstNanos) {
      this.attempts = attempts;
      this.onGiveUp = onGiveUp;
      this.firstNanos = firstNanos;
    }
  }

  private final String self;
  private final FrameSink sink;
  private final RoleClock clock;
  private final Deadlines deadlines;
  private final NodeTelemetry telemetry;
  private final Map<Key, Pending> pending = new HashMap<>();

  ReliableSender(String self, FrameSink sink, RoleClock clock, Deadlines deadlines, NodeTelemetry telemetry) {
    this.self = self;
    this.sink = sink;
    this.clock = clock;
    this.deadlines = deadlines;
    this.telemetry = telemetry;
  }

  /** Sends the first attempt no earlier than {@code notBeforeNanos}; replaces a pending frame with the same key. */
  void send(Key key, Attempts attempts, long notBeforeNanos, Runnable onGiveUp) {
    Pending old = pending.remove(key);
    if (old != null && old.timer != null) {
      old.timer.cancel();
    }
    Pending p = new Pending(attempts, onGiveUp, clock.nanoTime());
    pending.put(key, p);
    attempt(key, p, notBeforeNanos);
  }

  private void attempt(Key key, Pending p, long notBeforeNanos) {
    p.attempt++;
    String host = p.attempts.host(p.attempt);
    ActivationFrame frame = p.attempts.frame(p.attempt, host);
    if (p.attempt > 1) {
      telemetry.retried(frame.kind().name());
    }
    sink.send(self, host, frame, notBeforeNanos);
    long hold = Math.max(0, notBeforeNanos - clock.nanoTime());
    long wait = hold + deadlines.waitNanos(p.attempts.modelledAnswerS(host), p.attempts.computeNanos(), p.attempt);
    p.timer = clock.schedule(() -> expire(key, p), wait);
  }

  private void expire(Key key, Pending p) {
    if (pending.get(key) != p) {
      return;
    }
    long now = clock.nanoTime();
    if (now - p.firstNanos >= deadlines.giveUpNanos()) {
      pending.remove(key);
      p.onGiveUp.run();
      return;
    }
    attempt(key, p, now);
  }

  /** The ACK for {@code key}: stops its re-sends. False if nothing was waiting for it (a duplicate ACK). */
  boolean acknowledged(Key key) {
    Pending p = pending.remove(key);
    if (p == null) {
      return false;
    }
    if (p.timer != null) {
      p.timer.cancel();
    }
    return true;
  }

  /** Attempts made so far for {@code key} (0 when not pending). */
  int attempts(Key key) {
    Pending p = pending.get(key);
    return p == null ? 0 : p.attempt;
  }

  /** Forgets every frame of a sequence (ended or failed). */
  void forget(long seq) {
    pending.entrySet().removeIf(e -> {
      if (e.getKey().sequenceId() == seq) {
        if (e.getValue().timer != null) {
          e.getValue().timer.cancel();
        }
        return true;
      }
      return false;
    });
  }

  int pendingCount() {
    return pending.size();
  }
}
