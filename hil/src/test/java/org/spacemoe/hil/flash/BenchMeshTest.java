package org.spacemoe.hil.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.shared.constellation.Satellite;
import org.spacemoe.shared.routing.IslMesh;

/** Relay assignment and ISL endpoints of a mesh bench ({@link MeshBench}), against a breadth-first search of its own. */
class BenchMeshTest {
  @TempDir Path dir;

  @Test
  void hostsEveryRouteSatelliteOnceRelaysOnTheNearestBoardTiesToTheFirst() throws Exception {
    BenchMesh m = MeshBench.mesh(dir);
    IslMesh isl = MeshBench.islMesh();
    Map<String, Integer> index = new HashMap<>();
    isl.constellation().satellites().forEach(s -> index.put(s.name(), s.index()));
    List<Board> boards = m.inventory().boards();
    BitSet wanted = isl.satellitesOnRoutes(0, m.inventory().satellites().stream().mapToInt(index::get).toArray());
    Set<String> hosted = new HashSet<>();
    for (Board b : boards) {
      for (String s : m.satellites(b)) {
        assertTrue(hosted.add(s), s + " hosted twice");
        assertEquals(b, m.host(s));
      }
      assertEquals(b.satellites(), m.satellites(b).subList(0, b.satellites().size()), "own satellites first");
    }
    Set<String> expected = new HashSet<>();
    wanted.stream().forEach(i -> expected.add(isl.constellation().satellites().get(i).name()));
    assertEquals(expected, hosted);
    int[][] hops = new int[boards.size()][];
    for (int b = 0; b < boards.size(); b++) {
      hops[b] = bfs(isl, boards.get(b).satellites().stream().mapToInt(index::get).toArray());
    }
    for (int b = 0; b < boards.size(); b++) {
      for (String r : m.relays(boards.get(b))) {
        int v = index.get(r);
        for (int o = 0; o < boards.size(); o++) {
          assertTrue(o < b ? hops[o][v] > hops[b][v] : hops[o][v] >= hops[b][v],
              r + " on " + boards.get(b).name() + " but " + boards.get(o).name() + " is as near or nearer");
        }
      }
    }
    // p00s00 (board-a) .. p00s04 (board-b) along plane 0: p00s02 is 2 hops from both and goes to the first board
    assertEquals(List.of("p00s01", "p00s02"), m.relays(boards.get(0)).subList(0, 2));
    assertEquals(boards.get(1), m.host("p00s03"));
    assertNull(m.host("p03s12"));
  }

  @Test
  void endpointsAreTheBoardsOwnSatellitesAndTheirHostedNeighbours() throws Exception {
    BenchMesh m = MeshBench.mesh(dir);
    for (Board b : m.inventory().boards()) {
      Set<String> want = new TreeSet<>();
      for (String s : m.satellites(b)) {
        want.add(s + "=tcp://" + b.host() + ":" + b.islPort());
        for (String n : m.neighbours(s)) {
          Board h = m.host(n);
          want.add(n + "=tcp://" + h.host() + ":" + h.islPort());
        }
      }
      assertEquals(want, new TreeSet<>(m.endpoints(b)), b.name());
    }
    List<String> a = m.endpoints(m.inventory().boards().get(0));
    assertEquals("p00s00=tcp://10.0.0.21:1883", a.get(0));
    assertTrue(a.contains("p00s03=tcp://10.0.0.21:1884"), "board-b's ISL port");
    assertTrue(a.contains("p09s10=tcp://10.0.0.23:1883"), "board-c on its own host");
    assertTrue(m.neighbours("p00s00").containsAll(List.of("p00s01", "p00s15", "p01s00")));
  }

  private static int[] bfs(IslMesh isl, int[] from) {
    int[] d = new int[isl.constellation().size()];
    Arrays.fill(d, Integer.MAX_VALUE);
    ArrayDeque<Integer> q = new ArrayDeque<>();
    for (int s : from) {
      d[s] = 0;
      q.add(s);
    }
    while (!q.isEmpty()) {
      int v = q.poll();
      for (int n : isl.neighbours(0, v, Set.of())) {
        if (d[n] > d[v] + 1) {
          d[n] = d[v] + 1;
          q.add(n);
        }
      }
    }
    return d;
  }
}
