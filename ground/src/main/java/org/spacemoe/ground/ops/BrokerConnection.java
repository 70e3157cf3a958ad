package org.spacemoe.ground.ops;

import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * How the ground reaches the broker: its URI ({@code tcp://} or {@code ssl://}) and, for {@code ssl://}, the TLS
 * socket factory (trust store and client certificate, see {@code TlsSocketFactories}); null means the JDK's
 * default trust and no client certificate.
 */
public record BrokerConnection(String uri, SSLSocketFactory tls) {
  /** Plain connection (or JDK-default TLS for an {@code ssl://} URI). */
  public static BrokerConnection of(String uri) {
    return new BrokerConnection(uri, null);
  }

  /** Whether the URI asks for TLS. */
  public boolean isTls() {
    return uri.startsWith("ssl://");
  }

  /**
   * Connects a fresh MQTT v5 client (clean start, in-memory persistence, no topic aliases, 10 s connect timeout).
   *
   * @param clientPrefix start of the client id; a random suffix makes it unique
   * @throws InvalidInputException naming {@code --broker} when the broker cannot be reached or refuses us
   */
  public MqttClient connect(String clientPrefix) {
    try {
      MqttClient client = new MqttClient(uri, clientPrefix + UUID.randomUUID(), new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      o.setConnectionTimeout(10);
      o.setTopicAliasMaximum(0);
      if (tls != null) {
        o.setSocketFactory(tls);
      }
      if (isTls()) {
        o.setHttpsHostnameVerificationEnabled(true);
      }
      client.connect(o);
      return client;
    } catch (MqttException | IllegalArgumentException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new InvalidInputException("--broker", "cannot connect to " + uri + ": " + e.getMessage()
          + (cause != e ? " (" + cause.getMessage() + ")" : ""));
    }
  }
}
