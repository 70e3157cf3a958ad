package org.spacemoe.ground.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/** The map's marker shapes, shared by the map and its legend. Sizes in pixels. */
final class Markers {
  static final double SATELLITE_DOT_PX = 5;
  static final double SUBNET_DOT_PX = 8;
  static final int GATEWAY_SQUARE_PX = 22;
  static final int EXPERT_CIRCLE_PX = 17;
  static final Color SATELLITE_GREY = new Color(150, 150, 150);
  static final Color LINK_COLOUR = new Color(110, 120, 135, 70);
  private static final Font GATEWAY_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
  private static final Font EXPERT_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 11);

  private Markers() {}

  static void dot(Graphics2D g, double cx, double cy, double diameterPx, Color fill) {
    g.setColor(fill);
    g.fill(new Ellipse2D.Double(cx - diameterPx / 2, cy - diameterPx / 2, diameterPx, diameterPx));
  }

  /** Gateway: filled square in the layer colour with a dark outline and the layer number. */
  static void gateway(Graphics2D g, double cx, double cy, Color fill, String label) {
    g.setFont(GATEWAY_FONT);
    int side = Math.max(GATEWAY_SQUARE_PX, g.getFontMetrics().stringWidth(label) + 8);
    Rectangle2D square = new Rectangle2D.Double(cx - side / 2.0, cy - side / 2.0, side, side);
    g.setColor(fill);
    g.fill(square);
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1.5f));
    g.draw(square);
    centredText(g, label, cx, cy, LayerPalette.textOn(fill));
  }

  /** Expert host: filled circle in the layer colour with the expert index (or indices). */
  static void expert(Graphics2D g, double cx, double cy, Color fill, String label) {
    g.setFont(EXPERT_FONT);
    double d = Math.max(EXPERT_CIRCLE_PX, g.getFontMetrics().stringWidth(label) + 7);
    Ellipse2D circle = new Ellipse2D.Double(cx - d / 2, cy - d / 2, d, d);
    g.setColor(fill);
    g.fill(circle);
    g.setColor(fill.darker().darker());
    g.setStroke(new BasicStroke(1.2f));
    g.draw(circle);
    centredText(g, label, cx, cy, LayerPalette.textOn(fill));
  }

  static void centredText(Graphics2D g, String text, double cx, double cy, Color colour) {
    FontMetrics fm = g.getFontMetrics();
    g.setColor(colour);
    g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
  }
}
