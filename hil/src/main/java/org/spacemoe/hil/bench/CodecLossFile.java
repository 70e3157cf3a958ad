package org.spacemoe.hil.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-codec accuracy cost that {@code ground split} reads ({@code hil bench --codec-loss-out FILE}):
 * {@code {"source": "...", "codecs": {"fp32": {...}, "fp16": {...}, "int8": {...}}}} with one entry per codec
 * the bench ran.
 *
 * @param source how it was measured: preset, generated tokens, prompt, seed, date (UTC)
 * @param codecs by codec name
 */
public record CodecLossFile(String source, Map<String, Entry> codecs) {

  /**
   * One codec's measured cost.
   *
   * @param bytesPerValue measured activation payload bytes per hidden value (int8 includes its per-row scale)
   * @param lossPerCut 1 - minCosine: the worst hidden-state cosine loss seen over the run. Every link of the run
   *     used the codec, so a hidden state had already crossed many lossy hops: as a per-cut loss this is
   *     conservative (an upper bound for one encode/decode)
   * @param meanCosine mean hidden-state cosine similarity to the fp32 reference
   * @param minCosine smallest hidden-state cosine similarity
   * @param greedyAgreement fraction of generated tokens equal to the reference's choice from the same context
   */
  public record Entry(double bytesPerValue, double lossPerCut, double meanCosine, double minCosine,
      double greedyAgreement) {}

  /** The file for {@code reports}, one per codec, all from the same options but the codec. */
  public static CodecLossFile of(BenchOptions o, List<BenchReport> reports, String dateUtc) {
    Map<String, Entry> m = new LinkedHashMap<>();
    for (BenchReport r : reports) {
      CodecAccuracy a = r.accuracy();
      m.put(a.codec(), new Entry(a.payloadBytesPerValue(), Math.max(0, 1 - a.minCosine()), a.meanCosine(),
          a.minCosine(), a.greedyAgreement()));
    }
    String source = "hil bench --preset " + o.preset() + ", " + o.newTokens() + " tokens, prompt "
        + java.util.Arrays.toString(o.prompt()) + ", seed " + o.seed() + ", " + dateUtc;
    return new CodecLossFile(source, m);
  }
}
