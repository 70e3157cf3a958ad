package org.spacemoe.onboard.link;

import java.util.List;
import java.util.SplittableRandom;
import org.spacemoe.onboard.config.OnboardConfig;

/**
 * Injected link faults of the link emulator (bench fault harness): for every frame sent to another satellite,
 * which copies of it go out and how much later than its normal send time.
 *
 * <p>Per frame, in this order and from one seeded {@link SplittableRandom}: with probability {@code loss} the frame
 * is lost (no copy); otherwise with probability {@code dup} it is sent twice, else once; each copy is, with
 * probability {@code reorder}, held back by an extra delay uniform in [1, 3] x {@link #REORDER_STEP_NANOS} x time
 * scale (so frames sent up to that much later overtake it), else sent on time. With every probability 0 no random
 * number is drawn and every frame is one copy on time (the identity). The same seed and the same sequence of calls
 * draw the same faults. Thread-safe: draws are serialized.
 */
public final class LinkFaults {
  /** Unit of the reordering hold at time scale 1: 5 ms. */
  public static final long REORDER_STEP_NANOS = 5_000_000L;
  /** No faults. */
  public static final LinkFaults NONE = new LinkFaults(0, 0, 0, 1, 1);

  private static final List<Long> ONCE = List.of(0L);

  private final double loss;
  private final double dup;
  private final double reorder;
  private final double timeScale;
  private final SplittableRandom random;

  /**
   * @param loss probability a frame is lost, in [0, 1)
   * @param dup probability a frame is delivered twice, in [0, 1)
   * @param reorder probability a copy is held back for later frames to overtake, in [0, 1)
   * @param seed random seed
   * @param timeScale multiplies the reordering hold (> 0)
   */
  public LinkFaults(double loss, double dup, double reorder, long seed, double timeScale) {
    check("loss", loss);
    check("dup", dup);
    check("reorder", reorder);
    if (!(timeScale > 0)) {
      throw new IllegalArgumentException("time scale must be > 0, got " + timeScale);
    }
    this.loss = loss;
    this.dup = dup;
    this.reorder = reorder;
    this.timeScale = timeScale;
    this.random = new SplittableRandom(seed);
  }

  /** From {@code link-loss}, {@code link-dup}, {@code link-reorder}, {@code link-fault-seed} and the time scale. */
  public static LinkFaults of(OnboardConfig c) {
    if (c.getLinkLoss() == 0 && c.getLinkDup() == 0 && c.getLinkReorder() == 0) {
      return NONE;
    }
    return new LinkFaults(c.getLinkLoss(), c.getLinkDup(), c.getLinkReorder(), c.getLinkFaultSeed(), c.getTimeScale());
  }

  private static void check(String name, double p) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException(name + " probability must be in [0, 1), got " + p);
    }
  }

  /** True when every probability is 0: every frame is one copy on time. */
  public boolean isIdentity() {
    return loss == 0 && dup == 0 && reorder == 0;
  }

  /**
   * The copies of one frame, as extra delays in ns on top of its normal send time: empty = lost, one element =
   * delivered once, two = duplicated. Immutable.
   */
  public List<Long> copiesOfNextFrame() {
    if (isIdentity()) {
      return ONCE;
    }
    synchronized (random) {
      if (random.nextDouble() < loss) {
        return List.of();
      }
      int n = random.nextDouble() < dup ? 2 : 1;
      Long[] delays = new Long[n];
      for (int i = 0; i < n; i++) {
        delays[i] = random.nextDouble() < reorder
            ? (long) (random.nextDouble(1.0, 3.0) * REORDER_STEP_NANOS * timeScale) : 0L;
      }
      return List.of(delays);
    }
  }
}
