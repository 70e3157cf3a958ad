package org.spacemoe.shared.frame;

import org.spacemoe.shared.input.InvalidInputException;

/**
 * MQTT topic names for frames and telemetry, version {@code v1}. Satellite names are validated so
 * that a name can never act as a wildcard or add a topic level.
 */
public final class FrameTopics {
  /** Common prefix of every SpaceMoE topic. */
  public static final String PREFIX = "spacemoe/v1";

  /** Subscription filter matching the telemetry topics of all satellites. */
  public static final String ALL_TELEMETRY = PREFIX + "/sat/+/telemetry";

  private FrameTopics() {}

  /** {@code spacemoe/v1/sat/{name}/in}: frames addressed to satellite {@code name}. */
  public static String satelliteInbound(String satelliteName) {
    return PREFIX + "/sat/" + checkName(satelliteName) + "/in";
  }

  /** {@code spacemoe/v1/sat/{name}/telemetry}: telemetry of satellite {@code name}. */
  public static String satelliteTelemetry(String satelliteName) {
    return PREFIX + "/sat/" + checkName(satelliteName) + "/telemetry";
  }

  /**
   * {@code spacemoe/v1/seq/{id}/tokens}: generated tokens of sequence {@code sequenceId}, written as
   * an unsigned decimal (the frame's u64 sequence id).
   */
  public static String sequenceTokens(long sequenceId) {
    return PREFIX + "/seq/" + Long.toUnsignedString(sequenceId) + "/tokens";
  }

  /**
   * {@code spacemoe/v1/seq/{id}/errors}: errors of a sequence, by unsigned decimal id; the payload
   * is {@link SequenceErrorCodec} bytes (the onboard runtime still publishes UTF-8 JSON until it
   * moves to the codec).
   */
  public static String sequenceErrors(long sequenceId) {
    return PREFIX + "/seq/" + Long.toUnsignedString(sequenceId) + "/errors";
  }

  /**
   * {@code spacemoe/v1/isl/{hop}/in/{destination}}: an activation frame crossing one inter-satellite link to satellite
   * {@code hop} (on hop's own broker), on its way to {@code destination} (equal to {@code hop} on the last link).
   */
  public static String islInbound(String hop, String destination) {
    return PREFIX + "/isl/" + checkName(hop) + "/in/" + checkName(destination);
  }

  /** {@code spacemoe/v1/isl/{hop}/in/+}: every frame crossing a link to satellite {@code hop}. */
  public static String islInboundFilter(String hop) {
    return PREFIX + "/isl/" + checkName(hop) + "/in/+";
  }

  /**
   * The hop and destination satellites of an {@link #islInbound} topic, in that order.
   *
   * @throws IllegalArgumentException if {@code topic} is not one
   */
  public static String[] islHopAndDestination(String topic) {
    String head = PREFIX + "/isl/";
    String[] parts = topic == null || !topic.startsWith(head) ? new String[0]
        : topic.substring(head.length()).split("/", -1);
    if (parts.length != 3 || !"in".equals(parts[1]) || parts[0].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("not an ISL topic: " + topic);
    }
    return new String[] {parts[0], parts[2]};
  }

  /** ISL topics of every link (bench monitors). */
  public static final String ALL_ISL_INBOUND = PREFIX + "/isl/+/in/+";

  /** Inbound topics of every satellite (bench monitors). */
  public static final String ALL_INBOUND = PREFIX + "/sat/+/in";

  /**
   * The satellite name of an inbound topic ({@code spacemoe/v1/sat/NAME/in}).
   *
   * @throws IllegalArgumentException if {@code topic} is not an inbound topic
   */
  public static String satelliteOfInbound(String topic) {
    String head = PREFIX + "/sat/";
    if (topic == null || !topic.startsWith(head) || !topic.endsWith("/in")) {
      throw new IllegalArgumentException("not an inbound topic: " + topic);
    }
    String name = topic.substring(head.length(), topic.length() - "/in".length());
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("not an inbound topic: " + topic);
    }
    return name;
  }

  /**
   * {@code name} if it can be one topic level: non-empty, without {@code / + #} and without the
   * NUL character (which MQTT forbids in topic names).
   *
   * @throws InvalidInputException naming the satellite name otherwise
   */
  public static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException("satellite name", "must be non-empty, got "
          + (name == null ? "null" : "''"));
    }
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch == '/' || ch == '+' || ch == '#' || ch == '\0') {
        throw new InvalidInputException("satellite name", "'" + name.replace("\0", "\\0")
            + "' contains '" + (ch == '\0' ? "\\0" : String.valueOf(ch)) + "' at index " + i
            + "; topic names may not contain / + # or NUL");
      }
    }
    return name;
  }
}
