package org.spacemoe.hil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spacemoe.ground.placement.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.MoeModelExporter;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.WeightFormat;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Prepares a bench: exports the model, plans it with the ground planner and writes
 * {@code DATA/plan.json} and {@code DATA/model/} the way an onboard node expects them.
 * The {@code bench} preset runs on the paper's constellation; {@code tiny} on a 6 x 12 Walker star.
 */
public final class BenchWorkspace {
  /** Context length of the plan's attention FLOPs: the bench's sequences stay short. */
  static final int CONTEXT_TOKENS = 64;
  /** Hidden states travel as fp32 so the distributed run equals the reference exactly. */
  static final HiddenStateCodec CODEC = HiddenStateCodec.FP32;

  private final Scenario scenario;
  private final Placement placement;
  private final PlacementPlan plan;
  private final Path dataDir;
  private final Path modelDir;
  private final ModelManifest manifest;

  private BenchWorkspace(Scenario scenario, Placement placement, PlacementPlan plan, Path dataDir, Path modelDir,
      ModelManifest manifest) {
    this.scenario = scenario;
    this.placement = placement;
    this.plan = plan;
    this.dataDir = dataDir;
    this.modelDir = modelDir;
    this.manifest = manifest;
  }

  public static BenchWorkspace prepare(BenchOptions o) throws IOException {
    return prepare(o, shapeOf(o.preset()));
  }

  /** A workspace for any model shape (tests use shapes between the presets). */
  static BenchWorkspace prepare(BenchOptions o, MoeModelShape shape) throws IOException {
    Path data = Files.createDirectories(o.workDir().resolve("data"));
    Path model = data.resolve("model");
    ModelManifest manifest = MoeModelExporter.export(shape, o.seed(), o.zipf(), WeightFormat.FP32, model);
    MoeModel moe = shape.toMoeModel();
    String spec = shape.layers() > 8 ? "paper" : "walker-star:planes=6,sats=12,altitude-km=550,inclination-deg=87,phasing=1";
    Scenario sc = new Scenario(spec, ConstellationSpecs.parse(spec), IslRules.defaults(), 200, 1.0, o.seed(), 100e9,
        CODEC, moe, DeviceProfile.parse(o.device()), CONTEXT_TOKENS,
        ActivationStatistics.zipf(moe.layers(), moe.experts(), o.zipf()));
    Placement placement = Strategies.byName(o.strategy()).place(new PlanningContext(sc)).placement();
    PlacementPlan plan = placement.toPlan(sc, 1);
    PlanJson.write(plan, data.resolve("plan.json"));
    return new BenchWorkspace(sc, placement, plan, data, model, manifest);
  }

  static MoeModelShape shapeOf(String preset) {
    if (!"tiny".equals(preset) && !"bench".equals(preset)) {
      throw new InvalidInputException("--preset", "must be tiny or bench, got '" + preset + "' (paper is for boards)");
    }
    return MoeModelShape.preset(preset);
  }

  /** Every satellite the plan gives a role: gateways and expert hosts, in layer order. */
  public List<String> satellites() {
    Set<String> s = new LinkedHashSet<>();
    for (LayerPlacement lp : plan.layers()) {
      s.add(lp.gateway());
      lp.experts().forEach(s::addAll);
    }
    return new ArrayList<>(s);
  }

  public Scenario scenario() {
    return scenario;
  }

  public Placement placement() {
    return placement;
  }

  public PlacementPlan plan() {
    return plan;
  }

  public Path dataDir() {
    return dataDir;
  }

  public Path modelDir() {
    return modelDir;
  }

  public ModelManifest manifest() {
    return manifest;
  }
}
