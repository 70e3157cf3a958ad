package org.spacemoe.ground.placement.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.spacemoe.ground.TestScenarios;
import org.spacemoe.ground.scenario.Fleet;
import org.spacemoe.ground.scenario.Scenario;
import org.spacemoe.shared.model.DeviceProfile;

/** Whatever the memories, roles and costs: slots fit, spread before stacking, and are the cheapest by level. */
class ExpertSlotsPropertyTest {
  static final Scenario BASE = TestScenarios.small(); // expert: 4 x 3 x 256 x 512 = 1,572,864 bytes

  @Property(tries = 300)
  void slotsFitSpreadFirstAndAreTheCheapest(
      @ForAll @Size(min = 1, max = 10) List<@LongRange(min = 1, max = 12_000_000) Long> memory,
      @ForAll @Size(min = 10, max = 10) List<@IntRange(min = 0, max = 3) Integer> rolesBefore,
      @ForAll @Size(min = 10, max = 10) List<@IntRange(min = -1, max = 50) Integer> costs,
      @ForAll @IntRange(min = 1, max = 12) int count) {
    int n = memory.size();
    DeviceProfile[] of = new DeviceProfile[BASE.constellation().size()];
    Arrays.fill(of, DeviceProfile.SBC_2A72);
    int[] sats = new int[n];
    double[] cost = new double[n];
    for (int i = 0; i < n; i++) {
      sats[i] = 3 * i + 1;
      of[sats[i]] = new DeviceProfile("m" + i, 7e9, memory.get(i));
      cost[i] = costs.get(i) < 0 ? Double.POSITIVE_INFINITY : costs.get(i);
    }
    SatelliteMemory mem = new SatelliteMemory(BASE.withFleet(Fleet.mixed("prop", of)));
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < rolesBefore.get(i); r++) {
        mem.add(sats[i], 100_000);
      }
    }
    long expert = mem.shardBytes().expert();
    List<ExpertSlots.Slot> chosen = ExpertSlots.choose(sats, cost, mem, count);

    int available = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(cost[i])) {
        available += (int) Math.min(count, Math.max(0, mem.free(sats[i]) / expert));
      }
    }
    assertEquals(Math.min(count, available), chosen.size());
    Map<Integer, Integer> per = new HashMap<>();
    for (ExpertSlots.Slot s : chosen) {
      per.merge(s.satellite(), 1, Integer::sum);
      assertTrue(Double.isFinite(s.cost()));
    }
    for (int i = 0; i < n; i++) {
      int taken = per.getOrDefault(sats[i], 0);
      assertTrue(taken * expert <= Math.max(0, mem.free(sats[i])), "over memory on " + sats[i]);
      // the slot a satellite would offer next is never better than the last one chosen
      if (!chosen.isEmpty() && Double.isFinite(cost[i]) && (taken + 1) * expert <= mem.free(sats[i])
          && chosen.size() == count) {
        ExpertSlots.Slot last = chosen.get(chosen.size() - 1);
        int nextLevel = mem.roles(sats[i]) + taken;
        assertTrue(nextLevel > last.level() || (nextLevel == last.level() && cost[i] >= last.cost()),
            "a cheaper slot was left: satellite " + sats[i]);
      }
    }
    for (int j = 1; j < chosen.size(); j++) {
      ExpertSlots.Slot a = chosen.get(j - 1);
      ExpertSlots.Slot b = chosen.get(j);
      assertTrue(a.level() < b.level() || (a.level() == b.level() && a.cost() <= b.cost()), "order at " + j);
    }
  }
}
