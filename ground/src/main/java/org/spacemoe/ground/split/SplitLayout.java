package org.spacemoe.ground.split;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.layout.Placement;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;
import org.spacemoe.shared.model.HiddenStateCodec;
import org.spacemoe.shared.model.MoeModel;

/**
 * The part of a {@code split.json} a bench needs to run the split: which chain satellite runs which stage.
 *
 * @param file where it was read from, for errors
 * @param constellationId the constellation it was planned on
 * @param model the model it was planned for; units are {@code embed, layer 0 .. layer L-1, head}
 * @param satellites chain satellite of each stage (stage count entries)
 * @param plan stage ends and cut codecs
 */
public record SplitLayout(String file, String constellationId, MoeModel model, List<String> satellites,
    SplitPlan plan) {

  /**
   * The fields of {@code split.json} a bench reads; the file also holds the whole study (summary, search,
   * baselines, ...), which is ignored here, so unknown fields are tolerated at every level of this view.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Document(Inputs inputs, Stages plan) {
    Document {
      required(inputs != null && plan != null, "inputs and plan");
    }
  }

  /** {@code inputs}: the constellation (non-empty id), the model (all seven dimensions), the chain of satellites. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Inputs(String constellationId, MoeModel model, List<String> chain) {
    Inputs {
      required(constellationId != null && !constellationId.isEmpty() && model != null && chain != null,
          "a non-empty constellationId, model and chain");
    }
  }

  /** {@code plan}: exclusive end unit of each stage (non-empty) and the codec wire name of each cut. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Stages(List<Integer> stageEnds, List<String> cutCodecs) {
    Stages {
      required(stageEnds != null && !stageEnds.isEmpty() && !stageEnds.contains(null) && cutCodecs != null,
          "stageEnds (integers) and cutCodecs");
    }
  }

  private static void required(boolean present, String what) {
    if (!present) {
      throw new IllegalArgumentException(what + " are required");
    }
  }

  /** Reads {@code split.json} as written by {@code ground split}. */
  public static SplitLayout read(Path path) {
    String f = path.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new InvalidInputException(f, "cannot read a split: " + e.getMessage());
    }
    Document d;
    try {
      JsonNode root = StrictJson.mapper().readTree(bytes);
      if (root == null || !"spacemoe-split".equals(root.path("format").asText()) || root.path("version").asInt() != 1) {
        throw new InvalidInputException(f, "not a split file (expected format spacemoe-split, version 1)");
      }
      d = StrictJson.mapper().treeToValue(root, Document.class);
    } catch (IOException e) {
      throw new InvalidInputException(f, "not a split file: " + StrictJson.describe(e));
    }
    int layers = d.inputs().model().layers();
    List<String> chain = d.inputs().chain();
    List<Integer> ends = d.plan().stageEnds();
    if (ends.size() > chain.size() || ends.get(ends.size() - 1) != layers + 2) {
      throw new InvalidInputException(f, "inconsistent split: " + ends.size() + " stages ending at " + ends
          + " on a chain of " + chain.size() + " for " + layers + " layers");
    }
    SplitPlan plan;
    try {
      plan = new SplitPlan(ends, d.plan().cutCodecs().stream().map(n -> codec(f, n)).toList());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(f, "inconsistent split: " + e.getMessage());
    }
    return new SplitLayout(f, d.inputs().constellationId(), d.inputs().model(),
        List.copyOf(chain.subList(0, ends.size())), plan);
  }

  private static HiddenStateCodec codec(String f, String name) {
    return HiddenStateCodec.byWireName(name).orElseThrow(
        () -> new InvalidInputException(f, "plan.cutCodecs: unknown cut codec '" + name + "'"));
  }

  /** The stage that runs unit {@code unit} (0 = embed, l + 1 = layer l, layers + 1 = head). */
  public int stageOf(int unit) {
    for (int s = 0; s < plan.stages(); s++) {
      if (unit < plan.to(s)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unit " + unit);
  }

  /**
   * The split as a placement the runtime executes: layer {@code l}'s gateway and all its experts on the satellite
   * of the stage holding it (a dense stage; its subnet is that satellite). The runtime embeds at layer 0's gateway
   * and runs the head at the last layer's, so a split that puts the embedding or the head on a stage of its own
   * runs them next door instead ({@link #embedAndHeadWithTheirLayers()} says whether it does).
   */
  public Placement toPlacement(Constellation c) {
    if (!constellationId.equals(c.id())) {
      throw new InvalidInputException(file, "was planned on " + constellationId + ", the bench runs on " + c.id());
    }
    Map<String, Integer> byName = new HashMap<>();
    for (Satellite s : c.satellites()) {
      byName.put(s.name(), s.index());
    }
    int layers = model.layers();
    int experts = model.experts();
    int[][] subnets = new int[layers][];
    int[] gateways = new int[layers];
    int[][][] hosts = new int[layers][experts][];
    for (int l = 0; l < layers; l++) {
      String name = satellites.get(stageOf(l + 1));
      Integer idx = byName.get(name);
      if (idx == null) {
        throw new InvalidInputException(file, "stage satellite '" + name + "' is not in " + c.id());
      }
      gateways[l] = idx;
      subnets[l] = new int[] {idx};
      for (int e = 0; e < experts; e++) {
        hosts[l][e] = new int[] {idx};
      }
    }
    return new Placement("split", subnets, gateways, hosts);
  }

  /** Whether {@code other} has the same dimensions (names aside) as the model this split was planned for. */
  public boolean plannedFor(MoeModel other) {
    return model.layers() == other.layers() && model.experts() == other.experts() && model.topK() == other.topK()
        && model.hidden() == other.hidden() && model.expertWidth() == other.expertWidth()
        && model.vocab() == other.vocab();
  }

  /** Whether the embedding runs with layer 0 and the head with the last layer, as the runtime does. */
  public boolean embedAndHeadWithTheirLayers() {
    return stageOf(0) == stageOf(1) && stageOf(model.layers() + 1) == stageOf(model.layers());
  }
}
