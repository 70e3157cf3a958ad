package org.spacemoe.ground.ops.uplink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.spacemoe.ground.ops.BrokerConnection;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import org.spacemoe.shared.plan.envelope.SignedPlan;
import org.spacemoe.shared.uplink.ChunkPlanner;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.MissingChunks;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.ShardChunk;
import org.spacemoe.shared.uplink.ShardOffer;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.TransferOffer;
import org.spacemoe.shared.uplink.UplinkStage;
import org.spacemoe.shared.uplink.UplinkTopics;

/**
 * The ground side of an uplink over MQTT: offers each satellite the signed plan and only the shards it needs,
 * sends exactly the chunks a satellite reports missing (so a cut transfer resumes where it stopped), and
 * tracks every satellite's stage from its status reports until all are staged, one is rejected, or time runs
 * out. Also sends activation and rollback commands.
 */
public final class UplinkSession implements AutoCloseable {
  /** Per satellite: its stage and, when rejected, why. */
  public record SatelliteState(UplinkStage stage, String reason, String detail, long activeVersion, long stagedVersion) {
    static SatelliteState of(UplinkStage stage) {
      return new SatelliteState(stage, null, null, 0, 0);
    }

    static SatelliteState of(StatusReport r) {
      return new SatelliteState(r.stage(), r.reason() == null ? null : r.reason().name(), r.detail(),
          r.activePlanVersion(), r.stagedPlanVersion());
    }
  }

  /**
   * Chunks of one satellite's transfer: in its offer, requested by it in this session (the chunks it reported
   * missing; -1 until it answered the offer, 0 if it had them all), and sent by this session; bytes: the shard
   * bytes in the offer (what the satellite needs for this plan) and the chunk payload bytes sent. A resumed transfer
   * requests fewer than offered; {@code sent == requested} once every requested chunk went out.
   */
  public record ChunkProgress(long offered, long requested, long sent, long bytesOffered, long bytesSent) {
    /** Counts without bytes (tests, tables). */
    public ChunkProgress(long offered, long requested, long sent) {
      this(offered, requested, sent, 0, 0);
    }

    ChunkProgress requested(long n) {
      return new ChunkProgress(offered, n, sent, bytesOffered, bytesSent);
    }

    ChunkProgress oneSent(long bytes) {
      return new ChunkProgress(offered, requested, sent + 1, bytesOffered, bytesSent + bytes);
    }
  }

  /** A status report and whether the broker delivered it as a retained message (sent before we subscribed). */
  private record Heard(StatusReport report, boolean retained) {}

  private final MqttClient client;
  private final BlockingQueue<Heard> reports = new LinkedBlockingQueue<>();
  private final Map<String, Long> heartbeats = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, ChunkProgress> chunks = new java.util.concurrent.ConcurrentHashMap<>();
  private int chunkBytes = ShardChunk.DEFAULT_CHUNK_BYTES;
  private long chunkBudget = Long.MAX_VALUE;
  private long chunksSent;
  private long bytesSent;
  private long reoffers;
  private long reofferAfterMs = 5_000;
  private boolean cut;
  private final String brokerUri;
  private boolean heartbeatsSubscribed;

  /** Connects to a plain {@code tcp://} broker. */
  public UplinkSession(String broker) {
    this(BrokerConnection.of(broker));
  }

  /**
   * Connects (TLS when the connection says so) and listens to every satellite's status topic; heartbeats only once
   * {@link #awaitReportedIn} asks for them (a command needs none).
   */
  public UplinkSession(BrokerConnection broker) {
    client = broker.connect("spacemoe-uplink-");
    brokerUri = broker.uri();
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(UplinkTopics.ALL_STATUS, 1)},
          new IMqttMessageListener[] {(topic, msg) -> {
            try {
              reports.add(new Heard(StatusReport.parse(topic, msg.getPayload()), msg.isRetained()));
            } catch (RuntimeException e) {
              // not ours to judge: a malformed report is ignored
            }
          }});
    } catch (MqttException e) {
      close();
      throw new InvalidInputException("--broker", "cannot subscribe on " + broker.uri() + ": " + e.getMessage());
    }
  }

  private synchronized void listenToHeartbeats() {
    if (heartbeatsSubscribed) {
      return;
    }
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(FrameTopics.ALL_TELEMETRY, 0)},
          new IMqttMessageListener[] {(topic, msg) -> heardHeartbeat(msg.getPayload())});
    } catch (MqttException e) {
      throw new InvalidInputException("--broker", "cannot subscribe to heartbeats on " + brokerUri + ": "
          + e.getMessage());
    }
    heartbeatsSubscribed = true;
  }

  private void heardHeartbeat(byte[] payload) {
    try {
      SatelliteTelemetry t = PlanJson.mapper().readValue(payload, SatelliteTelemetry.class);
      if (t.satellite() != null) {
        heartbeats.merge(t.satellite(), t.timestampMs(), Math::max);
      }
    } catch (IOException | RuntimeException e) {
      // a heartbeat that does not parse says nothing about its satellite
    }
  }

  /**
   * Waits up to {@code waitMs} until each of {@code satellites} has a heartbeat (retained or live) stamped at most
   * {@code maxAgeMs} before now (the broker keeps a dead satellite's last heartbeat).
   *
   * @return the satellites not heard in time, in the given order (empty: all reported in)
   */
  public List<String> awaitReportedIn(java.util.Collection<String> satellites, long waitMs, long maxAgeMs)
      throws InterruptedException {
    listenToHeartbeats();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    while (true) {
      long oldest = System.currentTimeMillis() - maxAgeMs;
      List<String> silent = satellites.stream().filter(s -> heartbeats.getOrDefault(s, Long.MIN_VALUE) < oldest)
          .toList();
      if (silent.isEmpty() || System.nanoTime() >= deadline) {
        return silent;
      }
      Thread.sleep(50);
    }
  }

  /** Chunk size of the shards offered by later uplinks, in bytes (default 64 KiB). */
  public UplinkSession chunkBytes(int bytes) {
    if (bytes < 1 || bytes > ShardChunk.MAX_CHUNK_BYTES) {
      throw new InvalidInputException("--chunk-bytes", "must be in [1, " + ShardChunk.MAX_CHUNK_BYTES + "], got " + bytes);
    }
    this.chunkBytes = bytes;
    return this;
  }

  /**
   * Emulates a link cut: after {@code n} chunks this session sends nothing more and {@link #uplink} returns at
   * once with the stages reached (a later session resumes the transfer).
   */
  public UplinkSession stopAfterChunks(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("chunk budget " + n);
    }
    this.chunkBudget = n;
    return this;
  }

  /**
   * When no satellite has reported for this long while transfers are unfinished (chunks lost with a node that
   * restarted, a link that dropped them), the offer is re-sent to each unfinished satellite, which answers with
   * the chunks it still misses. A satellite handles messages in order, so the answer counts every chunk sent
   * before it: nothing is sent twice for a node that was merely slow. Default 5 s.
   */
  public UplinkSession reofferAfterMs(long ms) {
    if (ms < 1) {
      throw new IllegalArgumentException("re-offer interval " + ms);
    }
    this.reofferAfterMs = ms;
    return this;
  }

  /** Offers re-sent because satellites fell silent (see {@link #reofferAfterMs}). */
  public long reoffers() {
    return reoffers;
  }

  /** Chunks this session has published (each acknowledged by the broker), over all satellites. */
  public long chunksSent() {
    return chunksSent;
  }

  /** Shard bytes (chunk payloads) this session has published, over all satellites. */
  public long bytesSent() {
    return bytesSent;
  }

  /** Whether {@link #stopAfterChunks} cut the last uplink short. */
  public boolean wasCut() {
    return cut;
  }

  /** Per satellite, its chunk counts in the current uplink. */
  public Map<String, ChunkProgress> chunkProgress() {
    return new java.util.TreeMap<>(chunks);
  }

  /**
   * Transfer id of a signed plan for one satellite: stable for the same envelope (Ed25519 signatures are
   * deterministic), so a restarted uplink resumes the same transfer, and different for any other envelope.
   */
  static long transferId(SignedPlan signed, String satellite) {
    long h = java.util.Arrays.hashCode(signed.signatureBytes()) * 0x9E3779B97F4A7C15L
        ^ satellite.hashCode() * 0xBF58476D1CE4E5B9L ^ signed.payloadBytes().length;
    return (h & Long.MAX_VALUE) == 0 ? 1 : (h & Long.MAX_VALUE);
  }

  /**
   * Uplinks {@code signed} (whose plan is {@code plan}, with shard digests) and the shards in {@code modelDir}.
   *
   * @return the final state of every satellite
   */
  public Map<String, SatelliteState> uplink(PlacementPlan plan, SignedPlan signed, Path modelDir, long timeoutMs,
      Consumer<Map<String, SatelliteState>> progress) throws MqttException, IOException, InterruptedException {
    Map<String, TransferOffer> offers = new LinkedHashMap<>();
    Map<String, Map<String, Path>> files = new LinkedHashMap<>();
    Map<String, SatelliteState> states = new LinkedHashMap<>();
    for (String sat : PlanShards.satellites(plan)) {
      List<ShardOffer> shards = new ArrayList<>();
      Map<String, Path> f = new LinkedHashMap<>();
      f.put(ShardContract.MANIFEST_FILE, modelDir.resolve(ShardContract.MANIFEST_FILE));
      for (String name : PlanShards.needed(plan, sat)) {
        f.put(name, modelDir.resolve(ShardContract.fileName(name)));
      }
      for (Map.Entry<String, Path> e : f.entrySet()) {
        shards.add(ChunkPlanner.plan(e.getKey(), e.getValue(), chunkBytes));
      }
      offers.put(sat, TransferOffer.of(transferId(signed, sat), plan.planVersion(), signed, shards));
      long offered = shards.stream().mapToLong(ShardOffer::chunkCount).sum();
      long bytes = shards.stream().mapToLong(ShardOffer::bytes).sum();
      chunks.put(sat, new ChunkProgress(offered, -1, 0, bytes, 0));
      files.put(sat, f);
      states.put(sat, SatelliteState.of(UplinkStage.QUEUED));
    }
    progress.accept(states);
    for (Map.Entry<String, TransferOffer> e : offers.entrySet()) {
      publish(UplinkTopics.command(e.getKey()), e.getValue().toBytes());
      states.put(e.getKey(), SatelliteState.of(UplinkStage.SENT));
    }
    progress.accept(states);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    cut = false;
    long lastHeard = System.nanoTime();
    while (!allDone(states) && !cut && System.nanoTime() < deadline) {
      Heard h = reports.poll(200, TimeUnit.MILLISECONDS);
      if (h == null && System.nanoTime() - lastHeard > TimeUnit.MILLISECONDS.toNanos(reofferAfterMs)) {
        for (Map.Entry<String, TransferOffer> e : offers.entrySet()) {
          UplinkStage st = states.get(e.getKey()).stage();
          if (st == UplinkStage.SENT || st == UplinkStage.RECEIVED || st == UplinkStage.VERIFIED) {
            publish(UplinkTopics.command(e.getKey()), e.getValue().toBytes());
            reoffers++;
          }
        }
        lastHeard = System.nanoTime();
        continue;
      }
      if (h == null || h.retained()) {
        continue; // a retained report predates this session's offer: it may list chunks already delivered
      }
      StatusReport r = h.report();
      TransferOffer offer = offers.get(r.satellite());
      if (offer == null || r.transferId() != offer.transferId() || r.stage() == null) {
        continue;
      }
      lastHeard = System.nanoTime();
      states.put(r.satellite(), SatelliteState.of(r));
      if (r.stage() != UplinkStage.RECEIVED) {
        chunks.computeIfPresent(r.satellite(), (k, c) -> c.requested() < 0 ? c.requested(0) : c);
      }
      if (r.stage() == UplinkStage.RECEIVED && r.missing() != null) {
        long missing = r.missing().values().stream().mapToLong(MissingChunks::count).sum();
        chunks.computeIfPresent(r.satellite(), (k, c) -> c.requested(c.sent() + missing));
        progress.accept(states);
        sendMissing(r.satellite(), offer, files.get(r.satellite()), r.missing(), states, progress);
        lastHeard = System.nanoTime(); // silence is counted from the last chunk sent
      }
      progress.accept(states);
    }
    return states;
  }

  private void sendMissing(String satellite, TransferOffer offer, Map<String, Path> files,
      Map<String, MissingChunks> missing, Map<String, SatelliteState> states,
      Consumer<Map<String, SatelliteState>> progress) throws IOException, MqttException {
    String topic = UplinkTopics.command(satellite);
    long lastShown = System.nanoTime();
    for (int i = 0; i < offer.shards().size(); i++) {
      ShardOffer s = offer.shards().get(i);
      MissingChunks m = missing.get(s.name());
      if (m == null) {
        continue;
      }
      for (MissingChunks.Range range : m.ranges()) {
        for (int c = range.first(); c <= range.last(); c++) {
          if (chunksSent >= chunkBudget) {
            cut = true;
            return;
          }
          ShardChunk chunk = ChunkPlanner.read(files.get(s.name()), offer.transferId(), i, s, c);
          publish(topic, chunk.toBytes());
          chunksSent++;
          bytesSent += chunk.payload().length;
          chunks.computeIfPresent(satellite, (k, p) -> p.oneSent(chunk.payload().length));
          if (System.nanoTime() - lastShown > 100_000_000L) {
            lastShown = System.nanoTime();
            progress.accept(states);
          }
        }
      }
    }
  }

  private static boolean allDone(Map<String, SatelliteState> states) {
    return states.values().stream().allMatch(s -> s.stage() == UplinkStage.STAGED || s.stage() == UplinkStage.REJECTED
        || s.stage() == UplinkStage.ACTIVE);
  }

  /**
   * Sends {@code command} to every satellite, signed for each with its own counter, and waits for their reports.
   *
   * @return per satellite its final state (ACTIVE, REJECTED, or SENT when it did not answer in time)
   */
  public Map<String, SatelliteState> command(List<String> satellites, Command command, CommandIssuer issuer,
      long timeoutMs) throws MqttException, InterruptedException, IOException {
    Map<String, SatelliteState> states = new LinkedHashMap<>();
    for (String sat : satellites) {
      publish(UplinkTopics.command(sat), issuer.issue(command, sat).toBytes());
      states.put(sat, SatelliteState.of(UplinkStage.SENT));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    int answered = 0;
    while (answered < satellites.size() && System.nanoTime() < deadline) {
      Heard h = reports.poll(200, TimeUnit.MILLISECONDS);
      StatusReport r = h == null || h.retained() ? null : h.report(); // retained: older than this command
      if (r == null || !command.commandId().equals(r.commandId()) || !states.containsKey(r.satellite())) {
        continue;
      }
      if (states.get(r.satellite()).stage() == UplinkStage.SENT) {
        answered++;
      }
      states.put(r.satellite(), SatelliteState.of(r));
    }
    return states;
  }

  /** The latest retained status of each satellite (after listening {@code waitMs}). */
  public Map<String, StatusReport> latestStatus(long waitMs) throws InterruptedException {
    Map<String, StatusReport> latest = new LinkedHashMap<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
    while (System.nanoTime() < deadline) {
      Heard h = reports.poll(50, TimeUnit.MILLISECONDS);
      if (h != null) {
        latest.put(h.report().satellite(), h.report());
      }
    }
    return latest;
  }

  /** Publishes raw bytes on any topic (QoS 1): for attack drills. */
  public void publishFrame(String topic, byte[] payload) throws MqttException {
    publish(topic, payload);
  }

  /** Publishes raw bytes on {@code satellite}'s command topic (QoS 1): for tests and attack drills. */
  public void publishRaw(String satellite, byte[] payload) throws MqttException {
    publish(UplinkTopics.command(satellite), payload);
  }

  /**
   * The next report answering {@code commandId} from {@code satellite} within {@code timeoutMs}, or null.
   * Reports on other commands heard meanwhile are dropped.
   */
  public StatusReport awaitAnswer(String satellite, String commandId, long timeoutMs) throws InterruptedException {
    return awaitReport(r -> satellite.equals(r.satellite()) && commandId.equals(r.commandId()), timeoutMs);
  }

  /** The next live (not retained) report matching {@code which} within {@code timeoutMs}, or null. */
  public StatusReport awaitReport(java.util.function.Predicate<StatusReport> which, long timeoutMs)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      Heard h = reports.poll(50, TimeUnit.MILLISECONDS);
      if (h != null && !h.retained() && which.test(h.report())) {
        return h.report();
      }
    }
    return null;
  }

  /**
   * Publishes at QoS 1 and waits for the PUBACK. Paho may still count the previous publish in flight right after
   * its PUBACK (32202, "too many publishes in progress", with a broker receive maximum as small as HiveMQ's 10):
   * that one is retried after a short pause, for at most 10 s.
   */
  private void publish(String topic, byte[] payload) throws MqttException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        client.publish(topic, m);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
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
