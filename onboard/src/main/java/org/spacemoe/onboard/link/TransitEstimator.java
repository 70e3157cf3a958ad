package org.spacemoe.onboard.link;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Running estimate of the transport's own delivery time (publish to arrival, excluding the emulated hold),
 * ns: an exponentially weighted mean of the frames this process receives. The link emulator subtracts it
 * from each hold so that a frame arrives one modelled ISL latency after it was sent, instead of that plus
 * the bench broker's transit. Samples outside [0, 1 s] (clocks of different processes) are ignored.
 */
public final class TransitEstimator {
  private static final long MAX_SAMPLE_NANOS = 1_000_000_000L;
  private static final double WEIGHT = 0.05;
  private final AtomicLong estimateNanos = new AtomicLong(0);

  public void sample(long transitNanos) {
    if (transitNanos < 0 || transitNanos > MAX_SAMPLE_NANOS) {
      return;
    }
    estimateNanos.updateAndGet(old -> old == 0 ? transitNanos : (long) (old + WEIGHT * (transitNanos - old)));
  }

  public long estimateNanos() {
    return estimateNanos.get();
  }
}
