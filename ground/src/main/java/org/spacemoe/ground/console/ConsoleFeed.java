package org.spacemoe.ground.console;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.spacemoe.ground.ops.BrokerConnection;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.UplinkTopics;

/**
 * The console's MQTT client: subscribes to every satellite's heartbeat, status reports and every sequence's tokens,
 * and feeds a {@link ConsoleModel}. Read-only by construction: it only subscribes (its client is never handed out and
 * this class has no publish call); it never publishes a command or anything else.
 */
public final class ConsoleFeed implements AutoCloseable {
  /** Every sequence's token topic ({@code spacemoe/v1/seq/+/tokens}). */
  public static final String ALL_TOKENS = FrameTopics.PREFIX + "/seq/+/tokens";

  private final MqttClient client;
  private final ConsoleModel model;
  private final ActivationFrameCodec codec = new ActivationFrameCodec();

  /**
   * Connects and subscribes.
   *
   * @throws InvalidInputException naming {@code --broker} when the broker cannot be reached or refuses us
   */
  public ConsoleFeed(BrokerConnection broker, ConsoleModel model) {
    this.model = model;
    client = broker.connect("spacemoe-console-");
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(FrameTopics.ALL_TELEMETRY, 0),
          new MqttSubscription(UplinkTopics.ALL_STATUS, 1), new MqttSubscription(ALL_TOKENS, 0)},
          new IMqttMessageListener[] {(topic, msg) -> telemetry(msg.getPayload()),
              (topic, msg) -> status(topic, msg.getPayload()),
              (topic, msg) -> token(topic, msg.getPayload(), System.nanoTime())});
    } catch (MqttException e) {
      close();
      throw new InvalidInputException("--broker", "cannot subscribe on " + broker.uri() + ": " + e.getMessage());
    }
  }

  private void telemetry(byte[] payload) {
    try {
      SatelliteTelemetry t = PlanJson.mapper().readValue(payload, SatelliteTelemetry.class);
      if (t.satellite() == null) {
        model.unreadable();
      } else {
        model.heartbeat(t);
      }
    } catch (java.io.IOException | RuntimeException e) {
      model.unreadable();
    }
  }

  private void status(String topic, byte[] payload) {
    try {
      model.status(StatusReport.parse(topic, payload));
    } catch (RuntimeException e) {
      model.unreadable();
    }
  }

  private void token(String topic, byte[] payload, long nanos) {
    try {
      String head = FrameTopics.PREFIX + "/seq/";
      long seq = Long.parseUnsignedLong(topic.substring(head.length(), topic.length() - "/tokens".length()));
      ActivationFrame f = codec.decode(payload);
      model.token(seq, f, nanos);
    } catch (RuntimeException e) {
      model.unreadable();
    }
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    } catch (MqttException e) {
      // closing anyway
    }
  }
}
