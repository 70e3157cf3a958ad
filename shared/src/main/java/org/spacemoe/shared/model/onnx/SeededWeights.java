package org.spacemoe.shared.model.onnx;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic weights: every tensor has its own random stream, derived from the model seed and the tensor's
 * global name (such as {@code layer03.expert05.w1}), so a tensor's values depend on nothing else: not on the
 * order of generation, the weight format or the other shards. Gaussians come from {@link SplittableRandom}
 * (SplitMix64, specified) through the polar method with {@link StrictMath}, so they are the same on every JVM.
 * Public for the model export module, which writes them into the ONNX shards.
 */
public final class SeededWeights {
  private final long seed;

  public SeededWeights(long seed) {
    this.seed = seed;
  }

  /** Values in generation order. */
  public interface FloatSource {
    float next();
  }

  /** {@code N(mean, std^2)} values of the stream of {@code tensor}. */
  public FloatSource gaussian(String tensor, double mean, double std) {
    Gaussian g = new Gaussian(new SplittableRandom(streamSeed(seed, tensor)));
    return () -> (float) (mean + std * g.next());
  }

  public static FloatSource of(float[] values) {
    int[] i = {0};
    return () -> values[i[0]++];
  }

  public static long streamSeed(long seed, String tensor) {
    long h = 0xcbf29ce484222325L;
    for (byte b : tensor.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix64(mix64(seed) ^ h);
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Marsaglia's polar method. */
  static final class Gaussian {
    private final SplittableRandom rnd;
    private double spare;
    private boolean hasSpare;

    Gaussian(SplittableRandom rnd) {
      this.rnd = rnd;
    }

    double next() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      double u;
      double v;
      double s;
      do {
        u = 2 * rnd.nextDouble() - 1;
        v = 2 * rnd.nextDouble() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s == 0);
      double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
      spare = v * m;
      hasSpare = true;
      return u * m;
    }
  }
}
