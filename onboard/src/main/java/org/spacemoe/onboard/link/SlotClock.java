package org.spacemoe.onboard.link;

/**
 * The constellation's current time slot. A pinned slot stays fixed (benches compare against one slot);
 * otherwise orbit time advances as wall time divided by the time scale.
 */
public final class SlotClock {
  private final Integer pinnedSlot;
  private final long startNanos = System.nanoTime();
  private final double slotLengthS;
  private final int slots;
  private final double timeScale;

  public SlotClock(Integer pinnedSlot, double slotLengthS, int slots, double timeScale) {
    this.pinnedSlot = pinnedSlot;
    this.slotLengthS = slotLengthS;
    this.slots = slots;
    this.timeScale = timeScale;
  }

  public int currentSlot() {
    if (pinnedSlot != null) {
      return pinnedSlot;
    }
    double orbitS = (System.nanoTime() - startNanos) / 1e9 / timeScale;
    return (int) (Math.floor(orbitS / slotLengthS) % slots);
  }
}
