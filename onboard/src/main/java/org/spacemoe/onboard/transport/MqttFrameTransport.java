package org.spacemoe.onboard.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.spacemoe.onboard.link.TransitEstimator;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.shared.frame.FrameTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames over Paho MQTT v5. Automatic reconnect on (with resubscription), topic aliases off, QoS 1, and a
 * bounded number of publishes in flight (Paho has no such setting): beyond it frames are dropped and
 * counted. {@code messageArrived} only copies and hands over; it never blocks and never throws. A PUBACK
 * with reason code >= 0x80 counts as a failed publish.
 */
public final class MqttFrameTransport implements FrameTransport {
  private static final Logger LOG = LoggerFactory.getLogger(MqttFrameTransport.class);
  static final String SENT_AT = "spacemoe-sent-ns";
  static final String HOLD = "spacemoe-hold-ns";
  private static final int QOS = 1;

  private final String brokerUri;
  private final String username;
  private final String password;
  private final NodeTelemetry telemetry;
  private final Semaphore inFlight;
  private final TransitEstimator transit;
  private MqttAsyncClient client;
  private volatile List<String> hosted = List.of();
  private volatile InboundFrameHandler handler;

  public MqttFrameTransport(String brokerUri, String username, String password, int maxInFlight, NodeTelemetry telemetry) {
    this(brokerUri, username, password, maxInFlight, telemetry, new TransitEstimator());
  }

  public MqttFrameTransport(String brokerUri, String username, String password, int maxInFlight, NodeTelemetry telemetry,
      TransitEstimator transit) {
    this.transit = transit;
    this.brokerUri = brokerUri;
    this.username = username;
    this.password = password;
    this.telemetry = telemetry;
    this.inFlight = new Semaphore(maxInFlight);
  }

  @Override
  public void start(List<String> hostedSatellites, InboundFrameHandler frameHandler) {
    this.hosted = List.copyOf(hostedSatellites);
    this.handler = frameHandler;
    try {
      client = new MqttAsyncClient(brokerUri, "spacemoe-" + UUID.randomUUID(), new MemoryPersistence());
      client.setCallback(new Callback());
      MqttConnectionOptions opts = new MqttConnectionOptions();
      opts.setAutomaticReconnect(true);
      opts.setAutomaticReconnectDelay(1, 10);
      opts.setCleanStart(true);
      opts.setTopicAliasMaximum(0);
      opts.setConnectionTimeout(10);
      opts.setKeepAliveInterval(30);
      if (brokerUri.startsWith("tcp://")) {
        opts.setSocketFactory(new NoDelaySocketFactory());
      }
      if (username != null && !username.isBlank()) {
        opts.setUserName(username);
        opts.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
      }
      client.connect(opts).waitForCompletion(TimeUnit.SECONDS.toMillis(15));
      subscribe(true);
    } catch (MqttException e) {
      throw new IllegalStateException("cannot connect to MQTT broker " + brokerUri + ": " + e.getMessage(), e);
    }
  }

  private void subscribe(boolean wait) throws MqttException {
    List<MqttSubscription> subs = new ArrayList<>();
    for (String sat : hosted) {
      MqttSubscription s = new MqttSubscription(FrameTopics.satelliteInbound(sat), QOS);
      s.setNoLocal(false);
      subs.add(s);
    }
    for (int i = 0; i < subs.size(); i += 100) {
      List<MqttSubscription> batch = subs.subList(i, Math.min(subs.size(), i + 100));
      IMqttToken t = client.subscribe(batch.toArray(new MqttSubscription[0]));
      if (wait) {
        t.waitForCompletion(15_000);
      }
    }
  }

  @Override
  public void send(String toSatellite, byte[] frame, long sentAtNanos, long holdNanos) {
    MqttProperties props = new MqttProperties();
    props.setUserProperties(List.of(new UserProperty(SENT_AT, Long.toString(sentAtNanos)),
        new UserProperty(HOLD, Long.toString(holdNanos))));
    publish(FrameTopics.satelliteInbound(toSatellite), frame, props);
    telemetry.sent();
  }

  @Override
  public void publish(String topic, byte[] payload) {
    publish(topic, payload, new MqttProperties());
  }

  private void publish(String topic, byte[] payload, MqttProperties props) {
    if (!inFlight.tryAcquire()) {
      telemetry.dropped(DropReason.SEND_QUEUE_FULL);
      return;
    }
    MqttMessage msg = new MqttMessage(payload);
    msg.setQos(QOS);
    msg.setProperties(props);
    try {
      client.publish(topic, msg, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          inFlight.release();
          int[] codes = token.getReasonCodes();
          if (codes != null) {
            for (int c : codes) {
              if (c >= 0x80) {
                telemetry.dropped(DropReason.PUBLISH_FAILED);
                return;
              }
            }
          }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
          inFlight.release();
          telemetry.dropped(DropReason.PUBLISH_FAILED);
        }
      });
    } catch (MqttException | RuntimeException e) {
      inFlight.release();
      telemetry.dropped(DropReason.PUBLISH_FAILED);
    }
  }

  @Override
  public boolean isConnected() {
    return client != null && client.isConnected();
  }

  @Override
  public void close() {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
      client.close();
    } catch (MqttException e) {
      LOG.debug("closing MQTT client: {}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      LOG.warn("disconnected from {}: {}", brokerUri, response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      long arrived = System.nanoTime();
      try {
        String sat = FrameTopics.satelliteOfInbound(topic);
        long sentAt = arrived;
        long hold = -1;
        MqttProperties p = message.getProperties();
        if (p != null && p.getUserProperties() != null) {
          for (UserProperty up : p.getUserProperties()) {
            if (SENT_AT.equals(up.getKey())) {
              sentAt = Long.parseLong(up.getValue());
            } else if (HOLD.equals(up.getKey())) {
              hold = Long.parseLong(up.getValue());
            }
          }
        }
        if (hold >= 0) {
          transit.sample(arrived - sentAt - hold);
        }
        telemetry.received();
        handler.onFrame(sat, message.getPayload(), sentAt, arrived);
      } catch (RuntimeException e) {
        telemetry.frameError("TRANSPORT:" + e.getClass().getSimpleName());
      }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        try {
          subscribe(false);
        } catch (MqttException e) {
          LOG.warn("resubscribe after reconnect failed: {}", e.getMessage());
        }
      }
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
