package org.spacemoe.hil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.ground.placement.PlanningContext;
import org.spacemoe.ground.placement.Strategies;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.ground.split.SplitLayout;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.ground.placement.joint.JointPlacement;
import org.spacemoe.modelexport.MoeModelExporter;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.WeightFormat;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.LinkCodecs;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.stats.ActivationStatistics;

/**
 * Prepares a bench: exports the model, plans it with the ground planner and writes
 * {@code DATA/plan.json} and {@code DATA/model/} the way an onboard node expects them.
 * The plan's links all use the options' codec (fp32: the distributed run equals the reference exactly).
 * The {@code bench} preset runs on the paper's constellation; {@code tiny} on a 6 x 12 Walker star.
 */
public final class BenchWorkspace {
  /** Context length of the plan's attention FLOPs: the bench's sequences stay short. */
  static final int CONTEXT_TOKENS = 64;
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
    return prepare(o, false);
  }

  /** @param gatewayStandbys plan a standby gateway for every layer ({@code ground plan --gateway-standby}) */
  public static BenchWorkspace prepare(BenchOptions o, boolean gatewayStandbys) throws IOException {
    return prepare(o, shapeOf(o.preset()), gatewayStandbys);
  }

  /** A workspace for any model shape (tests use shapes between the presets). */
  static BenchWorkspace prepare(BenchOptions o, MoeModelShape shape) throws IOException {
    return prepare(o, shape, false);
  }

  static BenchWorkspace prepare(BenchOptions o, MoeModelShape shape, boolean gatewayStandbys) throws IOException {
    Path data = Files.createDirectories(o.workDir().resolve("data"));
    Path model = data.resolve("model");
    MoeModel moe = shape.toMoeModel();
    String spec = shape.layers() > 8 ? "paper" : "walker-star:planes=6,sats=12,altitude-km=550,inclination-deg=87,phasing=1";
    Scenario sc = new Scenario(spec, ConstellationSpecs.parse(spec), IslRules.defaults(), 200, 1.0, o.seed(), 100e9,
        o.codec(), moe, DeviceProfile.parse(o.device()), CONTEXT_TOKENS,
        ActivationStatistics.zipf(moe.layers(), moe.experts(), o.zipf()));
    SplitLayout split = o.split() == null ? null : SplitLayout.read(o.split());
    Placement placement = split != null ? splitPlacement(split, moe, sc) : place(o, sc);
    ModelManifest manifest = MoeModelExporter.export(shape, o.seed(), o.zipf(), WeightFormat.FP32, model,
        splitWidths(placement), (s, i, n) -> { });
    PlacementPlan plan = placement.toPlan(sc, 1);
    if (gatewayStandbys) {
      plan = org.spacemoe.ground.placement.GatewayStandbys.assign(plan, sc);
    }
    LinkCodecs codecs = split != null ? splitCodecs(split, o.codec()) : LinkCodecs.uniform(o.codec());
    if (!codecs.allFp32()) {
      // fp32 plans keep no linkCodecs field (same bytes as before)
      plan = plan.withLinkCodecs(codecs);
    }
    PlanJson.write(plan, data.resolve("plan.json"));
    return new BenchWorkspace(sc, placement, plan, data, model, manifest);
  }

  /** The strategy's placement; joint with tensor-parallel splits up to the options' width (0: joint's default). */
  private static Placement place(BenchOptions o, Scenario sc) {
    var strategy = Strategies.byName(o.strategy());
    if (o.tensorParallelWidth() > 0 && strategy instanceof JointPlacement jp) {
      return jp.withMaxSplitWidth(o.tensorParallelWidth()).optimise(new PlanningContext(sc)).result().placement();
    }
    return strategy.place(new PlanningContext(sc)).placement();
  }

  /** The split widths {@code p} uses (the model's export writes their shards). */
  static Set<Integer> splitWidths(Placement p) {
    Set<Integer> widths = new java.util.TreeSet<>();
    for (int w : p.split().attentionWidths()) {
      if (w > 1) {
        widths.add(w);
      }
    }
    if (p.split().headWidth() > 1) {
      widths.add(p.split().headWidth());
    }
    return widths;
  }

  /** Whether some layer's attention or the LM head runs split (the run then differs from the reference in rounding). */
  public boolean tensorParallel() {
    return placement.split().any();
  }

  /**
   * A split's cut codecs as link codecs: the cut before stage {@code s + 1} starts at unit {@code ends[s]} (unit
   * {@code l + 1} is layer {@code l}), so its hidden state is the HIDDEN frame entering that layer. A cut next to
   * the embedding or the head sends no frame (the runtime runs them with their layers). Other links: {@code
   * defaultCodec}.
   */
  static LinkCodecs splitCodecs(SplitLayout split, HiddenStateCodec defaultCodec) {
    java.util.Map<String, String> byLayer = new java.util.TreeMap<>();
    int layers = split.model().layers();
    for (int s = 0; s < split.plan().cutCodecs().size(); s++) {
      int layer = split.plan().ends().get(s) - 1;
      if (layer >= 1 && layer <= layers - 1) {
        byLayer.put(Integer.toString(layer), split.plan().cutCodecs().get(s).wireName());
      }
    }
    return new LinkCodecs(defaultCodec.wireName(), null, null, null, byLayer.isEmpty() ? null : byLayer);
  }

  /** The placement of a {@code ground split} result: each layer, with all its experts, on its stage's satellite. */
  private static Placement splitPlacement(SplitLayout split, MoeModel moe, Scenario sc) {
    Path file = Path.of(split.file());
    if (!split.plannedFor(moe)) {
      MoeModel m = split.model();
      throw new InvalidInputException("--split", file + " was planned for " + m.name() + " (" + m.layers() + " layers x "
          + m.experts() + " experts, hidden " + m.hidden() + "), not the bench model (plan it with --model custom:layers=" + moe.layers() + ",experts=" + moe.experts() + ",top-k="
          + moe.topK() + ",hidden=" + moe.hidden() + ",expert-width=" + moe.expertWidth() + ",vocab=" + moe.vocab()
          + " --constellation " + sc.constellationSpec() + ")");
    }
    return split.toPlacement(sc.constellation());
  }

  static MoeModelShape shapeOf(String preset) {
    if (!"tiny".equals(preset) && !"bench".equals(preset) && !"paper-slice".equals(preset)) {
      throw new InvalidInputException("--preset", "must be tiny, bench or paper-slice, got '" + preset
          + "' (paper is for boards)");
    }
    return MoeModelShape.preset(preset);
  }

  /** Every satellite the plan gives a role: gateways, expert hosts and tensor-parallel parts, in layer order. */
  public List<String> satellites() {
    Set<String> s = new LinkedHashSet<>();
    for (LayerPlacement lp : plan.layers()) {
      s.add(lp.gateway());
      lp.experts().forEach(s::addAll);
      s.addAll(lp.attentionParts());
      s.addAll(lp.headParts());
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

  /** Whether some link of the plan sends a lossy codec (the run is then compared with a tolerance). */
  public boolean lossyLinks() {
    return plan.linkCodecs() != null && !plan.linkCodecs().allFp32();
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
