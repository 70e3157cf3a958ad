package org.spacemoe.hil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code broker-down} control: a bench broker stopped and started again listens on the same port, has lost the
 * sessions, and a Paho client with automatic reconnect comes back and (re-subscribing) receives again.
 */
class BrokerControlTest {
  @Test
  @Timeout(90)
  void embeddedRestartsOnTheSamePort(@TempDir Path dir) throws Exception {
    try (BenchBroker b = BenchBroker.open("embedded", dir)) {
      restartAndReconnect(b);
    }
  }

  @Test
  @Timeout(90)
  void mosquittoRestartsOnTheSamePort(@TempDir Path dir) throws Exception {
    assumeTrue(MosquittoBroker.executable() != null, "mosquitto is not installed");
    try (BenchBroker b = BenchBroker.open("mosquitto", dir)) {
      restartAndReconnect(b);
      assertTrue(((MosquittoBroker) b).log().contains("mosquitto"), ((MosquittoBroker) b).log());
    }
  }

  @Test
  void externalBrokerIsNotControllable(@TempDir Path dir) {
    BenchBroker b = BenchBroker.open("tcp://127.0.0.1:1", dir);
    assertFalse(b.controllable());
    assertEquals("tcp://127.0.0.1:1", b.uri());
    assertThrows(UnsupportedOperationException.class, b::stop);
  }

  private static void restartAndReconnect(BenchBroker b) throws Exception {
    assertTrue(b.controllable());
    String uri = b.uri();
    BlockingQueue<String> got = new ArrayBlockingQueue<>(16);
    BlockingQueue<Boolean> reconnected = new ArrayBlockingQueue<>(4);
    MqttClient sub = new MqttClient(uri, "control-test-sub", new MemoryPersistence());
    sub.setCallback(new MqttCallbackAdapter() {
      @Override
      public void messageArrived(String topic, MqttMessage m) {
        got.add(new String(m.getPayload(), StandardCharsets.UTF_8));
      }

      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
          reconnected.add(true);
        }
      }
    });
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    o.setSessionExpiryInterval(300L);
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 2);
    sub.connect(o);
    sub.subscribe("control/test", 1);
    try {
      publish(uri, "before");
      assertEquals("before", got.poll(10, TimeUnit.SECONDS));

      b.stop();
      assertThrows(MqttException.class, () -> publish(uri, "while down"));
      b.start();
      assertEquals(uri, b.uri(), "same port");
      assertEquals(Boolean.TRUE, reconnected.poll(30, TimeUnit.SECONDS), "the client reconnected");
      // the restarted broker lost the session: nothing arrives until the client subscribes again
      publish(uri, "lost");
      assertEquals(null, got.poll(500, TimeUnit.MILLISECONDS));
      sub.subscribe("control/test", 1);
      publish(uri, "after");
      assertEquals("after", got.poll(10, TimeUnit.SECONDS));
    } finally {
      sub.disconnect();
      sub.close();
    }
  }

  private static void publish(String uri, String text) throws MqttException {
    MqttClient pub = new MqttClient(uri, "control-test-pub-" + System.nanoTime(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setConnectionTimeout(2);
    pub.connect(o);
    try {
      MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
      m.setQos(1);
      pub.publish("control/test", m);
      pub.disconnect();
    } finally {
      pub.close();
    }
  }
}
