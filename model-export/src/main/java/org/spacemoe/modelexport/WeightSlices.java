package org.spacemoe.modelexport;

import org.spacemoe.shared.model.onnx.SeededWeights;

/**
 * Slices of a seeded weight matrix: the whole {@code rows x cols} matrix is drawn from its stream (so a slice
 * holds exactly the values the unsplit shard has at those places) and the slice kept, row-major.
 */
final class WeightSlices {
  private WeightSlices() {}

  /** Columns [c0, c1) of every row: a {@code rows x (c1 - c0)} matrix. */
  static SeededWeights.FloatSource columns(SeededWeights.FloatSource full, int rows, int cols, int c0, int c1) {
    float[] out = new float[rows * (c1 - c0)];
    int w = c1 - c0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float v = full.next();
        if (c >= c0 && c < c1) {
          out[r * w + c - c0] = v;
        }
      }
    }
    return SeededWeights.of(out);
  }

  /** Rows [r0, r1): a {@code (r1 - r0) x cols} matrix. */
  static SeededWeights.FloatSource rows(SeededWeights.FloatSource full, int rows, int cols, int r0, int r1) {
    float[] out = new float[(r1 - r0) * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float v = full.next();
        if (r >= r0 && r < r1) {
          out[(r - r0) * cols + c] = v;
        }
      }
    }
    return SeededWeights.of(out);
  }
}
