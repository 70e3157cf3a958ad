package org.spacemoe.shared.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

class NodeHeapTest {
  @Property
  void popsInKeyOrderWithEachNodesKey(@ForAll @Size(max = 300) List<@DoubleRange(min = 0, max = 1e3) Double> keys) {
    NodeHeap h = new NodeHeap(2);
    for (int i = 0; i < keys.size(); i++) {
      h.push(keys.get(i), i);
    }
    assertEquals(keys.size(), h.size());
    double[] sorted = keys.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    for (double want : sorted) {
      assertEquals(want, h.minKey());
      int node = h.pop();
      assertEquals(want, keys.get(node));
    }
    assertTrue(h.isEmpty());
    h.push(1, 7);
    h.clear();
    assertTrue(h.isEmpty());
    assertEquals(0, Arrays.stream(sorted).filter(Double::isNaN).count());
  }
}
