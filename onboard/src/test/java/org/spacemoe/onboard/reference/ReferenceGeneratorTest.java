package org.spacemoe.onboard.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.shard.ModelExecutors;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.onboard.shard.TinyModel;
import org.spacemoe.shared.model.onnx.WeightFormat;

class ReferenceGeneratorTest {
  private static final int[] PROMPT = {1, 2, 3, 40};

  @Test
  void stepsCoverThePromptAndEveryGeneratedTokenButTheLast() throws Exception {
    try (ModelExecutors m = ShardLoader.open(TinyModel.tiny(WeightFormat.FP32)).loadAll()) {
      ReferenceGenerator.Generation g = new ReferenceGenerator(m).generate(PROMPT, 5);
      assertEquals(5, g.generated().length);
      assertEquals(PROMPT.length + 5 - 1, g.steps().size());
      for (int p = 0; p < g.steps().size(); p++) {
        ReferenceGenerator.Step s = g.steps().get(p);
        assertEquals(p, s.position());
        assertEquals(p < PROMPT.length ? PROMPT[p] : g.generated()[p - PROMPT.length], s.token());
        assertEquals(p < PROMPT.length - 1 ? -1 : g.generated()[p - PROMPT.length + 1], s.nextToken());
        assertEquals(2, s.selectedExperts().length);
        for (int l = 0; l < 2; l++) {
          assertEquals(2, s.selectedExperts()[l].length);
          assertEquals(1f, s.gateWeights()[l][0] + s.gateWeights()[l][1], 1e-6f);
          assertTrue(s.gateWeights()[l][0] >= s.gateWeights()[l][1], "largest logit first");
          assertEquals(32, s.layerHidden()[l].length);
        }
      }
      assertEquals(PROMPT.length, new ReferenceGenerator(m).generate(PROMPT, 1).steps().size());
      assertEquals(PROMPT.length - 1, new ReferenceGenerator(m).generate(PROMPT, 0).steps().size());
      assertThrows(IllegalArgumentException.class, () -> new ReferenceGenerator(m).generate(new int[0], 3));

      ReferenceGenerator.Generation three = new ReferenceGenerator(m).generate(PROMPT, 3);
      ReferenceGenerator.Generation prefix = g.prefix(3);
      assertArrayEquals(three.generated(), prefix.generated(), "a prefix is the shorter generation");
      assertEquals(three.steps().size(), prefix.steps().size());
      assertArrayEquals(three.steps().get(three.steps().size() - 1).selectedExperts(),
          prefix.steps().get(prefix.steps().size() - 1).selectedExperts());
      assertEquals(g, g.prefix(5));
      assertThrows(IllegalArgumentException.class, () -> g.prefix(6));
      assertThrows(IllegalArgumentException.class, () -> g.prefix(0));
    }
  }

  @Test
  void replayFeedsTheOtherRunsTokensAndRecordsTheReferencesOwnChoices() throws Exception {
    try (ModelExecutors m = ShardLoader.open(TinyModel.tiny(WeightFormat.FP32)).loadAll()) {
      ReferenceGenerator ref = new ReferenceGenerator(m);
      ReferenceGenerator.Generation free = ref.generate(PROMPT, 6);
      ReferenceGenerator.Generation same = ref.replay(PROMPT, free.generated());
      assertArrayEquals(free.generated(), same.generated(), "replaying its own tokens is generating");
      for (int p = 0; p < free.steps().size(); p++) {
        assertArrayEquals(free.steps().get(p).layerHidden()[1], same.steps().get(p).layerHidden()[1]);
      }
      // another run that picked different tokens from its second one on
      int[] other = free.generated().clone();
      for (int i = 1; i < other.length; i++) {
        other[i] = (free.generated()[i] + 7 * i) % 64;
      }
      ReferenceGenerator.Generation forced = ref.replay(PROMPT, other);
      assertEquals(free.generated()[0], forced.generated()[0], "same context, same first choice");
      assertEquals(free.steps().size(), forced.steps().size());
      for (int i = 0; i + 1 < other.length; i++) {
        ReferenceGenerator.Step s = forced.steps().get(PROMPT.length + i);
        assertEquals(other[i], s.token(), "the other run's token is fed at position " + s.position());
        assertEquals(forced.generated()[i + 1], s.nextToken(), "the reference's own choice is recorded");
      }
      assertTrue(!Arrays.equals(free.steps().get(PROMPT.length + 1).layerHidden()[0],
          forced.steps().get(PROMPT.length + 1).layerHidden()[0]), "different inputs, different hidden states");
    }
  }

  @Test
  void generationIsDeterministicAcrossRunsAndLoads() throws Exception {
    Path dir = TinyModel.tiny(WeightFormat.FP32);
    ReferenceGenerator.Generation a;
    ReferenceGenerator.Generation b;
    ReferenceGenerator.Generation c;
    try (ModelExecutors m = ShardLoader.open(dir).loadAll()) {
      a = new ReferenceGenerator(m).generate(PROMPT, 8);
      b = new ReferenceGenerator(m).generate(PROMPT, 8);
    }
    try (ModelExecutors m = ShardLoader.open(dir).loadAll()) {
      c = new ReferenceGenerator(m).generate(PROMPT, 8);
    }
    for (ReferenceGenerator.Generation other : new ReferenceGenerator.Generation[] {b, c}) {
      assertArrayEquals(a.generated(), other.generated());
      for (int p = 0; p < a.steps().size(); p++) {
        for (int l = 0; l < 2; l++) {
          assertArrayEquals(a.steps().get(p).selectedExperts()[l], other.steps().get(p).selectedExperts()[l]);
          assertArrayEquals(a.steps().get(p).layerHidden()[l], other.steps().get(p).layerHidden()[l],
              "bitwise, step " + p + " layer " + l);
        }
      }
    }
    System.out.println("tiny greedy from " + Arrays.toString(PROMPT) + ": " + Arrays.toString(a.generated()));
  }

  @Test
  void fp16WeightsStayCloseToFp32() throws Exception {
    ReferenceGenerator.Generation g32;
    ReferenceGenerator.Generation g16;
    try (ModelExecutors m = ShardLoader.open(TinyModel.tiny(WeightFormat.FP32)).loadAll()) {
      g32 = new ReferenceGenerator(m).generate(PROMPT, 8);
    }
    try (ModelExecutors m = ShardLoader.open(TinyModel.tiny(WeightFormat.FP16)).loadAll()) {
      g16 = new ReferenceGenerator(m).generate(PROMPT, 8);
    }
    double maxDiff = 0;
    double maxAbs = 0;
    int steps = 0;
    for (int p = 0; p < g32.steps().size(); p++) {
      if (!Arrays.deepEquals(g32.steps().get(p).selectedExperts(), g16.steps().get(p).selectedExperts())
          || g32.steps().get(p).token() != g16.steps().get(p).token()) {
        break;
      }
      steps++;
      for (int l = 0; l < 2; l++) {
        float[] x = g32.steps().get(p).layerHidden()[l];
        float[] y = g16.steps().get(p).layerHidden()[l];
        for (int i = 0; i < x.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
          maxAbs = Math.max(maxAbs, Math.abs(x[i]));
        }
      }
    }
    System.out.printf(Locale.ROOT, "tiny fp16 vs fp32 weights: tokens %s vs %s; over %d steps with the same "
        + "routing, per-layer hidden max abs diff %.2e (max |h| %.2f)%n", Arrays.toString(g16.generated()),
        Arrays.toString(g32.generated()), steps, maxDiff, maxAbs);
    assertTrue(steps >= PROMPT.length, "the prompt routes the same");
    assertTrue(maxDiff < 0.01 * maxAbs, "fp16 close to fp32: " + maxDiff);
  }
}
