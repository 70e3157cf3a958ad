package org.spacemoe.onboard.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Expert hosts a gateway of this process stopped trusting: a host whose expert did not answer within the expert
 * timeout is suspect for {@code backoffNanos} (all its expert copies, since a silent satellite is usually a dead
 * node), then tried again. Shared by the gateways of one process and one plan version. Thread-safe.
 */
final class SuspectHosts {
  private final long backoffNanos;
  private final Map<String, Long> suspectUntilNanos = new ConcurrentHashMap<>();

  /** @param backoffNanos how long a host stays suspect after a timeout, ns (>= 0) */
  SuspectHosts(long backoffNanos) {
    this.backoffNanos = backoffNanos;
  }

  /** Marks {@code host} suspect from {@code nowNanos} ({@link System#nanoTime()}) for the back-off period. */
  void markSuspect(String host, long nowNanos) {
    suspectUntilNanos.put(host, nowNanos + backoffNanos);
  }

  /** Whether {@code host} is suspect at {@code nowNanos}. */
  boolean isSuspect(String host, long nowNanos) {
    Long until = suspectUntilNanos.get(host);
    if (until == null) {
      return false;
    }
    if (nowNanos - until >= 0) {
      suspectUntilNanos.remove(host, until);
      return false;
    }
    return true;
  }
}
