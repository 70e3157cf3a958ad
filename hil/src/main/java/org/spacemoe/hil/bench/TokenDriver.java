package org.spacemoe.hil.bench;

import org.spacemoe.shared.model.MoeMath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.spacemoe.onboard.runtime.Frames;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.hil.broker.MqttCallbackAdapter;

/**
 * The ground side of a bench: starts a sequence at the entry satellite, records when each token arrives
 * (on the sequence's token topic) and, optionally, every inter-layer hidden state of that sequence crossing the
 * broker, with the bytes of every frame of that sequence (other sequences on the same broker are ignored).
 *
 * <p>Resilience (for the fault harness): the client reconnects on its own with a stable client id, {@code
 * cleanStart=false} and a 5 minute session expiry, and subscribes again after every reconnect (a restarted broker has
 * lost the session). Token results are de-duplicated by step (duplicates are counted). With a stall interval, when no
 * new token arrives for that long while the sequence is unfinished, the same start frame is published again (the
 * entry node answers a duplicate start by re-publishing the tokens so far).
 */
final class TokenDriver implements AutoCloseable {
  /** A token as it arrived. */
  record Arrival(long step, int token, long nanos) {}

  private final ActivationFrameCodec codec = new ActivationFrameCodec();
  private final SessionEndingClient client;
  private final List<Arrival> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Map<Long, float[]> hidden = new ConcurrentHashMap<>();
  private final WireTally wire = new WireTally();
  private final Map<Long, java.util.Set<Integer>> requested = new ConcurrentHashMap<>();
  /** Expert outputs of the watched sequence, by {@link #hiddenKey}(step, expert layer), then expert. */
  private final Map<Long, Map<Integer, float[]>> expertOutputs = new ConcurrentHashMap<>();
  private CountDownLatch done;
  private final java.util.Set<Long> seenSteps = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.atomic.AtomicInteger duplicateTokens = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger startsRepublished = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger reconnects = new java.util.concurrent.atomic.AtomicInteger();
  private volatile long startNanos;
  private volatile long lastProgressNanos;
  private long lastReconnectTry;
  /** Reconnects counted when the last token arrived (or the start was re-published). */
  private volatile int reconnectsAtProgress;
  /** Without a reconnect, the start is re-published only after this many stall intervals. */
  private static final int LONG_STALL_FACTOR = 5;
  private static final long RECONNECT_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private volatile MqttSubscription[] subscriptions;
  private volatile IMqttMessageListener[] subscriptionListeners;

  TokenDriver(String broker) throws MqttException {
    client = new SessionEndingClient(broker, "spacemoe-bench-" + UUID.randomUUID());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(false);
    // long enough to ride out a broker outage of the run, short enough that a finished run's session (which
    // may watch every inbound frame) does not stay queueing on a shared broker
    o.setSessionExpiryInterval(90L);
    o.setAutomaticReconnect(true);
    o.setAutomaticReconnectDelay(1, 2);
    o.setTopicAliasMaximum(0);
    if (broker.startsWith("tcp://")) {
      o.setSocketFactory(new org.spacemoe.onboard.transport.NoDelaySocketFactory());
    }
    client.setCallback(new MqttCallbackAdapter() {
      @Override
      public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) {
          reconnects.incrementAndGet();
          // off the callback thread: a blocking subscribe must not wait on the thread that completes it
          Thread t = new Thread(TokenDriver.this::resubscribe, "spacemoe-bench-resubscribe");
          t.setDaemon(true);
          t.start();
        }
      }
    });
    client.connect(o);
  }

  /** Subscribes again after a reconnect (the broker may have lost the session; subscribing twice is harmless). */
  private void resubscribe() {
    MqttSubscription[] subs = subscriptions;
    if (subs == null) {
      return;
    }
    try {
      client.subscribe(subs, subscriptionListeners);
    } catch (MqttException e) {
      errorsSeenOnReconnect.add("re-subscribe failed: " + e.getMessage());
    }
  }

  private final List<String> errorsSeenOnReconnect = java.util.Collections.synchronizedList(new ArrayList<>());

  /**
   * A sequence id for a new run: entries treat a start with an id they know as a duplicate (it re-publishes that
   * sequence's tokens), so every run needs its own.
   */
  static long newSequenceId() {
    long fromClock = 1 + (System.currentTimeMillis() % 1_000_000_000L);
    return LAST_SEQUENCE_ID.updateAndGet(last -> fromClock > last ? fromClock : last + 1);
  }

  private static final java.util.concurrent.atomic.AtomicLong LAST_SEQUENCE_ID = new java.util.concurrent.atomic.AtomicLong();

  /** Key of a hidden state: (step, layer) of the layer that receives it. */
  static long hiddenKey(long step, int layer) {
    return (step << 16) | layer;
  }

  /**
   * Starts sequence {@code seq} and waits for {@code expectedResults} token results (every step from the last
   * prompt token on), an error, or the timeout.
   *
   * @return true if every result arrived
   */
  /**
   * With ISLs as links: the satellites whose last-link topics ({@code spacemoe/v1/isl/SAT/in/SAT}) carry the frames
   * to watch (the plan's satellites). Call before {@link #run}.
   */
  void watchIslDestinations(List<String> satellites) {
    this.islDestinations = List.copyOf(satellites);
  }

  private List<String> islDestinations = List.of();

  boolean run(long planVersion, String entry, long seq, int[] prompt, int newTokens, boolean watchHidden,
      long timeoutMs, IntConsumer progress) throws MqttException, InterruptedException {
    return run(planVersion, entry, seq, prompt, newTokens, watchHidden, timeoutMs, 0, () -> { }, progress);
  }

  /**
   * As {@link #run(long, String, long, int[], int, boolean, long, IntConsumer)}, re-publishing the start frame when
   * no new token arrived for {@code stallMs} (0: never), and calling {@code onStart} right before the first start
   * frame is published.
   */
  boolean run(long planVersion, String entry, long seq, int[] prompt, int newTokens, boolean watchHidden,
      long timeoutMs, long stallMs, Runnable onStart, IntConsumer progress) throws MqttException, InterruptedException {
    int expected = newTokens;
    done = new CountDownLatch(1);
    IMqttMessageListener onToken = (topic, msg) -> {
      long now = System.nanoTime();
      try {
        ActivationFrame f = codec.decode(msg.getPayload());
        if (f.tokenStep() >= prompt.length - 1) {
          if (!seenSteps.add(f.tokenStep())) {
            duplicateTokens.incrementAndGet();
            return;
          }
          lastProgressNanos = now;
          arrivals.add(new Arrival(f.tokenStep(), f.tokens()[0], now));
          progress.accept(arrivals.size());
          if (arrivals.size() >= expected) {
            done.countDown();
          }
        }
      } catch (RuntimeException e) {
        errors.add("undecodable token frame: " + e.getMessage());
        done.countDown();
      }
    };
    IMqttMessageListener onError = (topic, msg) -> {
      try {
        org.spacemoe.shared.frame.SequenceError err =
            org.spacemoe.shared.frame.SequenceErrorCodec.decode(msg.getPayload());
        errors.add(err.reason().name() + ": " + err.describe());
      } catch (org.spacemoe.shared.frame.FrameDecodeException e) {
        errors.add("undecodable sequence error: " + e.getMessage());
      }
      done.countDown();
    };
    IMqttMessageListener onInbound = (topic, msg) -> {
      try {
        ActivationFrame f = codec.decode(msg.getPayload());
        if (f.sequenceId() == seq) {
          wire.add(f, msg.getPayload().length);
          if (f.kind() == FrameKind.HIDDEN) {
            hidden.put(hiddenKey(f.tokenStep(), f.layer()), f.values());
          } else if (f.kind() == FrameKind.EXPERT_REQUEST) {
            requested.computeIfAbsent(hiddenKey(f.tokenStep(), f.layer()), k -> ConcurrentHashMap.newKeySet())
                .add(f.expert());
          } else if (f.kind() == FrameKind.EXPERT_RESPONSE) {
            expertOutputs.computeIfAbsent(hiddenKey(f.tokenStep(), f.layer()), k -> new ConcurrentHashMap<>())
                .put(f.expert(), f.values());
          }
        }
      } catch (RuntimeException e) {
        errors.add("undecodable frame on " + topic + ": " + e.getMessage());
      }
    };
    List<MqttSubscription> subs = new ArrayList<>(List.of(
        new MqttSubscription(FrameTopics.sequenceTokens(seq), 1),
        new MqttSubscription(FrameTopics.sequenceErrors(seq), 1)));
    List<IMqttMessageListener> listeners = new ArrayList<>(List.of(onToken, onError));
    if (watchHidden) {
      subs.add(new MqttSubscription(FrameTopics.ALL_INBOUND, 1));
      listeners.add(onInbound);
      // ISLs as links: each frame once, on its last link (hop = destination), not at every relay
      for (String sat : islDestinations) {
        subs.add(new MqttSubscription(FrameTopics.islInbound(sat, sat), 1));
        listeners.add(onInbound);
      }
    }
    subscriptions = subs.toArray(new MqttSubscription[0]);
    subscriptionListeners = listeners.toArray(new IMqttMessageListener[0]);
    client.subscribe(subscriptions, subscriptionListeners);
    byte[] startFrame = codec.encode(Frames.start(planVersion, seq, prompt, newTokens));
    onStart.run();
    startNanos = System.nanoTime();
    lastProgressNanos = startNanos;
    MqttMessage start = new MqttMessage(startFrame);
    start.setQos(1);
    client.publish(FrameTopics.satelliteInbound(entry), start);
    long deadline = startNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    boolean finished = false;
    while (!finished) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      long wait = stallMs > 0 ? Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)) : left;
      finished = done.await(wait, TimeUnit.NANOSECONDS);
      long now = System.nanoTime();
      if (!finished && stallMs > 0 && !client.isConnected() && now - lastReconnectTry > RECONNECT_EVERY_NANOS) {
        lastReconnectTry = now;
        reconnectNow();
      }
      // a re-published start makes the entry send every token so far again: only after a reconnect of this
      // client (token results may have been lost with the broker's session) or a long stall
      long stalled = now - lastProgressNanos;
      boolean reconnected = reconnects.get() != reconnectsAtProgress;
      if (!finished && stallMs > 0 && client.isConnected()
          && stalled > TimeUnit.MILLISECONDS.toNanos(reconnected ? stallMs : LONG_STALL_FACTOR * stallMs)) {
        lastProgressNanos = now; // wait a whole stall interval before the next attempt
        reconnectsAtProgress = reconnects.get();
        if (publishStart(entry, startFrame)) {
          startsRepublished.incrementAndGet();
        }
      }
    }
    return finished && errors.isEmpty() && arrivals.size() >= expected;
  }

  /**
   * Asks Paho for a reconnect attempt now: its automatic reconnect backs off on its own schedule (seen here: 6 s
   * after a restarted broker was back), which would add to the stall.
   */
  private void reconnectNow() {
    try {
      client.reconnect();
    } catch (MqttException | RuntimeException e) {
      // a reconnect is already under way, or the broker is still away: the next stall check tries again
    }
  }

  private boolean publishStart(String entry, byte[] frame) {
    MqttMessage start = new MqttMessage(frame);
    start.setQos(1);
    try {
      client.publish(FrameTopics.satelliteInbound(entry), start);
      return true;
    } catch (MqttException e) {
      return false; // the broker is away: the stall check tries again
    }
  }

  /** When the (first) start frame was published, System.nanoTime(); 0 before. */
  long startNanos() {
    return startNanos;
  }

  /** Token results seen again for a step already recorded (ignored). */
  int duplicateTokenResults() {
    return duplicateTokens.get();
  }

  /** Start frames published again after a stall. */
  int startsRepublished() {
    return startsRepublished.get();
  }

  /** Automatic reconnections to the broker. */
  int reconnects() {
    return reconnects.get();
  }

  /** Token results in the order they arrived (de-duplicated by step). */
  List<Arrival> arrivalsInArrivalOrder() {
    synchronized (arrivals) {
      return new ArrayList<>(arrivals);
    }
  }

  List<Arrival> arrivals() {
    synchronized (arrivals) {
      List<Arrival> copy = new ArrayList<>(arrivals);
      copy.sort(java.util.Comparator.comparingLong(Arrival::step));
      return copy;
    }
  }

  List<String> errors() {
    return List.copyOf(errors);
  }

  /**
   * Every inter-layer hidden state seen, by {@link #hiddenKey}. A layer combined at the next layer's gateway puts
   * no combined state on the wire: its gateway sends the residual ({@code attnOut ++ gate weights ++ selected
   * ids}, {@code hidden + 2k} floats) and its experts their outputs; the state that gateway computed is rebuilt
   * from those frames with the same {@link MoeMath#combine} (omitted if an output was not seen).
   */
  Map<Long, float[]> hiddenStates() {
    Map<Long, float[]> out = new java.util.HashMap<>();
    for (Map.Entry<Long, float[]> e : hidden.entrySet()) {
      long step = e.getKey() >>> 16;
      int layer = (int) (e.getKey() & 0xffff);
      float[] v = e.getValue();
      Map<Integer, float[]> previous = expertOutputs.getOrDefault(hiddenKey(step, layer - 1), Map.of());
      int h = previous.isEmpty() ? v.length : previous.values().iterator().next().length;
      if (v.length == h) {
        out.put(e.getKey(), v);
        continue;
      }
      int k = (v.length - h) / 2;
      if (k < 1 || h + 2 * k != v.length) {
        continue;
      }
      int[] selected = new int[k];
      float[][] outputs = new float[k][];
      for (int j = 0; j < k; j++) {
        selected[j] = (int) v[h + k + j];
        outputs[j] = previous.get(selected[j]);
      }
      if (java.util.Arrays.stream(outputs).allMatch(java.util.Objects::nonNull)) {
        out.put(e.getKey(), MoeMath.combine(java.util.Arrays.copyOf(v, h), selected,
            java.util.Arrays.copyOfRange(v, h, h + k), outputs));
      }
    }
    return out;
  }

  /** Experts each gateway asked, by {@link #hiddenKey} (step, layer of the gateway). */
  Map<Long, java.util.Set<Integer>> requestedExperts() {
    return requested;
  }

  /** The sequence's frames seen on the broker (only while watching hidden states). */
  WireTally wire() {
    return wire;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.endSession();
      }
      client.close();
    } catch (MqttException e) {
      // closing anyway
    }
  }

  /** A client whose DISCONNECT ends its session (expiry 0): a finished run's subscriptions stop queueing at once. */
  private static final class SessionEndingClient extends MqttClient {
    SessionEndingClient(String broker, String clientId) throws MqttException {
      super(broker, clientId, new MemoryPersistence());
    }

    void endSession() throws MqttException {
      org.eclipse.paho.mqttv5.common.packet.MqttProperties end = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
      end.setSessionExpiryInterval(0L);
      aClient.disconnect(5_000, null, null, 0, end).waitForCompletion(5_000);
    }
  }
}
