package org.spacemoe.hil.perf;

import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.spacemoe.onboard.transport.NoDelaySocketFactory;
import org.spacemoe.hil.broker.MqttCallbackAdapter;

/**
 * The baseline of {@link HopOverhead}: two plain Paho v5 async clients, one publishing and one subscribed to the
 * same topic, connected like {@code MqttFrameTransport} (clean start, no topic aliases), with or without
 * TCP_NODELAY. One message at a time; the latency is publish call to the subscriber's {@code messageArrived}.
 */
final class BarePaho implements AutoCloseable {
  private final String topic;
  private final int qos;
  private final MqttAsyncClient publisher;
  private final MqttAsyncClient subscriber;
  private final Semaphore arrivals = new Semaphore(0);
  private volatile long arrivedAt;

  BarePaho(String broker, String topic, int qos, boolean noDelay) throws MqttException {
    this.topic = topic;
    this.qos = qos;
    subscriber = client(broker, noDelay, new Arrivals());
    MqttSubscription sub = new MqttSubscription(topic, qos);
    sub.setNoLocal(false);
    MqttAsyncClient pub = null;
    try {
      subscriber.subscribe(new MqttSubscription[] {sub}).waitForCompletion(15_000);
      pub = client(broker, noDelay, null);
    } catch (MqttException | RuntimeException e) {
      close(subscriber);
      throw e;
    }
    publisher = pub;
  }

  private static MqttAsyncClient client(String broker, boolean noDelay, MqttCallback callback) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(broker, "spacemoe-bare-" + UUID.randomUUID(), new MemoryPersistence());
    if (callback != null) {
      c.setCallback(callback);
    }
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setTopicAliasMaximum(0);
    o.setConnectionTimeout(10);
    o.setKeepAliveInterval(30);
    if (noDelay && broker.startsWith("tcp://")) {
      o.setSocketFactory(new NoDelaySocketFactory());
    }
    c.connect(o).waitForCompletion(15_000);
    return c;
  }

  /** Publishes {@code payload} and waits for it; returns the one-way latency in ns, or -1 if it did not arrive. */
  long oneWay(byte[] payload, long timeoutMs) throws MqttException, InterruptedException {
    arrivals.drainPermits();
    MqttMessage m = new MqttMessage(payload);
    m.setQos(qos);
    long t0 = System.nanoTime();
    publisher.publish(topic, m);
    if (!arrivals.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS)) {
      return -1;
    }
    return arrivedAt - t0;
  }

  @Override
  public void close() {
    close(publisher);
    close(subscriber);
  }

  private static void close(MqttAsyncClient c) {
    try {
      if (c.isConnected()) {
        c.disconnect().waitForCompletion(5_000);
      }
      c.close();
    } catch (MqttException e) {
      // going away either way
    }
  }

  private final class Arrivals extends MqttCallbackAdapter {
    @Override
    public void messageArrived(String t, MqttMessage message) {
      arrivedAt = System.nanoTime();
      arrivals.release();
    }

  }
}
