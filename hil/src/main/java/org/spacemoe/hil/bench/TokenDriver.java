package org.spacemoe.hil.bench;

import org.spacemoe.shared.model.MoeMath;

import java.nio.charset.StandardCharsets;
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

/**
 * The ground side of a bench: starts a sequence at the entry satellite, records when each token arrives
 * (on the sequence's token topic) and, optionally, every inter-layer hidden state of that sequence crossing the
 * broker, with the bytes of every frame of that sequence (other sequences on the same broker are ignored).
 */
final class TokenDriver implements AutoCloseable {
  /** A token as it arrived. */
  record Arrival(long step, int token, long nanos) {}

  private final ActivationFrameCodec codec = new ActivationFrameCodec();
  private final MqttClient client;
  private final List<Arrival> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Map<Long, float[]> hidden = new ConcurrentHashMap<>();
  private final WireTally wire = new WireTally();
  private final Map<Long, java.util.Set<Integer>> requested = new ConcurrentHashMap<>();
  /** Expert outputs of the watched sequence, by {@link #hiddenKey}(step, expert layer), then expert. */
  private final Map<Long, Map<Integer, float[]>> expertOutputs = new ConcurrentHashMap<>();
  private CountDownLatch done;

  TokenDriver(String broker) throws MqttException {
    client = new MqttClient(broker, "spacemoe-bench-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setTopicAliasMaximum(0);
    if (broker.startsWith("tcp://")) {
      o.setSocketFactory(new org.spacemoe.onboard.transport.NoDelaySocketFactory());
    }
    client.connect(o);
  }

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
  boolean run(long planVersion, String entry, long seq, int[] prompt, int newTokens, boolean watchHidden,
      long timeoutMs, IntConsumer progress) throws MqttException, InterruptedException {
    int expected = newTokens;
    done = new CountDownLatch(1);
    IMqttMessageListener onToken = (topic, msg) -> {
      long now = System.nanoTime();
      try {
        ActivationFrame f = codec.decode(msg.getPayload());
        if (f.tokenStep() >= prompt.length - 1) {
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
      errors.add(new String(msg.getPayload(), StandardCharsets.UTF_8));
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
    }
    client.subscribe(subs.toArray(new MqttSubscription[0]), listeners.toArray(new IMqttMessageListener[0]));
    MqttMessage start = new MqttMessage(codec.encode(Frames.start(planVersion, seq, prompt, newTokens)));
    start.setQos(1);
    client.publish(FrameTopics.satelliteInbound(entry), start);
    boolean finished = done.await(timeoutMs, TimeUnit.MILLISECONDS);
    return finished && errors.isEmpty() && arrivals.size() >= expected;
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
        client.disconnect();
      }
      client.close();
    } catch (MqttException e) {
      // closing anyway
    }
  }
}
