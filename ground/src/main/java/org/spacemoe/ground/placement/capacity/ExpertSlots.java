package org.spacemoe.ground.placement.capacity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses where {@code count} expert copies go among candidate satellites under memory limits: a satellite offers
 * one slot per expert that still fits in its memory; slot {@code j} of a satellite that already holds {@code r}
 * roles has level {@code r + j}. Slots are taken by level, then by cost, then by satellite index: every satellite
 * gets a role before any gets a second one, because co-located experts selected together queue on one computer.
 * With one free satellite per expert (the paper's setting) this is exactly the {@code count} cheapest satellites.
 */
public final class ExpertSlots {
  private ExpertSlots() {}

  /** One chosen slot: the satellite (dense index) and its cost (e.g. expected latency from the gateway, s). */
  public record Slot(int satellite, double cost, int level) {}

  /**
   * @param satellites candidate satellites (dense indices)
   * @param cost cost of each candidate (same order); non-finite costs are never chosen
   * @param memory free memory and roles so far (not changed)
   * @return the chosen slots, cheapest first within a level; fewer than {@code count} when memory runs out
   */
  public static List<Slot> choose(int[] satellites, double[] cost, SatelliteMemory memory, int count) {
    List<Slot> all = new ArrayList<>();
    for (int i = 0; i < satellites.length; i++) {
      if (!Double.isFinite(cost[i])) {
        continue;
      }
      int sat = satellites[i];
      int fit = Math.min(count, memory.expertsThatFit(sat));
      for (int j = 0; j < fit; j++) {
        all.add(new Slot(sat, cost[i], memory.roles(sat) + j));
      }
    }
    all.sort(Comparator.comparingInt(Slot::level).thenComparingDouble(Slot::cost).thenComparingInt(Slot::satellite));
    return all.subList(0, Math.min(count, all.size()));
  }
}
