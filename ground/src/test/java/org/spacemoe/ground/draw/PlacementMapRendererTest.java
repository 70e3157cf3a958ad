package org.spacemoe.ground.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.WalkerConstellation;
import org.spacemoe.shared.constellation.WalkerParameters;
import org.spacemoe.shared.constellation.WalkerPattern;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

class PlacementMapRendererTest {
  private static final Constellation SMALL =
      new WalkerConstellation(new WalkerParameters(WalkerPattern.STAR, 6, 8, 550, 87, 1));
  private static final double TIME_S = 300;

  @TempDir Path dir;

  @Test
  void writesAPngOfTheMapSizeInANewDirectory() throws IOException {
    Path png = dir.resolve("maps/one/map.png");
    PlacementMapRenderer.writePng(TinyPlans.ring(SMALL, 4, 2, 3), SMALL, TIME_S, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img);
    assertEquals(PlacementMapRenderer.WIDTH_PX, img.getWidth());
    assertEquals(PlacementMapRenderer.HEIGHT_PX, img.getHeight());
  }

  @Test
  void gatewaySquareHasItsLayerColour() {
    PlacementPlan plan = TinyPlans.ring(SMALL, 4, 2, 3);
    BufferedImage img = new PlacementMapRenderer().render(plan, SMALL, TIME_S);
    SubSatellitePoints points = SubSatellitePoints.of(SMALL.statesAt(TIME_S));
    int checked = 0;
    for (LayerPlacement layer : plan.layers()) {
      int sat = indexOf(layer.gateway());
      double x = PlacementMapRenderer.MAP.x(points.lonDeg()[sat]);
      double y = PlacementMapRenderer.MAP.y(points.latDeg()[sat]);
      if (!clearOfOtherSatellites(points, sat, x, y)) {
        continue;
      }
      int inset = Markers.GATEWAY_SQUARE_PX / 2 - 3;
      int rgb = img.getRGB((int) Math.round(x - inset), (int) Math.round(y - inset)) & 0xFFFFFF;
      int expected = LayerPalette.colour(layer.layer(), plan.layers().size()).getRGB() & 0xFFFFFF;
      assertEquals(Integer.toHexString(expected), Integer.toHexString(rgb), "gateway of layer " + layer.layer());
      assertNotEquals(0xFFFFFF, rgb);
      checked++;
    }
    assertTrue(checked >= 2, "too few gateways clear of other markers: " + checked);
  }

  @Test
  void unknownSatelliteNameFailsNamingIt() {
    PlacementPlan good = TinyPlans.ring(SMALL, 2, 2, 2);
    List<LayerPlacement> layers = new ArrayList<>(good.layers());
    LayerPlacement l1 = layers.get(1);
    layers.set(1, new LayerPlacement(1, l1.subnet(), l1.gateway(), List.of(List.of("p00s02"), List.of("nowhere-7"))));
    PlacementPlan bad = new PlacementPlan(good.schemaVersion(), good.planVersion(), good.strategy(),
        good.constellationId(), layers, good.shardDigests(), good.inputs());
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new PlacementMapRenderer().render(bad, SMALL, 0));
    assertTrue(e.getMessage().contains("nowhere-7"), e.getMessage());
    assertTrue(e.getMessage().contains("layer 1"), e.getMessage());
  }

  @Test
  void rendersWithoutLinks() {
    BufferedImage img = new PlacementMapRenderer().withoutLinks().render(TinyPlans.ring(SMALL, 4, 2, 3), SMALL, 0);
    assertEquals(PlacementMapRenderer.WIDTH_PX, img.getWidth());
  }

  @Test
  void subSatellitePointsFollowTheEciPosition() {
    SubSatellitePoints p = SubSatellitePoints.of(SMALL.statesAt(0));
    double[] r = SMALL.statesAt(0).positionsKm();
    assertEquals(Math.toDegrees(Math.atan2(r[1], r[0])), p.lonDeg()[0], 1e-9);
    for (double lat : p.latDeg()) {
      assertTrue(lat >= -87 - 1e-9 && lat <= 87 + 1e-9, "latitude beyond the inclination: " + lat);
    }
  }

  private static int indexOf(String name) {
    return SMALL.satellites().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().index();
  }

  private static boolean clearOfOtherSatellites(SubSatellitePoints p, int sat, double x, double y) {
    for (int i = 0; i < p.latDeg().length; i++) {
      double dx = PlacementMapRenderer.MAP.x(p.lonDeg()[i]) - x;
      double dy = PlacementMapRenderer.MAP.y(p.latDeg()[i]) - y;
      if (i != sat && Math.hypot(dx, dy) < 2 * Markers.GATEWAY_SQUARE_PX) {
        return false;
      }
    }
    return x > PlacementMapRenderer.MAP.left() + Markers.GATEWAY_SQUARE_PX
        && x < PlacementMapRenderer.MAP.left() + PlacementMapRenderer.MAP.width() - Markers.GATEWAY_SQUARE_PX;
  }
}
