package org.spacemoe.ground.split;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.HiddenStateCodec;

/** Test instances of the split problem. */
final class SplitFixtures {
  /** Test resource with plausible, NOT measured, codec losses (labelled as a fixture in its source field). */
  static final String CODEC_LOSS_FIXTURE = "/split/codec-loss-fixture.json";

  private SplitFixtures() {}

  static CodecLossTable fixtureCodecs() {
    try (InputStream in = SplitFixtures.class.getResourceAsStream(CODEC_LOSS_FIXTURE)) {
      return CodecLossTable.parse(CODEC_LOSS_FIXTURE, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A random instance small enough to enumerate: 2..7 units, 1..4 satellites with their own speed and memory,
   * links of 1..3 hops, random codec losses and budget. Memory is sometimes too small for any split.
   */
  static SplitProblem random(long seed) {
    Random r = new Random(seed);
    int units = 2 + r.nextInt(6);
    List<SplitUnit> us = new ArrayList<>();
    for (int u = 0; u < units; u++) {
      us.add(new SplitUnit("u" + u, r.nextInt(4) == 0 ? 0 : 1e6 * (1 + r.nextInt(50)), 1 + r.nextInt(100),
          r.nextInt(10)));
    }
    int n = 1 + r.nextInt(4);
    List<String> names = new ArrayList<>();
    List<DeviceProfile> devices = new ArrayList<>();
    List<ChainLink> links = new ArrayList<>();
    double[] ring = new double[n];
    int[] ringHops = new int[n];
    for (int s = 0; s < n; s++) {
      names.add("s" + s);
      devices.add(new DeviceProfile("d" + s, 1e9 * (1 + r.nextInt(8)), 60 + r.nextInt(300)));
      if (s > 0) {
        links.add(new ChainLink("s" + (s - 1), "s" + s, 1e-3 * r.nextDouble() * 10, 1 + r.nextInt(3), 0));
        ring[s] = ring[s - 1] + links.get(s - 1).propagationS() * r.nextDouble();
        ringHops[s] = s;
      }
    }
    Map<HiddenStateCodec, CodecLoss> codecs = new EnumMap<>(HiddenStateCodec.class);
    codecs.put(HiddenStateCodec.FP32, new CodecLoss(HiddenStateCodec.FP32, 4, 0, 1, 1, 1));
    double l16 = r.nextDouble() * 0.01;
    codecs.put(HiddenStateCodec.FP16, new CodecLoss(HiddenStateCodec.FP16, 2, l16, 1 - l16 / 2, 1 - l16, 1));
    double l8 = l16 + r.nextDouble() * 0.05;
    codecs.put(HiddenStateCodec.INT8, new CodecLoss(HiddenStateCodec.INT8, 1, l8, 1 - l8 / 2, 1 - l8, 0.99));
    SplitChain chain = new SplitChain(names, devices, links, ring, ringHops, 0);
    double rate = 1e5 * (1 + r.nextInt(1000));
    return new SplitProblem(us, chain, new CodecLossTable("random " + seed, codecs), 64 + r.nextInt(4096), rate,
        r.nextDouble() * 0.08, 1 + r.nextInt(3));
  }
}
