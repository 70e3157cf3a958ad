package org.spacemoe.onboard.transport;

/** Receives frames addressed to a hosted satellite. Must not block: it runs on the MQTT client's thread. */
@FunctionalInterface
public interface InboundFrameHandler {
  /**
   * @param satellite the hosted satellite the frame is addressed to
   * @param frame encoded activation frame
   * @param sentAtNanos sender's {@link System#nanoTime()} when it decided to send (comparable in one process only)
   * @param arrivedAtNanos receiver's {@link System#nanoTime()} at arrival
   */
  void onFrame(String satellite, byte[] frame, long sentAtNanos, long arrivedAtNanos);
}
