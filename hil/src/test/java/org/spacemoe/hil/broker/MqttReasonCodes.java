package org.spacemoe.hil.broker;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** What a broker answers a client's publish and subscribe with: the MQTT v5 reason codes ACL tests assert. */
public final class MqttReasonCodes {
  /** MQTT v5 "Not authorized". */
  public static final int NOT_AUTHORIZED = 0x87;

  private MqttReasonCodes() {}

  /** Publishes {@code text} at QoS 1; the PUBACK reason code (0 = accepted, 0x87 = not authorized). */
  public static int publish(MqttAsyncClient c, String topic, String text) throws MqttException {
    MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
    m.setQos(1);
    try {
      IMqttToken t = c.publish(topic, m);
      t.waitForCompletion(10_000);
      return first(t.getReasonCodes(), 0);
    } catch (MqttException e) {
      if (e.getReasonCode() >= 0x80) {
        return e.getReasonCode();
      }
      throw e;
    }
  }

  /** Subscribes at QoS 1; the SUBACK reason code (1 = granted QoS 1, 0x87 = not authorized, -1 = none), or
   * the code of the exception the subscription failed with. */
  public static int subscribe(MqttAsyncClient c, String filter) throws MqttException {
    try {
      IMqttToken t = c.subscribe(new MqttSubscription(filter, 1));
      t.waitForCompletion(10_000);
      return first(t.getReasonCodes(), -1);
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  private static int first(int[] codes, int none) {
    return codes == null || codes.length == 0 ? none : codes[0];
  }
}
