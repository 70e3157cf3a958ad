package org.spacemoe.shared.routing;

import java.util.Arrays;

/**
 * Binary min-heap of (key, node) pairs on primitive arrays, for Dijkstra with lazy deletion: a node may be pushed
 * again with a smaller key, and the caller skips the stale entries it pops. Grows as needed; not thread-safe.
 */
public final class NodeHeap {
  private double[] key;
  private int[] node;
  private int size;

  /** @param capacity initial number of entries before the arrays grow */
  public NodeHeap(int capacity) {
    key = new double[Math.max(16, capacity)];
    node = new int[key.length];
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Empties the heap, keeping its arrays. */
  public void clear() {
    size = 0;
  }

  /** The smallest key; only when not empty. */
  public double minKey() {
    return key[0];
  }

  public void push(double k, int v) {
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

  /** Removes the entry with the smallest key and returns its node; only when not empty. */
  public int pop() {
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
