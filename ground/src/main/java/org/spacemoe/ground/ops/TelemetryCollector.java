package org.spacemoe.ground.ops;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.UplinkTopics;

/**
 * Listens to every satellite's retained heartbeat and keeps the latest per satellite. A heartbeat that does not
 * parse is counted, never fatal.
 */
public final class TelemetryCollector implements AutoCloseable {
  private final MqttClient client;
  private final Map<String, SatelliteTelemetry> latest = new ConcurrentHashMap<>();
  private final Map<String, StatusReport> uplink = new ConcurrentHashMap<>();
  private volatile int unreadable;

  /** Listens on a plain {@code tcp://} broker. */
  public TelemetryCollector(String broker) {
    this(BrokerConnection.of(broker));
  }

  /** Connects (TLS when the connection says so) and subscribes to every heartbeat and status topic. */
  public TelemetryCollector(BrokerConnection broker) {
    client = broker.connect("spacemoe-ground-");
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(FrameTopics.ALL_TELEMETRY, 1),
          new MqttSubscription(UplinkTopics.ALL_STATUS, 1)},
          new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, msg) -> accept(msg.getPayload()),
              (topic, msg) -> acceptStatus(topic, msg.getPayload())});
    } catch (MqttException e) {
      close();
      throw new InvalidInputException("--broker", "cannot subscribe on " + broker.uri() + ": " + e.getMessage());
    }
  }

  private void accept(byte[] payload) {
    try {
      SatelliteTelemetry t = PlanJson.mapper().readValue(payload, SatelliteTelemetry.class);
      if (t.satellite() != null) {
        latest.put(t.satellite(), t);
      }
    } catch (IOException | RuntimeException e) {
      unreadable++;
    }
  }

  private void acceptStatus(String topic, byte[] payload) {
    try {
      StatusReport r = StatusReport.parse(topic, payload);
      if (!r.isHeartbeat()) {
        uplink.put(r.satellite(), r);
      }
    } catch (RuntimeException e) {
      unreadable++;
    }
  }

  /** The latest uplink report (stage, reject reason) of every satellite heard so far, by name. */
  public Map<String, StatusReport> uplink() {
    return new TreeMap<>(uplink);
  }

  /** The latest heartbeat of every satellite heard so far, by name. */
  public Map<String, SatelliteTelemetry> latest() {
    return new TreeMap<>(latest);
  }

  public int unreadable() {
    return unreadable;
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
