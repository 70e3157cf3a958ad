package org.spacemoe.hil.bench;

/** Where a bench's timed {@code kill:} and {@code hang:} faults land: in-process runtimes or boards. */
interface FaultTargets {
  /** Stops the node hosting {@code satellite} at once (no drain, no goodbye to the broker). */
  void kill(String satellite);

  /**
   * Makes the next ONNX run on {@code satellite} block.
   *
   * @throws UnsupportedOperationException when these targets cannot inject hangs
   */
  void hang(String satellite);

  /**
   * Takes the inter-satellite link {@code a}-{@code b} down for the rest of the run.
   *
   * @throws UnsupportedOperationException when these targets have no links of their own (shared broker, boards)
   */
  default void linkDown(String a, String b) {
    throw new UnsupportedOperationException("link-down needs --isl mesh on an emulated bench");
  }
}
