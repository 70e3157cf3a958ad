package org.spacemoe.ground.draw;

/**
 * Equirectangular projection of longitude [-180, 180] x latitude [-90, 90] deg onto a pixel rectangle whose
 * top-left corner is {@code (left, top)}.
 */
record Equirectangular(int left, int top, int width, int height) {

  double x(double lonDeg) {
    return left + (lonDeg + 180) / 360 * width;
  }

  double y(double latDeg) {
    return top + (90 - latDeg) / 180 * height;
  }
}
