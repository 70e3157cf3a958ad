package org.spacemoe.hil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.reference.ReferenceGenerator;
import org.spacemoe.onboard.shard.ModelExecutors;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.plan.PlacementPlan;

/** A tiny bench workspace (model, plan) for tests that run onboard runtimes against a real broker. */
final class TinyBench {
  static final int[] PROMPT = {1, 2, 3, 4};

  final BenchWorkspace workspace;

  private TinyBench(BenchWorkspace workspace) {
    this.workspace = workspace;
  }

  static BenchOptions options(Path workDir, String broker, int newTokens, double timeScale) {
    return new BenchOptions("tiny", newTokens, PROMPT.clone(), timeScale, broker, "spacemoe", true, true, true, 0, 1L,
        1.0, "sbc-2a72", true, workDir);
  }

  /** Exports the tiny model and plans it into {@code workDir/data}. */
  static TinyBench prepare(Path workDir) throws IOException {
    return new TinyBench(BenchWorkspace.prepare(options(workDir, "embedded", 2, 1.0)));
  }

  /**
   * The tiny model with {@code layers} layers: with 3 or more, the state of a layer after the first is visible
   * in the hidden state it forwards (with 2, only through the tokens).
   */
  static TinyBench prepare(Path workDir, int layers) throws IOException {
    MoeModelShape t = MoeModelShape.TINY;
    MoeModelShape shape = new MoeModelShape("tiny", layers, t.experts(), t.topK(), t.hidden(), t.expertWidth(),
        t.vocab(), t.heads());
    return new TinyBench(BenchWorkspace.prepare(options(workDir, "embedded", 2, 1.0), shape));
  }

  PlacementPlan plan() {
    return workspace.plan();
  }

  long planVersion() {
    return plan().planVersion();
  }

  String entry() {
    return gateway(0);
  }

  String gateway(int layer) {
    return plan().layers().get(layer).gateway();
  }

  String expertHost(int layer, int expert) {
    return plan().layers().get(layer).experts().get(expert).get(0);
  }

  List<String> satellites() {
    return workspace.satellites();
  }

  /** The single-process reference run of the same shards. */
  ReferenceGenerator.Generation reference(int[] prompt, int newTokens) throws Exception {
    try (ModelExecutors exec = new ShardLoader(workspace.modelDir(), workspace.manifest()).loadAll()) {
      return new ReferenceGenerator(exec).generate(prompt, newTokens);
    }
  }

  /**
   * A fast node configuration: link emulation on at a small time scale, no compute emulation, slot pinned.
   */
  OnboardConfig config(String broker, List<String> satellites) {
    return config(broker, satellites, workspace.dataDir());
  }

  OnboardConfig config(String broker, List<String> satellites, Path dataDir) {
    OnboardConfig cfg = new OnboardConfig();
    cfg.setSatellites(List.copyOf(satellites));
    cfg.setBroker(broker);
    cfg.setDataDir(dataDir.toString());
    cfg.setLinkEmulation(true);
    cfg.setComputeEmulation(false);
    cfg.setTimeScale(0.05);
    cfg.setPinnedSlot(0);
    return cfg;
  }

  /** A copy of the data directory (plan and model) that a test may damage. */
  Path copyData(Path to) throws IOException {
    Path from = workspace.dataDir();
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return to;
  }
}
