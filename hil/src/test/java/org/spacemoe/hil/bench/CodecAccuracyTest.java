package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.reference.ReferenceGenerator;

/** Cosine statistics and greedy agreement on hand-made reference steps and observations. */
class CodecAccuracyTest {
  @Test
  void cosineEdgeCases() {
    assertEquals(1.0, CodecAccuracy.cosine(new float[] {1, 2}, new float[] {2, 4}), 1e-15);
    assertEquals(-1.0, CodecAccuracy.cosine(new float[] {1, 2}, new float[] {-1, -2}), 1e-15);
    assertEquals(0.0, CodecAccuracy.cosine(new float[] {1, 0}, new float[] {0, 3}), 1e-15);
    assertEquals(1.0, CodecAccuracy.cosine(new float[] {0, 0}, new float[] {0, 0}));
    assertEquals(0.0, CodecAccuracy.cosine(new float[] {0, 0}, new float[] {1, 0}));
  }

  /** Three layers, prompt of 1, 100 generated tokens: 100 steps x 2 inter-layer states. */
  @Test
  void statisticsAndAgreement() {
    int steps = 100;
    List<ReferenceGenerator.Step> list = new ArrayList<>();
    Map<Long, float[]> seen = new HashMap<>();
    int[] refTokens = new int[steps];
    int[] runTokens = new int[steps];
    for (int p = 0; p < steps; p++) {
      float[][] hidden = {{1, 0}, {1, 0}, {1, 1}}; // layerHidden[l] enters layer l + 1
      int[][] selected = {{0, 1}, {0, 1}, {0, 1}};
      list.add(new ReferenceGenerator.Step(p, 0, selected, new float[3][], hidden, 5));
      // layer 1 receives the exact state; layer 2 one rotated by an angle growing with p
      seen.put(TokenDriver.hiddenKey(p, 1), new float[] {1, 0});
      double angle = 0.001 * p;
      seen.put(TokenDriver.hiddenKey(p, 2), new float[] {(float) Math.cos(angle), (float) Math.sin(angle)});
      refTokens[p] = 5;
      runTokens[p] = p == 40 || p == 70 ? 6 : 5;
    }
    ReferenceGenerator.Generation g = new ReferenceGenerator.Generation(new int[] {1}, refTokens, list);
    WireTally wire = new WireTally();
    Map<Long, java.util.Set<Integer>> asked = new HashMap<>();
    asked.put(TokenDriver.hiddenKey(3, 0), java.util.Set.of(0, 1));
    asked.put(TokenDriver.hiddenKey(3, 2), java.util.Set.of(1, 0));
    asked.put(TokenDriver.hiddenKey(2, 1), java.util.Set.of(0, 2));
    CodecAccuracy a = CodecAccuracy.measure("int8", false, g, seen, runTokens, wire, asked);
    assertEquals(3, a.routingCompared());
    assertEquals(1, a.routingMismatches());
    assertEquals("2/1", a.firstRoutingMismatch());
    assertEquals(200, a.hiddenStatesCompared());
    assertEquals(Math.cos(0.099), a.minCosine(), 1e-7);
    double mean = 0;
    for (int p = 0; p < steps; p++) {
      mean += 1 + Math.cos(0.001 * p);
    }
    assertEquals(mean / 200, a.meanCosine(), 1e-7);
    // sorted ascending, nearest rank floor(0.01 * 199) = 1: the second smallest
    assertEquals(Math.cos(0.098), a.p1Cosine(), 1e-7);
    assertEquals(0.98, a.greedyAgreement(), 1e-12);
    assertEquals(40, a.firstDisagreementStep());
    assertEquals(2, a.minCosineByLayer().length);
    assertEquals(1.0, a.minCosineByLayer()[0], 1e-12);
    assertEquals(Math.cos(0.099), a.minCosineByLayer()[1], 1e-7);
    assertEquals("tolerance", a.comparison());
    assertTrue(Double.isNaN(a.payloadBytesPerValue()), "no frames counted");
    assertFalse(a.withinTolerance(true), "cosine 0.9951 < 0.999 and agreement 98% < 99%");
    CodecAccuracy none = CodecAccuracy.measure("fp32", true, g, Map.of(), refTokens, null, Map.of());
    assertEquals(0, none.hiddenStatesCompared());
    assertEquals(1.0, none.greedyAgreement());
    assertEquals(-1, none.firstDisagreementStep());
    assertTrue(none.withinTolerance(false));
    assertFalse(none.withinTolerance(true), "hidden states watched but none seen");
  }
}
