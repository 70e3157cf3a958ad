package org.spacemoe.onboard.transport;

/** Receives frames addressed to a hosted satellite. Must not block: it runs on the MQTT client's thread. */
@FunctionalInterface
public interface InboundFrameHandler {
  /**
   * @param satellite the hosted satellite the frame is addressed to
   * @param from the satellite that sent it (null when the sender did not say: a ground tool)
   * @param frame encoded activation frame
   * @param sentAtNanos sender's {@link System#nanoTime()} when it decided to send (comparable in one process only)
   * @param arrivedAtNanos receiver's {@link System#nanoTime()} at arrival
   */
  void onFrame(String satellite, String from, byte[] frame, long sentAtNanos, long arrivedAtNanos);
}
