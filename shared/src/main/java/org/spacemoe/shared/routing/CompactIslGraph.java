package org.spacemoe.shared.routing;

import java.util.Arrays;

/**
 * An undirected weighted graph in compressed sparse rows with a targeted Dijkstra: the search stops once all
 * targets are settled. Replaces JGraphT in the evaluator's inner loop, where JGraphT's boxed, hash-map based
 * Dijkstra measured 5-20x slower on 1,056 to 10,000 satellites; tests check both give the same distances.
 * Immutable and thread-safe (each thread keeps its own search workspace).
 */
final class CompactIslGraph {
  private final int n;
  private final int[] offsets;
  private final int[] neighbours;
  private final double[] weights;
  private final ThreadLocal<Workspace> workspace;

  /** @param a edge endpoints a[i]-b[i] with weight w[i] (s) for i in [0, m) */
  CompactIslGraph(int n, int[] a, int[] b, double[] w, int m) {
    this.n = n;
    int[] degree = new int[n + 1];
    for (int i = 0; i < m; i++) {
      degree[a[i]]++;
      degree[b[i]]++;
    }
    offsets = new int[n + 1];
    for (int v = 0; v < n; v++) {
      offsets[v + 1] = offsets[v] + degree[v];
    }
    neighbours = new int[2 * m];
    weights = new double[2 * m];
    int[] fill = Arrays.copyOf(offsets, n);
    for (int i = 0; i < m; i++) {
      neighbours[fill[a[i]]] = b[i];
      weights[fill[a[i]]++] = w[i];
      neighbours[fill[b[i]]] = a[i];
      weights[fill[b[i]]++] = w[i];
    }
    workspace = ThreadLocal.withInitial(() -> new Workspace(n, 2 * m + 1));
  }

  int vertexCount() {
    return n;
  }

  /**
   * Writes the shortest distance (s) and its hop count from {@code source} to each target;
   * {@code +Infinity} and {@code -1} where unreachable.
   */
  void shortest(int source, int[] targets, double[] distOut, int[] hopsOut) {
    Workspace ws = workspace.get();
    int stamp = ws.nextStamp();
    int remaining = 0;
    for (int t : targets) {
      if (ws.targetStamp[t] != stamp) {
        ws.targetStamp[t] = stamp;
        remaining++;
      }
    }
    ws.touch(source, stamp);
    ws.dist[source] = 0;
    ws.hops[source] = 0;
    ws.previous[source] = -1;
    ws.heap.clear();
    ws.heap.push(0, source);
    while (!ws.heap.isEmpty() && remaining > 0) {
      double d = ws.heap.minKey();
      int u = ws.heap.pop();
      if (ws.settled[u] == stamp || d > ws.dist[u]) {
        continue;
      }
      ws.settled[u] = stamp;
      if (ws.targetStamp[u] == stamp) {
        remaining--;
      }
      for (int e = offsets[u]; e < offsets[u + 1]; e++) {
        int v = neighbours[e];
        double nd = d + weights[e];
        ws.touch(v, stamp);
        if (nd < ws.dist[v]) {
          ws.dist[v] = nd;
          ws.hops[v] = ws.hops[u] + 1;
          ws.previous[v] = u;
          ws.heap.push(nd, v);
        }
      }
    }
    for (int i = 0; i < targets.length; i++) {
      int t = targets[i];
      boolean reached = ws.settled[t] == stamp;
      distOut[i] = reached ? ws.dist[t] : Double.POSITIVE_INFINITY;
      hopsOut[i] = reached ? ws.hops[t] : -1;
    }
  }

  /**
   * The vertices of a shortest path from {@code source} to {@code target}, both included ({@code [source]} when they
   * are equal), or null when {@code target} is unreachable. Ties go to the path found first, as in {@link #shortest}.
   */
  int[] path(int source, int target) {
    double[] dist = new double[1];
    int[] hops = new int[1];
    shortest(source, new int[] {target}, dist, hops);
    if (hops[0] < 0) {
      return null;
    }
    Workspace ws = workspace.get(); // the search above ran on this thread's workspace
    int[] out = new int[hops[0] + 1];
    for (int v = target, i = out.length - 1; i >= 0; v = ws.previous[v], i--) {
      out[i] = v;
    }
    return out;
  }

  /** Weight of the edge {@code a}-{@code b}, s; NaN when there is none. */
  double weight(int a, int b) {
    for (int e = offsets[a]; e < offsets[a + 1]; e++) {
      if (neighbours[e] == b) {
        return weights[e];
      }
    }
    return Double.NaN;
  }

  /** The vertices adjacent to {@code v}. */
  int[] neighboursOf(int v) {
    return Arrays.copyOfRange(neighbours, offsets[v], offsets[v + 1]);
  }

  /** Per-thread search state; stamps avoid clearing arrays between searches. */
  private static final class Workspace {
    final double[] dist;
    final int[] hops;
    final int[] previous;
    final int[] seen;
    final int[] settled;
    final int[] targetStamp;
    final NodeHeap heap;
    int stamp;

    Workspace(int n, int heapCapacity) {
      dist = new double[n];
      hops = new int[n];
      previous = new int[n];
      seen = new int[n];
      settled = new int[n];
      targetStamp = new int[n];
      heap = new NodeHeap(heapCapacity);
    }

    int nextStamp() {
      if (++stamp == Integer.MAX_VALUE) {
        Arrays.fill(seen, 0);
        Arrays.fill(settled, 0);
        Arrays.fill(targetStamp, 0);
        stamp = 1;
      }
      return stamp;
    }

    void touch(int v, int s) {
      if (seen[v] != s) {
        seen[v] = s;
        dist[v] = Double.POSITIVE_INFINITY;
        hops[v] = -1;
      }
    }
  }
}
