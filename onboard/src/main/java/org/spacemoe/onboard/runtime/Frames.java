package org.spacemoe.onboard.runtime;

import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;

/** Builds the frames the runtime sends (hidden states travel as fp32 so runs match the reference exactly). */
final class Frames {
  private Frames() {}

  static ActivationFrame floats(FrameKind kind, long planVersion, long seq, int step, int layer, int expert, float[] v) {
    return ActivationFrame.hidden(kind, planVersion, seq, step, layer, expert, v);
  }

  static ActivationFrame tokens(long planVersion, long seq, int step, int layer, int expert, int[] tokens) {
    return ActivationFrame.tokens(planVersion, seq, step, layer, expert, tokens);
  }
}
