package org.spacemoe.ground.split;

import java.util.List;

/**
 * A vertex of the split DAG: units {@code [0, boundary)} are placed on stages {@code 0 .. stage-1} and the hidden
 * state after unit {@code boundary - 1} has arrived at stage {@code stage}; {@code lossyCuts[i]} counts the cuts so
 * far that used the {@code i}-th lossy codec (so the accumulated loss is exact). {@link #END} is the single goal.
 */
record SplitState(int boundary, int stage, List<Integer> lossyCuts) {
  static final SplitState END = new SplitState(-1, -1, List.of());

  SplitState {
    lossyCuts = List.copyOf(lossyCuts);
  }
}
