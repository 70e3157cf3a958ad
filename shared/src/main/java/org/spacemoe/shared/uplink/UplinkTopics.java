package org.spacemoe.shared.uplink;

import org.spacemoe.shared.frame.FrameTopics;

/**
 * MQTT topics of the uplink, next to the frame topics of {@link FrameTopics} and with the same naming rules
 * (a satellite name is exactly one topic level, never a wildcard).
 *
 * <table>
 *   <caption>Uplink topics</caption>
 *   <tr><th>Topic</th><th>Direction</th><th>Carries</th></tr>
 *   <tr><td>{@code spacemoe/v1/sat/{name}/cmd}</td><td>ground to satellite</td>
 *       <td>{@link TransferOffer} (JSON), {@link ShardChunk} and {@link SignedCommand} (binary)</td></tr>
 *   <tr><td>{@code spacemoe/v1/sat/{name}/status}</td><td>satellite to ground</td>
 *       <td>{@link StatusReport} (JSON): stage reports and heartbeats</td></tr>
 * </table>
 */
public final class UplinkTopics {
  /** Subscription filter matching the status topics of all satellites (the ground's). */
  public static final String ALL_STATUS = FrameTopics.PREFIX + "/sat/+/status";
  /** Topic filter matching every command topic (the ground's write grant). */
  public static final String ALL_COMMANDS = FrameTopics.PREFIX + "/sat/+/cmd";

  private UplinkTopics() {}

  /** {@code spacemoe/v1/sat/{name}/cmd}: offers, chunks and commands for satellite {@code name}. */
  public static String command(String satelliteName) {
    return FrameTopics.PREFIX + "/sat/" + FrameTopics.checkName(satelliteName) + "/cmd";
  }

  /** {@code spacemoe/v1/sat/{name}/status}: stage reports and heartbeats of satellite {@code name}. */
  public static String status(String satelliteName) {
    return FrameTopics.PREFIX + "/sat/" + FrameTopics.checkName(satelliteName) + "/status";
  }

  /**
   * The satellite name of a status topic.
   *
   * @throws IllegalArgumentException if {@code topic} is not {@code spacemoe/v1/sat/NAME/status}
   */
  public static String satelliteOfStatus(String topic) {
    String head = FrameTopics.PREFIX + "/sat/";
    String tail = "/status";
    if (topic == null || !topic.startsWith(head) || !topic.endsWith(tail)
        || topic.length() <= head.length() + tail.length()) {
      throw new IllegalArgumentException("not a status topic: " + topic);
    }
    String name = topic.substring(head.length(), topic.length() - tail.length());
    if (name.contains("/")) {
      throw new IllegalArgumentException("not a status topic: " + topic);
    }
    return name;
  }
}
