package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.plan.envelope.PlanVerifier;

/**
 * The formats used together, without MQTT: an offer and chunks cross a channel that loses 30% of the chunks
 * and is cut once (the receiver restarts); the receiver's status report drives the resend of exactly what is
 * missing, until every shard is in place.
 */
class TransferSimulationTest {
  @TempDir Path dir;

  @Test
  void lossyCutTransferCompletesWithResends() throws IOException {
    KeyPair ground = PlanKeys.generate();
    Random rnd = new Random(5);
    Map<String, Path> files = new HashMap<>();
    Map<String, String> digests = new HashMap<>();
    List<ShardOffer> shards = new ArrayList<>();
    for (String name : List.of("embed", "layer00.gateway", "head")) {
      byte[] b = new byte[3000 + rnd.nextInt(5000)];
      rnd.nextBytes(b);
      Path f = dir.resolve("ground/" + name + ".onnx");
      Files.createDirectories(f.getParent());
      Files.write(f, b);
      files.put(name, f);
      ShardOffer o = ChunkPlanner.plan(name, f, 512);
      shards.add(o);
      digests.put(name, o.sha256());
    }
    PlacementPlan plan = UplinkMessagesTest.plan(8, digests);
    TransferOffer offer = TransferOffer.of(77, 8, PlanSigner.sign(PlanJson.toBytes(plan), ground, false), shards);

    // the satellite receives the offer
    TransferOffer received = (TransferOffer) UplinkMessage.decode(offer.toBytes());
    PlacementPlan verified = PlanVerifier.trusting(List.of(ground.getPublic())).verify(received.plan());
    received.checkAgainst(verified);
    Path work = dir.resolve("sat/incoming");
    List<ShardAssembler> assemblers = new ArrayList<>();
    for (ShardOffer s : received.shards()) {
      assemblers.add(ShardAssembler.open(work, s));
    }

    // round 1 sends everything, later rounds what the status says is missing
    Map<String, MissingChunks> wanted = new HashMap<>();
    for (ShardOffer s : shards) {
      wanted.put(s.name(), MissingChunks.all(s.chunkCount()));
    }
    int rounds = 0;
    int sentChunks = 0;
    while (!wanted.isEmpty()) {
      rounds++;
      for (int si = 0; si < shards.size(); si++) {
        ShardOffer s = shards.get(si);
        MissingChunks m = wanted.getOrDefault(s.name(), MissingChunks.none());
        List<Integer> idx = new ArrayList<>();
        m.forEach(idx::add);
        for (int i : idx) {
          byte[] wire = ChunkPlanner.read(files.get(s.name()), 77, si, s, i).toBytes();
          sentChunks++;
          if (rnd.nextDouble() < 0.3) {
            continue; // lost
          }
          ShardChunk c = (ShardChunk) UplinkMessage.decode(wire);
          assertEquals(ShardAssembler.ChunkOutcome.STORED, assemblers.get(c.shardIndex()).accept(c));
        }
      }
      if (rounds == 1) { // cut: the satellite restarts from its files
        for (int k = 0; k < assemblers.size(); k++) {
          assemblers.set(k, ShardAssembler.open(work, received.shards().get(k)));
        }
      }
      Map<String, MissingChunks> missing = new HashMap<>();
      for (ShardAssembler a : assemblers) {
        if (!a.missing().isEmpty()) {
          missing.put(a.shard().name(), a.missing());
        }
      }
      StatusReport report = StatusReport.of("A", 77, 8, missing.isEmpty() ? UplinkStage.RECEIVED : UplinkStage.SENT,
          null, null, missing, null, 0, 0, System.currentTimeMillis());
      wanted = new HashMap<>(StatusReport.parse("status", report.toJson()).missing());
      assertTrue(rounds < 40, "does not converge");
    }
    for (ShardAssembler a : assemblers) {
      Path done = a.finish(dir.resolve("sat/shards/" + a.shard().name() + ".onnx"));
      assertArrayEquals(Files.readAllBytes(files.get(a.shard().name())), Files.readAllBytes(done));
    }
    int total = shards.stream().mapToInt(ShardOffer::chunkCount).sum();
    assertTrue(rounds >= 2 && sentChunks < total * 2, rounds + " rounds, " + sentChunks + " chunks for " + total);
  }
}
