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
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.spacemoe.ground.ops.BrokerConnection;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.plan.PlacementPlan;
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

  private final MqttClient client;
  private final BlockingQueue<StatusReport> reports = new LinkedBlockingQueue<>();

  /** Connects to a plain {@code tcp://} broker. */
  public UplinkSession(String broker) {
    this(BrokerConnection.of(broker));
  }

  /** Connects (TLS when the connection says so) and listens to every satellite's status topic. */
  public UplinkSession(BrokerConnection broker) {
    client = broker.connect("spacemoe-uplink-");
    try {
      client.subscribe(new MqttSubscription[] {new MqttSubscription(UplinkTopics.ALL_STATUS, 1)},
          new IMqttMessageListener[] {(topic, msg) -> {
            try {
              reports.add(StatusReport.parse(topic, msg.getPayload()));
            } catch (RuntimeException e) {
              // not ours to judge: a malformed report is ignored
            }
          }});
    } catch (MqttException e) {
      close();
      throw new InvalidInputException("--broker", "cannot subscribe on " + broker.uri() + ": " + e.getMessage());
    }
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
        shards.add(ChunkPlanner.plan(e.getKey(), e.getValue(), ShardChunk.DEFAULT_CHUNK_BYTES));
      }
      offers.put(sat, TransferOffer.of(transferId(signed, sat), plan.planVersion(), signed, shards));
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
    while (!allDone(states) && System.nanoTime() < deadline) {
      StatusReport r = reports.poll(200, TimeUnit.MILLISECONDS);
      if (r == null) {
        continue;
      }
      TransferOffer offer = offers.get(r.satellite());
      if (offer == null || r.transferId() != offer.transferId() || r.stage() == null) {
        continue;
      }
      states.put(r.satellite(), SatelliteState.of(r));
      if (r.stage() == UplinkStage.RECEIVED && r.missing() != null) {
        sendMissing(r.satellite(), offer, files.get(r.satellite()), r.missing());
      }
      progress.accept(states);
    }
    return states;
  }

  private void sendMissing(String satellite, TransferOffer offer, Map<String, Path> files,
      Map<String, MissingChunks> missing) throws IOException, MqttException {
    String topic = UplinkTopics.command(satellite);
    for (int i = 0; i < offer.shards().size(); i++) {
      ShardOffer s = offer.shards().get(i);
      MissingChunks m = missing.get(s.name());
      if (m == null) {
        continue;
      }
      for (MissingChunks.Range range : m.ranges()) {
        for (int c = range.first(); c <= range.last(); c++) {
          ShardChunk chunk = ChunkPlanner.read(files.get(s.name()), offer.transferId(), i, s, c);
          publish(topic, chunk.toBytes());
        }
      }
    }
  }

  private static boolean allDone(Map<String, SatelliteState> states) {
    return states.values().stream().allMatch(s -> s.stage() == UplinkStage.STAGED || s.stage() == UplinkStage.REJECTED
        || s.stage() == UplinkStage.ACTIVE);
  }

  /**
   * Sends {@code command} to every satellite and waits for their reports on it.
   *
   * @return per satellite its final state (ACTIVE, REJECTED, or SENT when it did not answer in time)
   */
  public Map<String, SatelliteState> command(List<String> satellites, Command command, long timeoutMs)
      throws MqttException, InterruptedException {
    Map<String, SatelliteState> states = new LinkedHashMap<>();
    for (String sat : satellites) {
      publish(UplinkTopics.command(sat), command.toBytes());
      states.put(sat, SatelliteState.of(UplinkStage.SENT));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    int answered = 0;
    while (answered < satellites.size() && System.nanoTime() < deadline) {
      StatusReport r = reports.poll(200, TimeUnit.MILLISECONDS);
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
      StatusReport r = reports.poll(50, TimeUnit.MILLISECONDS);
      if (r != null) {
        latest.put(r.satellite(), r);
      }
    }
    return latest;
  }

  private void publish(String topic, byte[] payload) throws MqttException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    client.publish(topic, m);
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
