package org.spacemoe.onboard.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Frames over Paho MQTT v5. A stable client id with {@code cleanStart=false} and a session expiry, so the broker
 * keeps this node's subscriptions and queued QoS 1 frames while it is away; automatic reconnect (at most
 * {@value #RECONNECT_MAX_S} s apart) with resubscription (a restarted broker may have lost the session); topic
 * aliases off for what the broker sends, QoS 1.
 *
 * <p>Nothing waiting is dropped because the link is down: while disconnected the sender thread waits, and every
 * publish handed to Paho but not acknowledged when the connection dropped is queued again, ahead of newer ones,
 * and sent again after the reconnect (receivers apply each frame once, so a copy the broker did deliver is a
 * counted duplicate there). Only a full send queue or a PUBACK with a reason code >= 0x80 loses a frame, and both
 * are counted. Publishes go through a bounded send queue (Paho has no such setting): beyond its capacity frames
 * are dropped and counted. One sender thread drains it, keeping at most the broker's Receive Maximum (from its
 * CONNACK) publishes unacknowledged: Paho refuses a publish beyond that window, and does so after it has already
 * assigned the publish a topic alias that then never reaches the broker, which disconnects the client on the
 * next publish to that topic ("topic alias could not be mapped"). A single sender also keeps Paho's outgoing
 * alias assignment in wire order, which concurrent publishers do not. {@code messageArrived} only copies and
 * hands over; it never blocks and never throws. A PUBACK with reason code >= 0x80 counts as a failed publish.
 */
public final class MqttFrameTransport implements FrameTransport {
  private static final Logger LOG = LoggerFactory.getLogger(MqttFrameTransport.class);
  /** Header: when the frame's first sender decided to send it ({@link System#nanoTime()}). */
  public static final String SENT_AT = "spacemoe-sent-ns";
  static final String HOLD = "spacemoe-hold-ns";
  static final String COMMAND_SUFFIX = "/cmd";
  private volatile BiConsumer<String, byte[]> commandHandler;
  private volatile javax.net.SocketFactory tlsSocketFactory;
  private static final int QOS = 1;
  /** Header: the satellite that sent the frame first. */
  public static final String FROM = "spacemoe-from";
  /** ISL frames: when this hop's sender decided to send ({@link System#nanoTime()}), for the transit estimate. */
  static final String HOP_SENT_AT = "spacemoe-hop-ns";
  /** Longest wait between two reconnect attempts, s: bounds the stall after a broker comes back. */
  static final int RECONNECT_MAX_S = 2;
  static final long RECONNECT_EVERY_MS = 500;
  /** Connected but subscriptions unacknowledged this long, ms: subscribe again. */
  static final long RESUBSCRIBE_AFTER_MS = 5_000;
  /** Down this long despite reconnect attempts, ms: replace the Paho client (its connection timeout is 10 s). */
  static final long REBUILD_AFTER_MS = 20_000;
  /** Sender thread only. */
  private long lastReconnectTry;
  /** Sender thread only: when the connection was first seen down (0: up). */
  private long downSinceNanos;
  private volatile long lastSubscribeNanos;
  private volatile MqttConnectionOptions options;
  private final String clientId;
  private final long sessionExpiryS;
  /** Connection generation: completions of publishes of an older connection are ignored. */
  private volatile long epoch;
  /** Publishes handed to Paho and not yet acknowledged, by send id (this connection and older ones). */
  private final java.util.concurrent.ConcurrentSkipListMap<Long, Outgoing> unacked =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  private final java.util.concurrent.atomic.AtomicLong sendIds = new java.util.concurrent.atomic.AtomicLong();
  /** Messages to send again after a reconnect, before the queue; guarded by {@link #window}. */
  private final java.util.ArrayDeque<Outgoing> resend = new java.util.ArrayDeque<>();

  private final String brokerUri;
  private final String username;
  private final String password;
  private final NodeTelemetry telemetry;
  private final BlockingQueue<Outgoing> queue;
  /** Heartbeats: published only when no frame is waiting, so they never delay activations. */
  private final BlockingQueue<Outgoing> background = new ArrayBlockingQueue<>(4096);
  private final TransitEstimator transit;
  private final Object window = new Object();
  /** Publishes handed to Paho and not yet acknowledged or failed; guarded by {@link #window}. */
  private int inFlight;
  /** The broker's Receive Maximum; guarded by {@link #window}. */
  private int windowSize = 65_535;
  private final PublishListener listener = new PublishListener();
  private volatile boolean closed;
  /** How long the sender waits for a publish before looking at the other queues again, ms. */
  private volatile long idlePollMs = 20;
  /** When a publish was last queued ({@link System#nanoTime}), for {@link #flush}. */
  private volatile long lastQueuedNanos = System.nanoTime();
  /** Every inbound subscription of the current connection granted: frames for the hosted satellites arrive. */
  private volatile boolean subscribed;
  private Thread sender;
  private volatile MqttAsyncClient client;
  private volatile List<String> hosted = List.of();
  private volatile InboundFrameHandler handler;
  /** Further subscriptions (ISL inbound filters) and who takes their messages. */
  private volatile List<String> topicFilters = List.of();
  private volatile TopicFrameHandler topicHandler;

  /**
   * A publish waiting to go out. The Paho message is built anew for every attempt: Paho writes the topic alias it
   * assigns into the message's properties, and a message sent again with a stale alias would reach the topic
   * that alias maps to on the broker, not its own.
   */
  /** MQTT v5 reason code "Not authorized". */
  private static final int NOT_AUTHORIZED = 0x87;

  private final java.util.Map<String, Integer> refused = new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public java.util.Map<String, Integer> refusedTopics() {
    return java.util.Map.copyOf(refused);
  }

  private record Outgoing(String topic, byte[] payload, boolean retained, List<UserProperty> userProperties) {
    MqttMessage message() {
      MqttMessage m = new MqttMessage(payload);
      m.setQos(QOS);
      m.setRetained(retained);
      MqttProperties props = new MqttProperties();
      if (!userProperties.isEmpty()) {
        props.setUserProperties(userProperties);
      }
      m.setProperties(props);
      return m;
    }
  }

  public MqttFrameTransport(String brokerUri, String username, String password, int sendQueueCapacity,
      NodeTelemetry telemetry) {
    this(brokerUri, username, password, sendQueueCapacity, telemetry, new TransitEstimator());
  }

  /** With a random client id and a session that lives 60 s (tests, tools). */
  public MqttFrameTransport(String brokerUri, String username, String password, int sendQueueCapacity,
      NodeTelemetry telemetry, TransitEstimator transit) {
    this(brokerUri, "spacemoe-" + UUID.randomUUID(), 60, username, password, sendQueueCapacity, telemetry, transit);
  }

  /**
   * @param clientId the node's MQTT client id: stable across restarts, so the broker's session (subscriptions,
   *     queued frames) survives them; unique per process on the broker
   * @param sessionExpiryS how long the broker keeps the session of a node that went away, s
   * @param sendQueueCapacity most frames waiting to be published; beyond it new frames are dropped and counted
   */
  public MqttFrameTransport(String brokerUri, String clientId, long sessionExpiryS, String username, String password,
      int sendQueueCapacity, NodeTelemetry telemetry, TransitEstimator transit) {
    this.clientId = clientId;
    this.sessionExpiryS = sessionExpiryS;
    this.transit = transit;
    this.brokerUri = brokerUri;
    this.username = username;
    this.password = password;
    this.telemetry = telemetry;
    this.queue = new ArrayBlockingQueue<>(sendQueueCapacity);
  }

  @Override
  public void start(List<String> hostedSatellites, InboundFrameHandler frameHandler) {
    this.hosted = List.copyOf(hostedSatellites);
    this.handler = frameHandler;
    connect();
  }

  /**
   * Connects and subscribes to {@code filters} only (no satellite inbound or command topics): their messages go to
   * {@code frames}. With no filters the transport only publishes (an ISL link to a neighbour). May be called again
   * after it failed.
   */
  public void startTopics(List<String> filters, TopicFrameHandler frames) {
    this.topicFilters = List.copyOf(filters);
    this.topicHandler = frames;
    connect();
  }

  private void connect() {
    discardClient(); // a previous attempt that failed
    try {
      MqttConnectionOptions opts = new MqttConnectionOptions();
      opts.setAutomaticReconnect(true);
      opts.setAutomaticReconnectDelay(1, RECONNECT_MAX_S);
      opts.setCleanStart(false);
      opts.setSessionExpiryInterval(sessionExpiryS);
      opts.setTopicAliasMaximum(0);
      opts.setConnectionTimeout(10);
      opts.setKeepAliveInterval(30);
      if (brokerUri.startsWith("tcp://")) {
        opts.setSocketFactory(new NoDelaySocketFactory());
      } else if (brokerUri.startsWith("ssl://") && tlsSocketFactory != null) {
        opts.setSocketFactory(tlsSocketFactory);
      }
      if (username != null && !username.isBlank()) {
        opts.setUserName(username);
        opts.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
      }
      options = opts;
      client = newClient();
      IMqttToken connected = client.connect(opts);
      connected.waitForCompletion(TimeUnit.SECONDS.toMillis(15));
      MqttProperties connack = connected.getResponseProperties();
      Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
      synchronized (window) {
        windowSize = receiveMaximum == null || receiveMaximum <= 0 ? 65_535 : receiveMaximum;
      }
      subscribe(true);
      if (sender == null) {
        sender = new Thread(this::drain, "spacemoe-mqtt-send");
        sender.setDaemon(true);
        sender.start();
      }
    } catch (MqttException e) {
      throw new IllegalStateException("cannot connect to MQTT broker " + brokerUri + ": " + e.getMessage(), e);
    }
  }

  private MqttAsyncClient newClient() throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(brokerUri, clientId, new MemoryPersistence());
    c.setCallback(new Callback());
    return c;
  }

  private void discardClient() {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(1_000);
      }
      client.close(true);
    } catch (MqttException e) {
      LOG.debug("discarding MQTT client: {}", e.getMessage());
    }
    client = null;
  }

  private void subscribe(boolean wait) throws MqttException {
    List<MqttSubscription> subs = new ArrayList<>();
    for (String sat : hosted) {
      MqttSubscription s = new MqttSubscription(FrameTopics.satelliteInbound(sat), QOS);
      s.setNoLocal(false);
      subs.add(s);
      if (commandHandler != null) {
        subs.add(new MqttSubscription(FrameTopics.PREFIX + "/sat/" + FrameTopics.checkName(sat) + COMMAND_SUFFIX, QOS));
      }
    }
    for (String filter : topicFilters) {
      subs.add(new MqttSubscription(filter, QOS));
    }
    subscribed = false;
    lastSubscribeNanos = System.nanoTime();
    int batches = (subs.size() + 99) / 100;
    AtomicInteger pending = new AtomicInteger(batches);
    MqttActionListener listener = new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        if (granted(token) && pending.decrementAndGet() == 0) {
          subscribed = true;
        }
      }

      @Override
      public void onFailure(IMqttToken token, Throwable exception) {
        LOG.warn("subscribe failed: {}", exception == null ? "?" : exception.getMessage());
      }
    };
    List<IMqttToken> tokens = new ArrayList<>();
    for (int i = 0; i < subs.size(); i += 100) {
      List<MqttSubscription> batch = subs.subList(i, Math.min(subs.size(), i + 100));
      tokens.add(client.subscribe(batch.toArray(new MqttSubscription[0]), null, listener, (MqttProperties) null));
    }
    if (batches == 0) {
      subscribed = true;
    } else if (wait) {
      // the listener may run after waitForCompletion returns: decide here as well
      boolean all = true;
      for (IMqttToken t : tokens) {
        t.waitForCompletion(15_000);
        all &= granted(t);
      }
      if (all) {
        subscribed = true;
      }
    }
  }

  /** False (logged) if the broker refused a subscription of {@code token}. */
  private static boolean granted(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    if (codes != null) {
      for (int c : codes) {
        if (c >= 0x80) {
          LOG.error("the broker refused a subscription (reason code 0x{}): frames for this node are lost",
              Integer.toHexString(c));
          return false;
        }
      }
    }
    return true;
  }

  /**
   * How long the idle sender waits for a publish before it looks at the heartbeat queue again, ms (default 20). A
   * transport without heartbeats (an ISL link) can wait longer: fewer wake-ups with hundreds of links in a process.
   */
  public void setIdlePollMs(long ms) {
    this.idlePollMs = ms;
  }

  /** TLS sockets for an {@code ssl://} broker (CA trust and client certificate). Call before start. */
  public void setTlsSocketFactory(javax.net.SocketFactory factory) {
    this.tlsSocketFactory = factory;
  }

  /**
   * Also subscribe to each hosted satellite's command topic ({@code spacemoe/v1/sat/NAME/cmd}) and hand its
   * messages to {@code handler} (satellite, payload) on the MQTT thread: it must not block. Call before start.
   */
  @Override
  public void setCommandHandler(BiConsumer<String, byte[]> handler) {
    this.commandHandler = handler;
  }

  @Override
  public void send(String fromSatellite, String toSatellite, byte[] frame, long sentAtNanos, long holdNanos) {
    List<UserProperty> props = List.of(new UserProperty(SENT_AT, Long.toString(sentAtNanos)),
        new UserProperty(HOLD, Long.toString(holdNanos)), new UserProperty(FROM, fromSatellite));
    if (publish(FrameTopics.satelliteInbound(toSatellite), frame, props)) {
      telemetry.sent();
    }
  }

  /**
   * Publishes an ISL frame on {@code topic} without blocking (a full send queue drops and counts it).
   *
   * @param origin the satellite that sent the frame first
   * @param sentAtNanos when {@code origin} decided to send it
   * @param hopSentAtNanos when this hop decided to send it
   * @param holdNanos how long the link emulator held it on this hop
   */
  public void sendOnTopic(String topic, String origin, byte[] frame, long sentAtNanos, long hopSentAtNanos,
      long holdNanos) {
    List<UserProperty> props = List.of(new UserProperty(SENT_AT, Long.toString(sentAtNanos)),
        new UserProperty(HOP_SENT_AT, Long.toString(hopSentAtNanos)), new UserProperty(HOLD, Long.toString(holdNanos)),
        new UserProperty(FROM, origin));
    if (publish(topic, frame, props)) {
      telemetry.sent();
    }
  }

  /**
   * A publish not yet acknowledged by the broker.
   *
   * @param headers its user properties
   */
  public record Pending(String topic, byte[] payload, java.util.Map<String, String> headers) {}

  /**
   * Stops at once (as {@link #abort}) and returns what was handed to it and not acknowledged by the broker: the
   * messages waiting, to send again, and in flight, oldest first. A message in flight may still reach the broker:
   * whoever sends it again sends a possible duplicate.
   */
  public List<Pending> takePending() {
    abort();
    List<Outgoing> left = new ArrayList<>();
    synchronized (window) {
      left.addAll(resend);
      resend.clear();
    }
    left.addAll(unacked.values());
    unacked.clear();
    queue.drainTo(left);
    List<Pending> out = new ArrayList<>();
    for (Outgoing o : left) {
      if (o.retained()) {
        continue;
      }
      java.util.Map<String, String> h = new java.util.HashMap<>();
      o.userProperties().forEach(p -> h.put(p.getKey(), p.getValue()));
      out.add(new Pending(o.topic(), o.payload(), java.util.Map.copyOf(h)));
    }
    return out;
  }

  @Override
  public void publish(String topic, byte[] payload) {
    publish(topic, payload, List.of());
  }

  @Override
  public void publishRetained(String topic, byte[] payload) {
    if (!background.offer(new Outgoing(topic, payload, true, List.of()))) {
      telemetry.dropped(DropReason.SEND_QUEUE_FULL);
    }
  }

  /** Queues a publish; false (counted) if the send queue is full. Never blocks. */
  private boolean publish(String topic, byte[] payload, List<UserProperty> props) {
    if (!queue.offer(new Outgoing(topic, payload, false, props))) {
      telemetry.dropped(DropReason.SEND_QUEUE_FULL);
      return false;
    }
    lastQueuedNanos = System.nanoTime();
    return true;
  }

  /**
   * The sender thread: publishes queued messages in order (messages to send again first), at most the broker's
   * Receive Maximum unacknowledged, and only while connected: while the link is down messages wait.
   */
  private void drain() {
    try {
      while (!closed) {
        if (!isConnected()) {
          reconnectIfDown();
          synchronized (window) {
            window.wait(20);
          }
          continue;
        }
        Outgoing o;
        synchronized (window) {
          o = resend.poll();
        }
        if (o == null) {
          o = queue.poll();
        }
        if (o == null) {
          o = background.poll();
        }
        if (o == null) {
          o = queue.poll(idlePollMs, TimeUnit.MILLISECONDS);
        }
        if (o == null) {
          continue;
        }
        long gen;
        synchronized (window) {
          while (inFlight >= windowSize && !closed) {
            window.wait(100);
          }
          inFlight++;
          gen = epoch;
        }
        long id = sendIds.incrementAndGet();
        unacked.put(id, o);
        try {
          client.publish(o.topic(), o.message(), new long[] {id, gen}, listener);
        } catch (MqttException | RuntimeException e) {
          // not connected after all, or Paho's own window is full: keep it for the next try
          telemetry.retried("PUBLISH_REFUSED");
          unacked.remove(id);
          released(gen);
          synchronized (window) {
            resend.addFirst(o);
            window.wait(10);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closing
    }
  }

  /**
   * While the connection is down, asks Paho for a reconnect attempt every {@value #RECONNECT_EVERY_MS} ms: its
   * automatic reconnect backs off on its own schedule, which was seen to wait 6 s after a restarted broker was back.
   * Two watchdogs keep a connection from stalling silently (both seen under load): connected but the subscriptions
   * not acknowledged after {@value #RESUBSCRIBE_AFTER_MS} ms, they are sent again; down for
   * {@value #REBUILD_AFTER_MS} ms despite the attempts (a CONNECT that never completes keeps Paho "connecting"), the
   * Paho client is replaced by a new one with the same client id, which resumes the session. Both are counted as
   * retries ({@code RESUBSCRIBE}, {@code CLIENT_REBUILT}).
   */
  private void reconnectIfDown() {
    long now = System.nanoTime();
    MqttAsyncClient c = client;
    if (c == null || closed) {
      return;
    }
    if (c.isConnected()) {
      downSinceNanos = 0;
      if (!subscribed && now - lastSubscribeNanos > TimeUnit.MILLISECONDS.toNanos(RESUBSCRIBE_AFTER_MS)) {
        LOG.warn("subscriptions not acknowledged {} ms after connecting: subscribing again", RESUBSCRIBE_AFTER_MS);
        telemetry.retried("RESUBSCRIBE");
        try {
          subscribe(false);
        } catch (MqttException | RuntimeException e) {
          LOG.warn("subscribing again failed: {}", e.getMessage());
        }
      }
      return;
    }
    if (downSinceNanos == 0) {
      downSinceNanos = now;
    }
    if (now - downSinceNanos > TimeUnit.MILLISECONDS.toNanos(REBUILD_AFTER_MS)) {
      rebuildClient(c);
      downSinceNanos = now;
      lastReconnectTry = now;
      return;
    }
    if (now - lastReconnectTry < TimeUnit.MILLISECONDS.toNanos(RECONNECT_EVERY_MS)) {
      return;
    }
    lastReconnectTry = now;
    try {
      c.reconnect();
    } catch (MqttException | RuntimeException e) {
      // an attempt is under way, or the broker is still away: try again later
    }
  }

  /** Replaces a Paho client stuck while down by a new one (same id and options), connecting in the background. */
  private void rebuildClient(MqttAsyncClient stuck) {
    LOG.warn("no connection to {} for {} ms despite reconnect attempts: replacing the MQTT client", brokerUri,
        REBUILD_AFTER_MS);
    telemetry.retried("CLIENT_REBUILT");
    subscribed = false;
    connectionLost(); // what the stuck client had in flight is sent again on the new one
    try {
      stuck.disconnectForcibly(0, 1, false);
    } catch (MqttException | RuntimeException e) {
      LOG.debug("disconnecting the stuck client: {}", e.getMessage());
    }
    try {
      stuck.close(true);
    } catch (MqttException | RuntimeException e) {
      LOG.debug("closing the stuck client: {}", e.getMessage());
    }
    try {
      MqttAsyncClient fresh = newClient();
      client = fresh;
      fresh.connect(options, null, new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          resubscribeFresh();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
          // Paho's automatic reconnect and the attempts above go on
        }
      });
    } catch (MqttException | RuntimeException e) {
      LOG.warn("replacing the MQTT client failed: {} (retrying)", e.getMessage());
    }
  }

  private void resubscribeFresh() {
    try {
      subscribe(false);
    } catch (MqttException | RuntimeException e) {
      LOG.warn("subscribing on the new client failed: {}", e.getMessage());
    }
  }

  private void released(long gen) {
    synchronized (window) {
      if (gen == epoch) {
        inFlight--;
      }
      window.notifyAll();
    }
  }

  /**
   * The connection dropped: a new window starts, and every publish not acknowledged is sent again after the
   * reconnect, oldest first, ahead of the queue.
   */
  private void connectionLost() {
    synchronized (window) {
      epoch++;
      inFlight = 0;
      java.util.List<Outgoing> again = new ArrayList<>(unacked.values());
      unacked.clear();
      for (int i = again.size() - 1; i >= 0; i--) {
        resend.addFirst(again.get(i));
      }
      if (!again.isEmpty()) {
        telemetry.resentAfterReconnect(again.size());
      }
      window.notifyAll();
    }
  }

  /** Completion of one publish (Paho's callback thread): frees its window slot, counts failures. */
  private final class PublishListener implements MqttActionListener {
    @Override
    public void onSuccess(IMqttToken token) {
      long[] ctx = (long[]) token.getUserContext();
      Outgoing o = unacked.remove(ctx[0]);
      if (o == null) {
        return; // already queued again after a reconnect
      }
      released(ctx[1]);
      int[] codes = token.getReasonCodes();
      if (codes != null) {
        for (int c : codes) {
          if (c >= 0x80) {
            telemetry.dropped(DropReason.PUBLISH_FAILED);
            if (refused.put(o.topic(), c) == null) {
              LOG.warn("the broker refused a publish to {} (reason code 0x{}{}): check this node's certificate"
                  + " name and the broker's ACL (ground acl --host for a process serving several satellites)",
                  o.topic(), Integer.toHexString(c), c == NOT_AUTHORIZED ? ", not authorized" : "");
            }
            return;
          }
        }
      }
      if (!refused.isEmpty()) {
        refused.remove(o.topic());
      }
    }

    @Override
    public void onFailure(IMqttToken token, Throwable exception) {
      long[] ctx = (long[]) token.getUserContext();
      Outgoing o = unacked.remove(ctx[0]);
      released(ctx[1]);
      if (o != null) {
        synchronized (window) {
          resend.addLast(o); // failed with the connection: send it again once connected
        }
      }
    }
  }

  @Override
  public boolean flush(long timeoutMs, long quietMs) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    long quiet = TimeUnit.MILLISECONDS.toNanos(quietMs);
    while (true) {
      boolean resending;
      synchronized (window) {
        resending = !resend.isEmpty();
      }
      long now = System.nanoTime();
      boolean empty = !resending && queue.isEmpty() && background.isEmpty() && unacked.isEmpty();
      if (empty && now - lastQueuedNanos >= quiet) {
        return true;
      }
      if (now >= end) {
        return empty;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  @Override
  public boolean isConnected() {
    return client != null && client.isConnected() && subscribed;
  }

  @Override
  public void abort() {
    closed = true;
    if (sender != null) {
      sender.interrupt();
    }
    if (client == null) {
      return;
    }
    try {
      client.disconnectForcibly(0, 1, false); // no DISCONNECT packet: the broker sees the node vanish
      client.close(true);
    } catch (MqttException | RuntimeException e) {
      LOG.debug("aborting MQTT client: {}", e.getMessage());
    }
    client = null;
  }

  @Override
  public void close() {
    closed = true;
    if (sender != null) {
      sender.interrupt();
      try {
        sender.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        // a node that closes on purpose ends its session: the broker stops queueing frames for it (a crash or a
        // dropped link sends no DISCONNECT, so the session and its queued frames survive those)
        MqttProperties endSession = new MqttProperties();
        endSession.setSessionExpiryInterval(0L);
        client.disconnect(5_000, null, null, 0, endSession).waitForCompletion(5_000);
      }
      client.close();
    } catch (MqttException e) {
      LOG.debug("closing MQTT client: {}", e.getMessage());
    }
  }

  private final class Callback implements MqttCallback {
    @Override
    public void disconnected(MqttDisconnectResponse response) {
      subscribed = false;
      connectionLost();
      Throwable cause = response.getException();
      LOG.warn("disconnected from {}: {}", brokerUri, cause != null ? cause.getMessage() : response.getReasonString());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      long arrived = System.nanoTime();
      if (topic.endsWith(COMMAND_SUFFIX)) {
        BiConsumer<String, byte[]> h = commandHandler;
        try {
          if (h != null) {
            String prefix = FrameTopics.PREFIX + "/sat/";
            h.accept(topic.substring(prefix.length(), topic.length() - COMMAND_SUFFIX.length()), message.getPayload());
          }
        } catch (RuntimeException e) {
          telemetry.frameError("COMMAND:" + e.getClass().getSimpleName());
        }
        return;
      }
      try {
        TopicFrameHandler th = topicHandler;
        if (th != null && !topic.startsWith(FrameTopics.PREFIX + "/sat/")) {
          arrivedOnTopic(th, topic, message, arrived);
          return;
        }
        String sat = FrameTopics.satelliteOfInbound(topic);
        long sentAt = arrived;
        long hold = -1;
        String from = null;
        MqttProperties p = message.getProperties();
        if (p != null && p.getUserProperties() != null) {
          for (UserProperty up : p.getUserProperties()) {
            if (SENT_AT.equals(up.getKey())) {
              sentAt = parseOr(up.getValue(), arrived);
            } else if (HOLD.equals(up.getKey())) {
              hold = parseOr(up.getValue(), -1);
            } else if (FROM.equals(up.getKey())) {
              from = up.getValue();
            }
          }
        }
        if (hold >= 0) {
          transit.sample(arrived - sentAt - hold);
        }
        telemetry.received();
        handler.onFrame(sat, from, message.getPayload(), sentAt, arrived);
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

  /** An ISL frame: samples this hop's transit and hands it over with its headers. */
  private void arrivedOnTopic(TopicFrameHandler th, String topic, MqttMessage message, long arrived) {
    long sentAt = arrived;
    long hopSentAt = -1;
    long hold = -1;
    String from = null;
    MqttProperties p = message.getProperties();
    if (p != null && p.getUserProperties() != null) {
      for (UserProperty up : p.getUserProperties()) {
        switch (up.getKey()) {
          case SENT_AT -> sentAt = parseOr(up.getValue(), arrived);
          case HOP_SENT_AT -> hopSentAt = parseOr(up.getValue(), -1);
          case HOLD -> hold = parseOr(up.getValue(), -1);
          case FROM -> from = up.getValue();
          default -> { }
        }
      }
    }
    if (hold >= 0 && hopSentAt >= 0) {
      transit.sample(arrived - hopSentAt - hold);
    }
    telemetry.received();
    th.onFrame(topic, from, message.getPayload(), sentAt, arrived);
  }

  /** Timing headers are advisory: a malformed one is ignored, never a reason to drop a good frame. */
  private static long parseOr(String v, long fallback) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
