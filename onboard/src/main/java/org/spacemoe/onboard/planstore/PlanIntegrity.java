package org.spacemoe.onboard.planstore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/**
 * Re-checks a plan directory against what was checked when it was staged: {@code COMPLETE} present, plan files
 * readable and of the right version, the manifest valid, and every shard held exactly the file recorded (size and
 * SHA-256 as in {@code COMPLETE}, the manifest and the plan's digests), with no other shard file in the model
 * directory. Reads every shard once; done before a plan is activated.
 */
public final class PlanIntegrity {
  private PlanIntegrity() {}

  /** The problems found, empty if the directory is intact. */
  public static List<String> problems(StoredPlan sp) {
    List<String> problems = new ArrayList<>();
    Path dir = sp.directory();
    CompleteMarker marker;
    try {
      marker = CompleteMarker.parse(Files.readAllBytes(dir.resolve(CompleteMarker.NAME)));
    } catch (IOException | IllegalArgumentException e) {
      problems.add(dir + ": " + CompleteMarker.NAME + " missing or unreadable: " + e.getMessage());
      return problems;
    }
    if (marker.version() != sp.version() || !marker.shards().equals(sp.shards())) {
      problems.add(dir + ": " + CompleteMarker.NAME + " says v" + marker.version() + " " + marker.shards().keySet()
          + ", the store holds v" + sp.version() + " " + sp.shards().keySet());
    }
    try {
      PlacementPlan onDisk = PlanJson.read(dir.resolve(PlanStore.PLAN_FILE));
      if (onDisk.planVersion() != sp.version()) {
        problems.add(dir + ": plan.json is v" + onDisk.planVersion());
      }
    } catch (InvalidInputException e) {
      problems.add(e.getMessage());
    }
    if (!Files.isRegularFile(dir.resolve(PlanStore.SIGNED_PLAN_FILE))) {
      problems.add(dir + ": " + PlanStore.SIGNED_PLAN_FILE + " is missing");
    }
    ModelManifest manifest;
    try {
      manifest = ModelManifest.read(sp.modelDir().resolve(ShardContract.MANIFEST_FILE));
    } catch (InvalidInputException e) {
      problems.add(e.getMessage());
      return problems;
    }
    Map<String, String> planDigests = sp.plan().shardDigests();
    for (Map.Entry<String, String> held : sp.shards().entrySet()) {
      String name = held.getKey();
      ShardEntry entry = manifest.shard(name);
      Path file = sp.modelDir().resolve(ShardContract.fileName(name));
      if (entry == null) {
        problems.add(file + ": not in the manifest");
        continue;
      }
      try {
        long size = Files.size(file);
        String sha = Durable.sha256(file);
        if (size != entry.bytes() || !sha.equals(held.getValue()) || !sha.equals(entry.sha256())
            || (planDigests.containsKey(name) && !sha.equals(planDigests.get(name)))) {
          problems.add(file + ": " + size + " bytes, SHA-256 " + sha + "; expected " + entry.bytes() + " bytes, "
              + held.getValue());
        }
      } catch (IOException e) {
        problems.add(file + ": unreadable: " + e);
      }
    }
    Set<String> files = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(sp.modelDir())) {
      ds.forEach(p -> files.add(p.getFileName().toString()));
    } catch (IOException e) {
      problems.add(sp.modelDir() + ": cannot list: " + e);
    }
    files.remove(ShardContract.MANIFEST_FILE);
    Set<String> expected = new TreeSet<>();
    sp.shards().keySet().forEach(n -> expected.add(ShardContract.fileName(n)));
    if (!files.equals(expected)) {
      problems.add(sp.modelDir() + ": holds " + files + ", expected " + expected);
    }
    return problems;
  }
}
