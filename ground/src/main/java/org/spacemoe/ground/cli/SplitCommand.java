package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.JsonReportWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spacemoe.ground.split.CodecLossTable;
import org.spacemoe.ground.split.ModelUnits;
import org.spacemoe.ground.split.SplitChain;
import org.spacemoe.ground.split.SplitChains;
import org.spacemoe.ground.split.SplitProblem;
import org.spacemoe.ground.split.SplitStudy;
import org.spacemoe.ground.split.SplitTable;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.input.Checks;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.ModelPresets;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.model.onnx.WeightFormat;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code split}: cut points and per-cut codecs of a model pipelined over a chain of satellites, by A*. */
@Command(name = "split", mixinStandardHelpOptions = true,
    description = {"Splits a model's layer sequence (embedding, layers with their experts, LM head) into consecutive "
        + "stages on a chain of satellites and picks each cut's activation codec, minimising per-token latency "
        + "(compute per stage + transfer per cut + the token's way back) under each satellite's memory and a budget "
        + "on the summed per-cut accuracy loss. A* over a DAG of (layer boundary, stage, loss) states; see "
        + "docs/split-planner.md.",
        "Compares the plan with three baselines priced by the same model (no-compression, uniform, proportional) and "
            + "reports pipeline throughput with --sequences concurrent sequences. Prints tables and writes JSON."})
final class SplitCommand implements Callable<Integer> {
  static final class ChainSource {
    @Option(names = "--chain", paramLabel = "SAT", required = true, split = ",", splitSynopsisLabel = ",",
        description = "satellites in pipeline order, each an ISL neighbour of the next in the slot, e.g. p16s00,p16s01")
    List<String> chain;

    @Option(names = "--plan", paramLabel = "FILE", required = true,
        description = "placement plan: the chain is its distinct layer gateways in ring order, joined by shortest routes")
    Path plan;
  }

  @ArgGroup(exclusive = true, multiplicity = "1") ChainSource source;

  @Option(names = "--chain-from-gateway", paramLabel = "SAT",
      description = "with --plan: the gateway the chain starts at (default: layer 0's)")
  String chainFromGateway;

  @Option(names = "--chain-length", paramLabel = "N", defaultValue = "8",
      description = "with --plan: satellites in the chain (default: ${DEFAULT-VALUE})")
  int chainLength;

  @Option(names = "--model", paramLabel = "MODEL", defaultValue = "llama-moe-3.5b-2of8",
      description = "llama-moe-3.5b-2of8 | llama-moe-3.5b-4of16 | an export preset (tiny | bench | paper | paper-slice) | custom:layers=..,experts=..,top-k=..,hidden=..,expert-width=..,vocab=.. (default: ${DEFAULT-VALUE})")
  String model;

  @Option(names = "--constellation", paramLabel = "SPEC", defaultValue = "paper",
      description = "as for plan (default: ${DEFAULT-VALUE})")
  String constellation;

  @Option(names = "--device", paramLabel = "DEVICE", defaultValue = DeviceProfile.DEFAULT_NAME,
      description = "rad5545 | sbc-2a72 | ix10 | custom:gflops=..,memory-gib=..; once for every satellite or once per chain satellite, in chain order (default: ${DEFAULT-VALUE})")
  List<String> devices;

  @Option(names = "--memory", paramLabel = "MiB",
      description = "memory for the model on every satellite, MiB (default: the device's)")
  Double memoryMib;

  @Option(names = "--weights", paramLabel = "FORMAT", defaultValue = "fp32",
      description = "fp32 | fp16 bytes per weight (default: ${DEFAULT-VALUE})")
  String weights;

  @Option(names = "--accuracy-budget", paramLabel = "X", required = true,
      description = "largest sum over cuts of the codec's loss per cut (1 - min cosine per hop), >= 0")
  double accuracyBudget;

  @Option(names = "--codec-loss", paramLabel = "FILE", required = true,
      description = "measured loss per codec, written by the bench: {\"source\": .., \"codecs\": {\"fp32\": {..}, \"fp16\": {..}, \"int8\": {..}}}")
  Path codecLoss;

  @Option(names = "--sequences", paramLabel = "N", defaultValue = "4",
      description = "concurrent sequences: KV caches held per layer and pipeline depth for throughput (default: ${DEFAULT-VALUE})")
  int sequences;

  @Option(names = "--context", paramLabel = "TOKENS", defaultValue = "512",
      description = "context length for attention FLOPs and the KV cache, tokens (default: ${DEFAULT-VALUE})")
  int context;

  @Option(names = "--isl-rate-gbps", paramLabel = "GBPS", defaultValue = "100",
      description = "ISL data rate, Gbit/s (default: ${DEFAULT-VALUE})")
  double islRateGbps;

  @Option(names = "--tracking-limit", paramLabel = "RAD_PER_S", defaultValue = "0.12",
      description = "ISL tracking limit, rad/s (default: ${DEFAULT-VALUE})")
  double trackingLimit;

  @Option(names = "--slots", paramLabel = "N", defaultValue = "200",
      description = "time slots over one orbit (default: ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--slot", paramLabel = "S", defaultValue = "0",
      description = "the slot whose ISL lengths and routes are used (default: ${DEFAULT-VALUE})")
  int slot;

  @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write split.json")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Checks.nonNegative("--accuracy-budget", accuracyBudget);
    Checks.positive("--sequences", sequences);
    Checks.inRange("--context", context, 0, 10_000_000);
    Checks.positive("--isl-rate-gbps", islRateGbps);
    Checks.positive("--slots", slots);
    Checks.inRange("--slot", slot, 0, slots - 1);
    Checks.positive("--chain-length", chainLength);
    MoeModel m = ModelPresets.parse(model);
    WeightFormat format = WeightFormat.parse(weights);
    CodecLossTable codecs = CodecLossTable.read(codecLoss);
    List<DeviceProfile> devs = new ArrayList<>();
    for (String d : devices) {
      DeviceProfile p = DeviceProfile.parse(d);
      if (memoryMib != null) {
        Checks.positive("--memory", memoryMib);
        p = new DeviceProfile(p.name(), p.flops(), (long) (memoryMib * 1024 * 1024));
      }
      devs.add(p);
    }
    Constellation c = ConstellationSpecs.parse(constellation);
    IslRules rules = IslRules.defaults().withTrackingLimit(Checks.positive("--tracking-limit", trackingLimit));
    SplitChains chains = new SplitChains(c, rules, TimeSlots.overOneOrbit(c, slots), slot);
    SplitChain chain;
    if (source.chain != null) {
      chain = chains.fromPath(source.chain, devs);
    } else {
      PlacementPlan plan = PlanJson.read(source.plan);
      chain = chains.fromPlan(plan, source.plan.toString(), chainFromGateway, chainLength, devs);
    }
    SplitProblem problem = new SplitProblem(ModelUnits.of(m, context, format), chain, codecs, m.hidden(),
        islRateGbps * 1e9, accuracyBudget, sequences);
    SplitStudy study = SplitStudy.run(problem, memoryMib != null ? "--memory" : "--device");

    PrintWriter o = spec.commandLine().getOut();
    o.printf("split of %s (%d units, %s weights) over %d satellites %s..%s of %s in slot %d; %d sequences; ISL %s Gbit/s;"
        + " accuracy budget %s; codec losses: %s (%s)%n", m.name(), problem.unitCount(), format.wireName(),
        chain.size(), chain.satellites().get(0), chain.satellites().get(chain.size() - 1), c.id(), slot, sequences,
        islRateGbps, accuracyBudget, codecLoss, codecs.source());
    SplitTable.print(o, study);
    JsonReportWriter.write(out, json(m, format, c, chain, codecs, problem, study));
    o.printf("wrote %s%n", out);
    o.flush();
    return 0;
  }

  private Map<String, Object> json(MoeModel m, WeightFormat format, Constellation c, SplitChain chain,
      CodecLossTable codecs, SplitProblem problem, SplitStudy study) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("model", m.describe());
    inputs.put("weights", format.wireName());
    inputs.put("constellationId", c.id());
    inputs.put("constellationSpec", constellation);
    inputs.put("slot", slot);
    inputs.put("slots", slots);
    inputs.put("chain", chain.satellites());
    inputs.put("chainLinks", chain.links());
    inputs.put("ringCloseS", Arrays.stream(chain.ringCloseS()).boxed().toList());
    List<Map<String, Object>> devs = new ArrayList<>();
    for (DeviceProfile d : chain.devices()) {
      devs.add(Map.of("name", d.name(), "flops", d.flops(), "memoryBytes", d.memoryBytes()));
    }
    inputs.put("devices", devs);
    inputs.put("contextTokens", context);
    inputs.put("sequences", sequences);
    inputs.put("islRateBitsPerS", problem.rateBitsPerS());
    inputs.put("accuracyBudget", accuracyBudget);
    inputs.put("units", problem.units());
    Map<String, Object> loss = new LinkedHashMap<>();
    loss.put("file", codecLoss.toString());
    loss.put("source", codecs.source());
    Map<String, Object> byCodec = new LinkedHashMap<>();
    codecs.codecs().forEach((k, v) -> byCodec.put(k.wireName(), v));
    loss.put("codecs", byCodec);
    inputs.put("codecLoss", loss);
    Map<String, Object> search = new LinkedHashMap<>();
    search.put("algorithm", "A* (JGraphT) over (layer boundary, stage, lossy-cut counts)");
    search.put("dagStates", study.search().dagStates());
    search.put("dagEdges", study.search().dagEdges());
    search.put("expandedStates", study.search().expandedStates());
    search.put("expandedWithoutHeuristic", study.search().expandedWithoutHeuristic());
    Map<String, Object> planJson = new LinkedHashMap<>();
    planJson.put("stageEnds", study.search().plan().ends());
    planJson.put("cutCodecs", study.search().plan().cutCodecs().stream().map(x -> x.wireName()).toList());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", "spacemoe-split");
    json.put("version", 1);
    json.put("inputs", inputs);
    json.put("plan", planJson);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("feasible", study.planned().feasible());
    summary.put("stages", study.planned().stages().size());
    summary.put("latencyS", study.planned().latencyS());
    summary.put("accuracyLoss", study.planned().accuracyLoss());
    summary.put("notSlowerThanAnyFeasibleBaseline", study.notSlowerThanAnyFeasibleBaseline());
    json.put("summary", summary);
    json.put("search", search);
    json.put("planned", study.planned());
    json.put("baselines", study.baselines());
    json.put("comparison", study.comparison());
    return json;
  }
}
