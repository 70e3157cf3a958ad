package org.spacemoe.hil.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.modelexport.MoeModelExporter;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.WeightFormat;

/**
 * One SwiGLU expert shard (the exporter's own graph and seeded weights, written alone) run through ONNX Runtime
 * as the onboard runtime loads it ({@link ShardLoader}), one token at a time: time per token and the effective
 * weight bandwidth (weight bytes / time), against the memory bandwidth of this machine measured in the same run
 * ({@link MemoryBandwidth}, before and after the expert runs; the best counts). A token's expert is a
 * matrix-vector product over all its weights, so memory bandwidth bounds it.
 */
public final class ExpertBandwidth {
  private ExpertBandwidth() {}

  /**
   * @param threads ONNX Runtime intra-op thread counts to try
   * @param memoryMiB working set of each memory kernel
   * @param memoryPasses passes per memory kernel and thread count (per measurement)
   * @param workDir where to write the shard; null: a temporary directory, deleted afterwards
   */
  public record Options(int hidden, int width, WeightFormat weights, int iterations, int warmup, int[] threads,
      long memoryMiB, int memoryPasses, long seed, Path workDir) {}

  /**
   * The expert at one intra-op thread count.
   *
   * @param loadMs session creation (read, SHA-256 check, ONNX Runtime session)
   * @param msPerTokenP50 median time of one run (one token)
   * @param effectiveGBps weight bytes / median time
   * @param gflops 2 FLOPs per multiply-add over the three matrices / median time
   * @param ofBound effectiveGBps / the best memory bandwidth measured (STREAM-style counting)
   * @param ofTrafficBound effectiveGBps / the most memory traffic measured (triad with its write-allocate reads)
   * @param ofReadSameThreads effectiveGBps / the read kernel's best at the same thread count (if measured)
   */
  public record Run(int threads, double loadMs, int iterations, double msPerTokenP50, double msPerTokenMean,
      double msPerTokenMin, double msPerTokenP90, double effectiveGBps, double gflops, double ofBound,
      double ofTrafficBound, double ofReadSameThreads) {}

  /**
   * @param weightBytes bytes of the three weight matrices as stored ({@code 3 d w} elements)
   * @param fileBytes the shard file
   * @param bound the best memory bandwidth measured (any kernel, any thread count), STREAM-style counting
   * @param trafficBoundGBps the most memory traffic measured, write-allocate included
   */
  public record Result(int hidden, int width, String weights, long weightBytes, long fileBytes, double exportSeconds,
      List<Run> runs, List<MemoryBandwidth.Measure> memory, MemoryBandwidth.Measure bound, double trafficBoundGBps,
      double targetOfBound, double wallSeconds) {}

  /** Lower bound of effective / memory bandwidth the expert should reach. */
  public static final double TARGET_OF_BOUND = 0.70;

  /** The shape whose layer-0 expert 0 is timed: the paper's model with the given hidden size and expert width. */
  static MoeModelShape shape(int hidden, int width) {
    MoeModelShape p = MoeModelShape.PAPER;
    if (hidden == p.hidden() && width == p.expertWidth()) {
      return p;
    }
    return new MoeModelShape("custom", p.layers(), p.experts(), p.topK(), hidden, width, p.vocab(),
        hidden % p.heads() == 0 ? p.heads() : 1);
  }

  /** @param stage told "memory", "export", "expert N threads" as each starts */
  public static Result run(Options o, java.util.function.Consumer<String> stage, IntConsumer progress)
      throws Exception {
    long start = System.nanoTime();
    int[] memThreads = Arrays.stream(o.threads()).distinct().sorted().toArray();
    stage.accept("memory bandwidth");
    List<MemoryBandwidth.Measure> first = MemoryBandwidth.measure(o.memoryMiB(), o.memoryPasses(), memThreads);
    MoeModelShape shape = shape(o.hidden(), o.width());
    Path dir = o.workDir() != null ? Files.createDirectories(o.workDir()) : Files.createTempDirectory("spacemoe-expert");
    try {
      stage.accept("export " + ShardContract.expertName(0, 0) + " " + o.hidden() + " x " + o.width());
      long t0 = System.nanoTime();
      ShardEntry entry = MoeModelExporter.exportExpert(shape, 0, 0, o.seed(), o.weights(), dir);
      double exportS = (System.nanoTime() - t0) / 1e9;
      ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT, ModelManifest.VERSION, shape.name(), shape,
          o.seed(), 0, o.weights(), ShardContract.OPSET, ShardContract.IR_VERSION, 1, List.of(entry));
      long weightBytes = 3L * o.hidden() * o.width() * o.weights().bytesPerElement();
      float[] x = new float[o.hidden()];
      SplittableRandom rnd = new SplittableRandom(o.seed());
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      List<long[]> timings = new ArrayList<>();
      double[] loadMs = new double[o.threads().length];
      int done = 0;
      for (int k = 0; k < o.threads().length; k++) {
        int threads = o.threads()[k];
        stage.accept("expert, " + threads + " intra-op thread" + (threads == 1 ? "" : "s"));
        long l0 = System.nanoTime();
        try (ExpertExecutor ex = new ShardLoader(dir, manifest, threads).expert(0, 0)) {
          loadMs[k] = (System.nanoTime() - l0) / 1e6;
          for (int i = 0; i < o.warmup(); i++) {
            ex.run(x);
            progress.accept(++done);
          }
          long[] ns = new long[o.iterations()];
          for (int i = 0; i < ns.length; i++) {
            long s = System.nanoTime();
            ex.run(x);
            ns[i] = System.nanoTime() - s;
            progress.accept(++done);
          }
          timings.add(ns);
        }
      }
      stage.accept("memory bandwidth again");
      List<MemoryBandwidth.Measure> second = MemoryBandwidth.measure(o.memoryMiB(), o.memoryPasses(), memThreads);
      List<MemoryBandwidth.Measure> memory = best(first, second);
      MemoryBandwidth.Measure bound = memory.stream().max(Comparator.comparingDouble(MemoryBandwidth.Measure::bestGBps))
          .orElseThrow();
      double traffic = memory.stream().mapToDouble(MemoryBandwidth.Measure::trafficGBps).max().orElseThrow();
      List<Run> runs = new ArrayList<>();
      double flops = 2.0 * 3 * o.hidden() * o.width();
      for (int k = 0; k < o.threads().length; k++) {
        int threads = o.threads()[k];
        LatencyStats s = LatencyStats.ofNanos(timings.get(k), timings.get(k).length);
        double p50S = s.p50Us() / 1e6;
        double gbps = weightBytes / p50S / 1e9;
        double read = memory.stream().filter(m -> m.threads() == threads && m.kernel().equals(MemoryBandwidth.READ))
            .mapToDouble(MemoryBandwidth.Measure::bestGBps).findFirst().orElse(Double.NaN);
        runs.add(new Run(threads, loadMs[k], s.count(), s.p50Us() / 1e3, s.meanUs() / 1e3, s.minUs() / 1e3,
            s.p90Us() / 1e3, gbps, flops / p50S / 1e9, gbps / bound.bestGBps(), gbps / traffic, gbps / read));
      }
      return new Result(o.hidden(), o.width(), o.weights().wireName(), weightBytes, entry.bytes(), exportS, runs,
          memory, bound, traffic, TARGET_OF_BOUND, (System.nanoTime() - start) / 1e9);
    } finally {
      if (o.workDir() == null) {
        deleteTree(dir);
      }
    }
  }

  /** Per kernel and thread count, the better of two measurements (best pass; median of that measurement). */
  private static List<MemoryBandwidth.Measure> best(List<MemoryBandwidth.Measure> a, List<MemoryBandwidth.Measure> b) {
    List<MemoryBandwidth.Measure> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      MemoryBandwidth.Measure x = a.get(i);
      MemoryBandwidth.Measure y = b.get(i);
      MemoryBandwidth.Measure better = y.bestGBps() > x.bestGBps() ? y : x;
      out.add(new MemoryBandwidth.Measure(better.kernel(), better.threads(), better.bytesPerPass(),
          x.passes() + y.passes(), better.bestGBps(), better.medianGBps(), better.trafficGBps()));
    }
    return out;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left for the OS
    }
  }
}
