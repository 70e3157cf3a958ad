package org.spacemoe.ground.placement.joint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Expert-to-member assignment of one layer against the max-of-k objective of a {@link LayerCostModel}, by
 * first-improvement local search: swap the hosts of two experts, or move an expert to an unused host of the
 * pool. The pool is the {@value #POOL_PER_EXPERT} x E hostable members with the lowest mean arm (a member
 * costlier than that would only be useful if every cheaper one were taken). Deterministic: moves are tried in
 * index order.
 */
public final class ExpertAssignmentSearch {
  static final int POOL_PER_EXPERT = 3;
  static final int MAX_PASSES = 100;

  private ExpertAssignmentSearch() {}

  /** An assignment and its expected layer time, s. */
  public record Assignment(int[] host, double expectedS) {}

  /** Hostable members by mean arm (ties by position), the first {@code POOL_PER_EXPERT * experts}. */
  static int[] pool(LayerCostModel m, int experts) {
    return IntStream.range(0, m.members()).filter(m::hostable).boxed()
        .sorted(Comparator.<Integer>comparingDouble(m::meanArm).thenComparingInt(i -> i))
        .limit((long) POOL_PER_EXPERT * experts).mapToInt(Integer::intValue).toArray();
  }

  /** The sorted rule on mean arms: the most active expert on the member with the lowest mean arm. */
  public static int[] sortedStart(LayerCostModel m, double[] shares) {
    int experts = shares.length;
    int[] pool = pool(m, experts);
    if (pool.length < experts) {
      return null;
    }
    Integer[] order = IntStream.range(0, experts).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.<Integer>comparingDouble(e -> -shares[e]).thenComparingInt(e -> e));
    int[] host = new int[experts];
    for (int rank = 0; rank < experts; rank++) {
      host[order[rank]] = pool[rank];
    }
    return host;
  }

  /** Local search from {@code start} (member positions per expert); null when too few hostable members. */
  public static Assignment improve(LayerCostModel m, int[] start) {
    if (start == null) {
      return null;
    }
    int experts = start.length;
    int[] host = start.clone();
    List<Integer> poolList = new ArrayList<>();
    for (int h : pool(m, experts)) {
      poolList.add(h);
    }
    for (int h : host) {
      if (!poolList.contains(h)) {
        poolList.add(h);
      }
    }
    int[] pool = poolList.stream().mapToInt(Integer::intValue).toArray();
    double best = m.expectedS(host);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      boolean improved = false;
      for (int a = 0; a < experts; a++) {
        for (int b = a + 1; b < experts; b++) {
          swap(host, a, b);
          double v = m.expectedS(host);
          if (v < best - 1e-15) {
            best = v;
            improved = true;
          } else {
            swap(host, a, b);
          }
        }
        for (int h : pool) {
          if (used(host, h)) {
            continue;
          }
          int old = host[a];
          host[a] = h;
          double v = m.expectedS(host);
          if (v < best - 1e-15) {
            best = v;
            improved = true;
          } else {
            host[a] = old;
          }
        }
      }
      if (!improved) {
        break;
      }
    }
    return new Assignment(host, best);
  }

  private static boolean used(int[] host, int h) {
    for (int x : host) {
      if (x == h) {
        return true;
      }
    }
    return false;
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
