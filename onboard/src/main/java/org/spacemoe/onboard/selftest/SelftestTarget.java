package org.spacemoe.onboard.selftest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.spacemoe.onboard.planstore.NodeShards;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/**
 * The shards a selftest checks and where they are.
 *
 * @param modelDir the directory with {@code manifest.json} and the shard files
 * @param manifest its manifest
 * @param shards the shards to check, in manifest order
 * @param source what chose them, for the report
 */
record SelftestTarget(Path modelDir, ModelManifest manifest, List<ShardEntry> shards, String source) {
  /** Every shard of an exported model directory. */
  static SelftestTarget allOf(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      throw new InvalidInputException("--shards", "'" + modelDir + "' is not a directory");
    }
    ModelManifest m = ModelManifest.read(modelDir);
    return new SelftestTarget(modelDir, m, m.shards(), "every shard of " + modelDir);
  }

  /**
   * The shards the configured satellites play under {@code PLAN_DIR/plan.json}, from {@code PLAN_DIR/model/}: the
   * same selection as the runtime ({@link NodeShards}). {@code planDir} null: {@code DATA_DIR}.
   */
  static SelftestTarget ofNode(OnboardSettings s, Path config, Path planDir) {
    if (s.satellites().isEmpty()) {
      throw new InvalidInputException(config.toString(), "spacemoe.onboard.satellites is empty: name the satellites"
          + " this board plays, or give --shards DIR");
    }
    Path dir = planDir != null ? planDir : s.dataDir();
    Path planFile = dir.resolve("plan.json");
    if (!Files.exists(planFile)) {
      String hint = planDir != null ? "--plan-dir names a directory with plan.json and model/"
          : s.overTheAir() ? "this node takes its plans over the air (trusted-keys): give --plan-dir"
          + " DATA_DIR/store/plans/VERSION" : "copy the plan there, or give --plan-dir DIR or --shards DIR";
      throw new InvalidInputException(planFile.toString(), "no such file (" + hint + ")");
    }
    PlacementPlan plan = PlanJson.read(planFile);
    Path modelDir = dir.resolve("model");
    ModelManifest m = ModelManifest.read(modelDir);
    SortedSet<String> names = NodeShards.union(NodeShards.bySatellite(plan, s.satellites()));
    if (names.isEmpty()) {
      throw new InvalidInputException(config.toString(), "satellites " + s.satellites() + " have no role in "
          + planFile);
    }
    List<ShardEntry> shards = new ArrayList<>();
    for (ShardEntry e : m.shards()) {
      if (names.contains(e.name())) {
        shards.add(e);
      }
    }
    if (shards.size() != names.size()) {
      List<String> missing = new ArrayList<>(names);
      shards.forEach(e -> missing.remove(e.name()));
      throw new InvalidInputException(modelDir.resolve(ShardContract.MANIFEST_FILE).toString(),
          "lacks the shards " + missing + " the plan gives " + s.satellites());
    }
    return new SelftestTarget(modelDir, m, shards, "the shards of " + String.join(", ", s.satellites())
        + " under " + planFile);
  }
}
