package org.spacemoe.hil;

import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A plain Paho v5 client for tests: publishes raw bytes anywhere and collects what arrives on a topic. */
public final class MqttProbe implements AutoCloseable {
  private final MqttClient client;

  public MqttProbe(String broker) throws MqttException {
    client = new MqttClient(broker, "spacemoe-test-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setTopicAliasMaximum(0);
    o.setConnectionTimeout(10);
    client.setTimeToWait(10_000);
    client.connect(o);
  }

  /** Publishes {@code payload} at QoS 1 and waits for the PUBACK. */
  public void publish(String topic, byte[] payload) throws MqttException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    client.publish(topic, m);
  }

  /** Subscribes (QoS 1) and returns the queue every payload arriving on {@code topicFilter} goes to. */
  public BlockingQueue<byte[]> subscribe(String topicFilter) throws MqttException {
    BlockingQueue<byte[]> q = new LinkedBlockingQueue<>();
    client.subscribe(new MqttSubscription[] {new MqttSubscription(topicFilter, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, msg) -> q.add(msg.getPayload())});
    return q;
  }

  /** A message as it arrived: topic, payload, {@link System#nanoTime} of arrival. */
  public record Arrived(String topic, byte[] payload, long nanos) {}

  /** Subscribes (QoS 1) and returns the queue every message arriving on {@code topicFilter} goes to, with its topic. */
  public BlockingQueue<Arrived> subscribeWithTopics(String topicFilter) throws MqttException {
    BlockingQueue<Arrived> q = new LinkedBlockingQueue<>();
    client.subscribe(new MqttSubscription[] {new MqttSubscription(topicFilter, 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
            (t, msg) -> q.add(new Arrived(t, msg.getPayload(), System.nanoTime()))});
    return q;
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
