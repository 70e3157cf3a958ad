package org.spacemoe.onboard.transport;

/** Receives frames by topic (ISL frames, whose topic names the hop and the destination). Must not block. */
@FunctionalInterface
public interface TopicFrameHandler {
  /**
   * @param topic the topic the frame arrived on
   * @param from the satellite that sent the frame first (null when not said)
   * @param frame encoded activation frame
   * @param sentAtNanos when {@code from} decided to send it ({@link System#nanoTime()}, one process only)
   * @param arrivedAtNanos {@link System#nanoTime()} at arrival
   */
  void onFrame(String topic, String from, byte[] frame, long sentAtNanos, long arrivedAtNanos);
}
