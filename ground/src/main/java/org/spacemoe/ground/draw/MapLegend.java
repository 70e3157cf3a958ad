package org.spacemoe.ground.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/** The map's title block (what, where, when) and its key (marker meanings, layer colours). */
final class MapLegend {
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 22);
  private static final Font TEXT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  private static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color TEXT = new Color(30, 30, 30);

  private MapLegend() {}

  /**
   * @param left x of the text start, px
   * @param timeS time after the constellation epoch, s
   */
  static void drawTitle(Graphics2D g, int left, String strategy, String constellationId, double timeS, String detail) {
    g.setColor(TEXT);
    g.setFont(TITLE_FONT);
    g.drawString(String.format(Locale.ROOT, "Placement map  |  strategy: %s  |  constellation: %s  |  t = %.1f s",
        strategy, constellationId, timeS), left, 30);
    g.setFont(TEXT_FONT);
    g.drawString(detail, left, 54);
  }

  /** Draws one row of marker meanings at {@code rowY} and the layer colour strip below it. */
  static void drawKey(Graphics2D g, int left, int right, int rowY, int layerCount, String linkMeaning) {
    Color sample = LayerPalette.colour(0, Math.max(1, layerCount));
    int x = left;
    Markers.dot(g, x + 6, rowY, Markers.SATELLITE_DOT_PX, Markers.SATELLITE_GREY);
    x = label(g, x + 16, rowY, "satellite");
    if (linkMeaning != null) {
      g.setColor(new Color(110, 120, 135, 160));
      g.setStroke(new BasicStroke(1.5f));
      g.draw(new Line2D.Double(x, rowY, x + 26, rowY));
      x = label(g, x + 34, rowY, linkMeaning);
    }
    Markers.dot(g, x + 6, rowY, Markers.SUBNET_DOT_PX, sample);
    x = label(g, x + 16, rowY, "subnet member (colour = layer)");
    Markers.gateway(g, x + 11, rowY, sample, "n");
    x = label(g, x + 28, rowY, "gateway of layer n");
    Markers.expert(g, x + 9, rowY, sample, "e");
    label(g, x + 24, rowY, "host of expert e (indices 0-based)");
    drawColourStrip(g, left, right, rowY + 30, layerCount);
  }

  private static void drawColourStrip(Graphics2D g, int left, int right, int centreY, int layerCount) {
    if (layerCount <= 0) {
      return;
    }
    int x = label(g, left, centreY, "layer colours:") - 10;
    double cell = Math.min(36, (right - x) / (double) layerCount);
    int step = Math.max(1, (int) Math.ceil(22 / cell));
    g.setFont(SMALL_FONT);
    for (int l = 0; l < layerCount; l++) {
      Color c = LayerPalette.colour(l, layerCount);
      g.setColor(c);
      g.fill(new Rectangle2D.Double(x + l * cell, centreY - 9, Math.ceil(cell), 18));
      if (l % step == 0) {
        Markers.centredText(g, Integer.toString(l), x + (l + 0.5) * cell, centreY, LayerPalette.textOn(c));
      }
    }
  }

  /** Draws {@code text} vertically centred on {@code centreY}; returns the x after it plus a gap. */
  private static int label(Graphics2D g, int x, int centreY, String text) {
    g.setFont(TEXT_FONT);
    FontMetrics fm = g.getFontMetrics();
    g.setColor(TEXT);
    g.drawString(text, x, centreY + (fm.getAscent() - fm.getDescent()) / 2);
    return x + fm.stringWidth(text) + 28;
  }
}
