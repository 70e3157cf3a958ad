package org.spacemoe.ground.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;

/** Map area fill, 30 deg graticule and its degree labels. */
final class MapBackground {
  private static final Color SEA = new Color(240, 245, 250);
  private static final Color GRID = new Color(200, 210, 222);
  private static final Color GRID_MAIN = new Color(160, 172, 190);
  private static final Color LABEL = new Color(70, 70, 70);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  private MapBackground() {}

  static void draw(Graphics2D g, Equirectangular map) {
    g.setColor(SEA);
    g.fillRect(map.left(), map.top(), map.width(), map.height());
    g.setFont(LABEL_FONT);
    FontMetrics fm = g.getFontMetrics();
    for (int lon = -180; lon <= 180; lon += 30) {
      double x = map.x(lon);
      line(g, x, map.y(90), x, map.y(-90), lon == 0);
      String text = degrees(lon, "E", "W");
      g.setColor(LABEL);
      g.drawString(text, (float) (x - fm.stringWidth(text) / 2.0), (float) (map.y(-90) + fm.getAscent() + 4));
    }
    for (int lat = -90; lat <= 90; lat += 30) {
      double y = map.y(lat);
      line(g, map.x(-180), y, map.x(180), y, lat == 0);
      String text = degrees(lat, "N", "S");
      g.setColor(LABEL);
      g.drawString(text, (float) (map.left() - fm.stringWidth(text) - 6), (float) (y + (fm.getAscent() - fm.getDescent()) / 2.0));
    }
  }

  private static void line(Graphics2D g, double x1, double y1, double x2, double y2, boolean main) {
    g.setColor(main ? GRID_MAIN : GRID);
    g.setStroke(new BasicStroke(main ? 1.4f : 1f));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  private static String degrees(int value, String positive, String negative) {
    return value == 0 ? "0°" : Math.abs(value) + "°" + (value > 0 ? positive : negative);
  }
}
