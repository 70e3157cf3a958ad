package org.spacemoe.ground.ops.uplink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * A plan ready to sign: its {@code shardDigests} name the SHA-256 of every shard in the model directory and
 * of the manifest itself, so the signature covers every byte a satellite will run.
 */
public final class PlanForUplink {
  private PlanForUplink() {}

  public static PlacementPlan withDigests(PlacementPlan plan, Path modelDir, long planVersion) throws IOException {
    ModelManifest manifest = ModelManifest.read(modelDir);
    Map<String, String> digests = new TreeMap<>();
    for (ShardEntry e : manifest.shards()) {
      digests.put(e.name(), e.sha256());
    }
    digests.put(ShardContract.MANIFEST_FILE, sha256(modelDir.resolve(ShardContract.MANIFEST_FILE)));
    return new PlacementPlan(plan.schemaVersion(), planVersion, plan.strategy(), plan.constellationId(),
        plan.layers(), digests, plan.inputs(), plan.linkCodecs());
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
