package org.spacemoe.ground.placement.region;

import java.util.Arrays;

/**
 * One slot's ISL graph inside a band (compressed sparse rows, local indices, weights in s) and the search that
 * finds a source's nearest members of a layer with their exact whole-constellation latency.
 */
public final class BandGraph {
  private final int[] offsets;
  private final int[] neighbours;
  private final double[] weights;
  private final boolean[] boundary;

  BandGraph(int n, int[] a, int[] b, double[] w, int m, boolean[] boundary) {
    this.boundary = boundary;
    offsets = new int[n + 1];
    for (int i = 0; i < m; i++) {
      offsets[a[i] + 1]++;
      offsets[b[i] + 1]++;
    }
    for (int v = 0; v < n; v++) {
      offsets[v + 1] += offsets[v];
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
  }

  /**
   * Dijkstra from {@code source} until {@code quota} satellites with {@code layerOf[v] == layer} (other than the
   * source) and every satellite of {@code required} (local indices) are settled, a boundary satellite is settled,
   * or nothing is left.
   *
   * <p>Invariant of the result: every satellite of the whole constellation whose shortest latency from the source is
   * below {@link NearestMembers#trustedBelowS()} lies inside the band, is settled here with that very latency
   * (the same floating-point value: a shortest distance is the minimum over neighbours of distance plus link
   * latency, whatever the order of the search), and keeps off the boundary. Every other satellite's latency is at
   * least {@code trustedBelowS}.
   */
  public NearestMembers nearest(int source, int[] layerOf, int layer, int quota, int[] required) {
    int n = offsets.length - 1;
    double[] dist = new double[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    boolean[] settled = new boolean[n];
    boolean[] wanted = new boolean[n];
    int requiredLeft = 0;
    for (int r : required) {
      if (!wanted[r]) {
        wanted[r] = true;
        requiredLeft++;
      }
    }
    Heap heap = new Heap();
    dist[source] = 0;
    heap.push(0, source);
    int[] found = new int[Math.max(4, quota + 1)];
    double[] foundS = new double[found.length];
    int count = 0;
    int membersSettled = 0;
    double boundaryS = Double.POSITIVE_INFINITY;
    while (heap.size > 0 && (membersSettled < quota || requiredLeft > 0)) {
      double d = heap.topKey();
      int u = heap.pop();
      if (settled[u] || d > dist[u]) {
        continue;
      }
      settled[u] = true;
      if (wanted[u]) {
        requiredLeft--;
      }
      if (boundary[u]) {
        boundaryS = d;
        break;
      }
      if (layerOf[u] == layer) {
        if (count == found.length) {
          found = Arrays.copyOf(found, 2 * count);
          foundS = Arrays.copyOf(foundS, 2 * count);
        }
        found[count] = u;
        foundS[count++] = d;
        if (u != source) {
          membersSettled++;
        }
      }
      for (int e = offsets[u]; e < offsets[u + 1]; e++) {
        int v = neighbours[e];
        double nd = d + weights[e];
        if (nd < dist[v]) {
          dist[v] = nd;
          heap.push(nd, v);
        }
      }
    }
    double trusted = Math.min(boundaryS, heap.size > 0 ? heap.topKey() : Double.POSITIVE_INFINITY);
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (foundS[i] < trusted) {
        found[kept] = found[i];
        foundS[kept++] = foundS[i];
      }
    }
    return new NearestMembers(Arrays.copyOf(found, kept), Arrays.copyOf(foundS, kept), trusted);
  }

  /**
   * Members settled with their exact latency.
   *
   * @param locals local indices, in order of latency
   * @param latencyS their shortest latency from the source, s (each below {@code trustedBelowS})
   * @param trustedBelowS every member not listed has latency at least this, s (+Infinity: none reachable)
   */
  public record NearestMembers(int[] locals, double[] latencyS, double trustedBelowS) {}

  private static final class Heap {
    double[] key = new double[64];
    int[] node = new int[64];
    int size;

    double topKey() {
      return key[0];
    }

    void push(double k, int v) {
      if (size == key.length) {
        key = Arrays.copyOf(key, 2 * size);
        node = Arrays.copyOf(node, 2 * size);
      }
      int i = size++;
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (key[p] <= k) {
          break;
        }
        key[i] = key[p];
        node[i] = node[p];
        i = p;
      }
      key[i] = k;
      node[i] = v;
    }

    int pop() {
      int top = node[0];
      double k = key[--size];
      int v = node[size];
      int i = 0;
      while (true) {
        int c = 2 * i + 1;
        if (c >= size) {
          break;
        }
        if (c + 1 < size && key[c + 1] < key[c]) {
          c++;
        }
        if (key[c] >= k) {
          break;
        }
        key[i] = key[c];
        node[i] = node[c];
        i = c;
      }
      key[i] = k;
      node[i] = v;
      return top;
    }
  }
}
