package org.spacemoe.onboard.runtime;

/**
 * When a role asks again and when it gives up. A frame that needs an answer (a hidden state needs the next
 * gateway's acknowledgement, an expert request the expert's output) is sent again when no answer came within its
 * modelled round trip times the time scale plus {@code marginNanos}; each further wait doubles, up to {@code
 * maxIntervalNanos}. After {@code giveUpNanos} without an answer the sequence fails with a named reason. An expert
 * copy silent for {@code suspectAfterNanos} is suspect and the request goes to the next copy; a gateway that missed
 * {@code failoverAfterAttempts} sends in a row is suspect and its standby (if the plan names one) takes over.
 *
 * @param timeScale the emulation's time scale (modelled latencies are multiplied by it)
 * @param marginNanos slack for software (encode, broker, queueing) on top of the modelled time, ns (> 0)
 * @param maxIntervalNanos longest wait between two sends of one frame, ns
 * @param giveUpNanos longest time a step waits for an answer before its sequence fails, ns
 * @param suspectAfterNanos silence after which an expert copy is suspect, ns
 * @param failoverAfterAttempts sends to a gateway without acknowledgement before its standby takes over (>= 1)
 */
record Deadlines(double timeScale, long marginNanos, long maxIntervalNanos, long giveUpNanos, long suspectAfterNanos,
    int failoverAfterAttempts) {
  Deadlines {
    if (marginNanos <= 0 || maxIntervalNanos < marginNanos || giveUpNanos <= 0 || failoverAfterAttempts < 1) {
      throw new IllegalArgumentException("bad deadlines: margin " + marginNanos + " ns, max interval "
          + maxIntervalNanos + " ns, give up " + giveUpNanos + " ns, fail-over after " + failoverAfterAttempts);
    }
  }

  /**
   * How long to wait for the answer to attempt {@code attempt} (1 = first send), ns.
   *
   * @param modelledS the answer's modelled round trip at time scale 1, s
   * @param computeNanos emulated compute the answer waits for, ns (already scaled)
   */
  long waitNanos(double modelledS, long computeNanos, int attempt) {
    double first = modelledS * timeScale * 1e9 + computeNanos + marginNanos;
    double w = first * Math.pow(2, Math.min(attempt - 1, 30));
    return (long) Math.min(Math.max(w, first), Math.max(maxIntervalNanos, first));
  }
}
