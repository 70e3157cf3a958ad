package org.spacemoe.ground.split;

import java.util.ArrayList;
import java.util.List;
import org.spacemoe.shared.model.HiddenStateCodec;

/**
 * Where the layer sequence is cut and how each cut is encoded. Stage {@code s} runs units
 * {@code [ends[s-1], ends[s])} (from 0 for the first) on chain satellite {@code s}; {@code cutCodecs[s]} encodes
 * the hidden state from stage {@code s} to {@code s + 1}. Invariants: {@code ends} strictly increasing, last
 * entry = number of units, {@code cutCodecs.size() == ends.size() - 1}.
 *
 * @param ends exclusive end unit of each stage
 * @param cutCodecs codec of each cut
 */
public record SplitPlan(List<Integer> ends, List<HiddenStateCodec> cutCodecs) {
  public SplitPlan {
    ends = List.copyOf(ends);
    cutCodecs = List.copyOf(cutCodecs);
    if (ends.isEmpty() || cutCodecs.size() != ends.size() - 1) {
      throw new IllegalArgumentException("a plan needs >= 1 stage and one codec per cut");
    }
    for (int s = 0; s < ends.size(); s++) {
      if (ends.get(s) <= (s == 0 ? 0 : ends.get(s - 1))) {
        throw new IllegalArgumentException("stage " + s + " is empty: ends " + ends);
      }
    }
  }

  public int stages() {
    return ends.size();
  }

  public int from(int stage) {
    return stage == 0 ? 0 : ends.get(stage - 1);
  }

  public int to(int stage) {
    return ends.get(stage);
  }

  /** The plan with every cut set to {@code codec}. */
  public static SplitPlan allCuts(List<Integer> ends, HiddenStateCodec codec) {
    List<HiddenStateCodec> cuts = new ArrayList<>();
    for (int i = 1; i < ends.size(); i++) {
      cuts.add(codec);
    }
    return new SplitPlan(ends, cuts);
  }
}
