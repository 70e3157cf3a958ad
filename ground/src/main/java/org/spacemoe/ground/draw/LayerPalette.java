package org.spacemoe.ground.draw;

import java.awt.Color;

/**
 * Cyclic layer colours: equal HSB hue steps, so that the last layer's colour sits next to the first one's,
 * like the layers on the ring. Brightness dips for the light yellow-green hues so every colour stays
 * visible on white.
 */
final class LayerPalette {
  private LayerPalette() {}

  static Color colour(int layer, int layerCount) {
    float hue = (float) Math.floorMod(layer, Math.max(1, layerCount)) / Math.max(1, layerCount);
    double yellowness = Math.max(0, Math.cos(2 * Math.PI * (hue - 0.2)));
    float brightness = (float) (0.92 - 0.27 * yellowness * yellowness);
    return Color.getHSBColor(hue, 0.85f, brightness);
  }

  /** Black or white, whichever reads better on {@code fill}. */
  static Color textOn(Color fill) {
    double luminance = (0.2126 * fill.getRed() + 0.7152 * fill.getGreen() + 0.0722 * fill.getBlue()) / 255;
    return luminance > 0.5 ? Color.BLACK : Color.WHITE;
  }
}
