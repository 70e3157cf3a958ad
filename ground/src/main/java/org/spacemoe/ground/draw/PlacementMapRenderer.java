package org.spacemoe.ground.draw;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.GridLink;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.SatelliteStates;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * Draws a placement plan on an equirectangular map (longitude -180..180 deg x latitude -90..90 deg) of the
 * sub-satellite points at one instant: all satellites, optionally the +Grid links that exist then, each
 * layer's subnet in its colour, gateways as numbered squares and expert hosts as numbered circles.
 *
 * <p>Sub-satellite points come from the inertial (ECI) positions with Earth rotation ignored:
 * {@code lon = atan2(y, x)}, {@code lat = asin(z / |r|)}. Links that would wrap across the +-180 deg meridian
 * are not drawn.
 */
public final class PlacementMapRenderer {
  /** Image size, px. */
  public static final int WIDTH_PX = 1600;
  public static final int HEIGHT_PX = 920;

  static final Equirectangular MAP = new Equirectangular(64, 70, 1480, 740);

  static {
    PngFiles.ensureHeadless();
  }

  private final boolean drawLinks;
  private final IslRules islRules;

  /** Draws links, with the plan's tracking limit (or the default rules when the plan has none). */
  public PlacementMapRenderer() {
    this(true, null);
  }

  private PlacementMapRenderer(boolean drawLinks, IslRules islRules) {
    this.drawLinks = drawLinks;
    this.islRules = islRules;
  }

  public PlacementMapRenderer withoutLinks() {
    return new PlacementMapRenderer(false, islRules);
  }

  /** Decides which +Grid links exist with {@code rules} instead of rules taken from the plan. */
  public PlacementMapRenderer withIslRules(IslRules rules) {
    return new PlacementMapRenderer(drawLinks, rules);
  }

  /** Renders with the default settings and writes the PNG, creating parent directories. */
  public static void writePng(PlacementPlan plan, Constellation constellation, double timeS, Path png)
      throws IOException {
    new PlacementMapRenderer().write(plan, constellation, timeS, png);
  }

  /**
   * @param timeS time after the constellation epoch, s
   * @throws InvalidInputException if a satellite named in the plan is not in {@code constellation}
   */
  public void write(PlacementPlan plan, Constellation constellation, double timeS, Path png) throws IOException {
    PngFiles.write(render(plan, constellation, timeS), png);
  }

  /**
   * @param timeS time after the constellation epoch, s
   * @return a {@value #WIDTH_PX} x {@value #HEIGHT_PX} RGB image
   * @throws InvalidInputException if a satellite named in the plan is not in {@code constellation}
   */
  public BufferedImage render(PlacementPlan plan, Constellation constellation, double timeS) {
    if (!Double.isFinite(timeS)) {
      throw new InvalidInputException("map time (s)", "must be finite, got " + timeS);
    }
    List<ResolvedLayer> layers = ResolvedLayer.resolveAll(plan, constellation);
    SatelliteStates states = constellation.statesAt(timeS);
    SubSatellitePoints points = SubSatellitePoints.of(states);
    IslRules rules = drawLinks ? rulesFor(plan) : null;

    BufferedImage image = new BufferedImage(WIDTH_PX, HEIGHT_PX, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH_PX, HEIGHT_PX);
      MapLegend.drawTitle(g, MAP.left(), plan.strategy(), constellation.id(), timeS,
          detail(plan, constellation));
      MapBackground.draw(g, MAP);
      g.clipRect(MAP.left(), MAP.top(), MAP.width(), MAP.height());
      if (rules != null) {
        drawLinks(g, constellation, states, points, rules);
      }
      drawLayers(g, layers, points);
      g.setClip(null);
      String linkMeaning = rules == null ? null
          : String.format(Locale.ROOT, "+Grid ISL up at t (<= %.3g rad/s)", rules.trackingLimitRadPerS());
      MapLegend.drawKey(g, MAP.left(), MAP.left() + MAP.width(), MAP.top() + MAP.height() + 46, layers.size(),
          linkMeaning);
    } finally {
      g.dispose();
    }
    return image;
  }

  private IslRules rulesFor(PlacementPlan plan) {
    if (islRules != null) {
      return islRules;
    }
    double limit = plan.inputs() == null ? Double.NaN : plan.inputs().trackingLimitRadPerS();
    return limit > 0 && Double.isFinite(limit) ? IslRules.defaults().withTrackingLimit(limit) : IslRules.defaults();
  }

  private static String detail(PlacementPlan plan, Constellation constellation) {
    String s = String.format(Locale.ROOT,
        "plan v%d, %d layers, %d satellites. Sub-satellite points from ECI positions, Earth rotation ignored: "
            + "lon = atan2(y, x), lat = asin(z/|r|).",
        plan.planVersion(), plan.layers().size(), constellation.size());
    if (plan.constellationId() != null && !plan.constellationId().equals(constellation.id())) {
      s += " Plan made for " + plan.constellationId() + ".";
    }
    return s;
  }

  private static void drawLinks(
      Graphics2D g, Constellation c, SatelliteStates states, SubSatellitePoints p, IslRules rules) {
    g.setColor(Markers.LINK_COLOUR);
    g.setStroke(new BasicStroke(1.2f));
    for (GridLink link : c.gridLinks()) {
      int a = link.a(), b = link.b();
      if (Math.abs(p.lonDeg()[a] - p.lonDeg()[b]) > 180 || Double.isNaN(rules.lengthIfFeasibleKm(states, a, b))) {
        continue;
      }
      g.draw(new Line2D.Double(MAP.x(p.lonDeg()[a]), MAP.y(p.latDeg()[a]), MAP.x(p.lonDeg()[b]), MAP.y(p.latDeg()[b])));
    }
  }

  private static void drawLayers(Graphics2D g, List<ResolvedLayer> layers, SubSatellitePoints p) {
    int n = layers.size();
    for (int i = 0; i < p.latDeg().length; i++) {
      Markers.dot(g, MAP.x(p.lonDeg()[i]), MAP.y(p.latDeg()[i]), Markers.SATELLITE_DOT_PX, Markers.SATELLITE_GREY);
    }
    for (int l = 0; l < n; l++) {
      Color c = LayerPalette.colour(layers.get(l).layer(), n);
      for (int sat : layers.get(l).subnet()) {
        Markers.dot(g, MAP.x(p.lonDeg()[sat]), MAP.y(p.latDeg()[sat]), Markers.SUBNET_DOT_PX, c);
      }
    }
    for (int l = 0; l < n; l++) {
      Color c = LayerPalette.colour(layers.get(l).layer(), n);
      for (Map.Entry<Integer, List<Integer>> e : layers.get(l).expertsBySatellite().entrySet()) {
        int sat = e.getKey();
        String label = e.getValue().stream().map(String::valueOf).collect(Collectors.joining(","));
        Markers.expert(g, MAP.x(p.lonDeg()[sat]), MAP.y(p.latDeg()[sat]), c, label);
      }
    }
    for (int l = 0; l < n; l++) {
      ResolvedLayer layer = layers.get(l);
      int sat = layer.gateway();
      Markers.gateway(g, MAP.x(p.lonDeg()[sat]), MAP.y(p.latDeg()[sat]), LayerPalette.colour(layer.layer(), n),
          Integer.toString(layer.layer()));
    }
  }
}
