package org.spacemoe.ground.cli;

import org.spacemoe.shared.cli.ByteSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.spacemoe.shared.cli.Progress;
import org.spacemoe.shared.cli.QuietOption;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.modelexport.MoeModelExporter;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.WeightFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export-model}: writes a seeded MoE model as ONNX shards plus manifest.json. */
@Command(name = "export-model", mixinStandardHelpOptions = true,
    description = {"Writes a seeded decoder-only MoE model as standard ONNX files, one per shard (embed, per layer a",
        "gateway and its experts, head), and manifest.json with every shard's SHA-256, size and FLOPs per token,",
        "and its reference outputs for a fixed probe input (what the onboard selftest checks on a board).",
        "Presets: tiny (2 layers x 4 experts, d=32), bench (32 x 8, d=128), paper (32 x 8, d=4096, w=1376,",
        "V=32000: about 27 GB in fp32, 13.5 GB in fp16; one shard is generated and written at a time).",
        "Same flags, same bytes."})
final class ExportModelCommand implements Callable<Integer> {
  @Option(names = "--preset", paramLabel = "NAME", required = true, description = "tiny | bench | paper")
  String preset;

  @Option(names = "--weights", paramLabel = "FORMAT", defaultValue = "fp32",
      description = "fp32 | fp16: how weights are stored (fp16 is cast to float in the graph) (default: ${DEFAULT-VALUE})")
  String weights;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "weight seed, an integer (default: ${DEFAULT-VALUE})")
  String seed;

  @Option(names = "--zipf", paramLabel = "S", defaultValue = "1.0",
      description = "expert popularity skew: expert e has Zipf weight 1/(e+1)^S, 0 = uniform (default: ${DEFAULT-VALUE})")
  String zipf;

  @Option(names = "--tensor-parallel-widths", paramLabel = "K[,K...]", split = ",",
      description = {"also write the shards for splitting a layer's attention by heads (and the LM head by",
          "vocabulary) over K satellites, K in 2..4: per layer and K the K attention parts (layerLL.attn-wK-pP) and",
          "a combine (layerLL.combine), and the K head slices (head-wK-pP) (default: none, the unsplit model only)"})
  List<String> tensorParallelWidths = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "directory to write the shards and manifest.json into")
  Path out;

  @Mixin QuietOption quiet;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    MoeModelShape shape = MoeModelShape.preset(preset);
    WeightFormat format = WeightFormat.parse(weights);
    long seedValue = parseSeed(seed);
    double skew = parseZipf(zipf);
    Set<Integer> widths = parseWidths(tensorParallelWidths);
    long estimate = MoeModelExporter.estimatedBytes(shape, format, widths);
    checkOut(shape, estimate);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "export-model %s (%d layers x %d experts, top-%d, d=%d, w=%d, V=%d, %d heads), %s, seed %d,"
        + " zipf %s: %d shards, about %s%n", shape.name(), shape.layers(), shape.experts(), shape.topK(),
        shape.hidden(), shape.expertWidth(), shape.vocab(), shape.heads(), format.wireName(), seedValue,
        zipf.trim(), MoeModelExporter.shardCount(shape, widths), ByteSize.format(estimate));
    o.flush();
    long t0 = System.nanoTime();
    ModelManifest m;
    long[] written = {0};
    try (Progress bar = quiet.progress("export-model MB", Math.max(1, estimate / 1000_000))) {
      m = MoeModelExporter.export(shape, seedValue, skew, format, out, widths, (shard, index, total) -> {
        written[0] += shard.bytes();
        bar.message(String.format(Locale.ROOT, "%d/%d %s", index + 1, total, shard.name()));
        bar.stepTo(written[0] / 1000_000);
      });
      bar.total(Math.max(1, written[0] / 1000_000));
      bar.stepTo(written[0] / 1000_000);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    o.printf("%-18s %-14s %14s %12s%n", "shard", "kind", "bytes", "MFLOP/token");
    for (ShardEntry s : m.shards()) {
      o.printf(Locale.ROOT, "%-18s %-14s %14d %12.3f%n", s.name(), s.kind().wireName(), s.bytes(),
          s.megaFlopsPerToken());
    }
    o.printf(Locale.ROOT, "%d shards, %s in %.1f s; gateway FLOPs add %.0f per cached token; router bias scale %.4f%n",
        m.shards().size(), ByteSize.format(m.totalBytes()), seconds, m.gateway(0).flopsPerContextToken(),
        m.routerBiasScale());
    o.printf("wrote %s%n", out.resolve(ShardContract.MANIFEST_FILE));
    o.flush();
    return 0;
  }

  private void checkOut(MoeModelShape shape, long need) throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new InvalidInputException("--out", "'" + out + "' is a file; give a directory");
    }
    Path existing = out.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      long free = Files.getFileStore(existing).getUsableSpace();
      if (free < need) {
        throw new InvalidInputException("--out", "the " + shape.name() + " preset needs about "
            + ByteSize.format(need) + ", only " + ByteSize.format(free) + " free under " + existing);
      }
    }
  }

  private static Set<Integer> parseWidths(List<String> values) {
    Set<Integer> widths = new TreeSet<>();
    for (String v : values) {
      try {
        widths.add(Integer.parseInt(v.trim()));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(MoeModelExporter.WIDTHS_OPTION, "must be integers in 2..4 separated by"
            + " commas, got '" + v + "'");
      }
    }
    return widths;
  }

  private static long parseSeed(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--seed", "must be an integer, got '" + s + "'");
    }
  }

  private static double parseZipf(String s) {
    double v;
    try {
      v = Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("--zipf", "must be a number >= 0, got '" + s + "'");
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InvalidInputException("--zipf", "must be a finite number >= 0, got '" + s + "'");
    }
    return v;
  }
}
