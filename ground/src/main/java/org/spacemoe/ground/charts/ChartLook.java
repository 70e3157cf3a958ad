package org.spacemoe.ground.charts;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * Shared look of the ground tool's charts: white background, large sans-serif text, colour-blind-safe series; short
 * numbers on numeric axes, category names left as they are.
 */
final class ChartLook {
  static final int WIDTH_PX = 900;
  static final int HEIGHT_PX = 560;

  /** Okabe-Ito colours, the hard-to-see yellow left out. */
  private static final Color[] SERIES = {
    new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
    new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x7F7F7F)
  };

  private ChartLook() {}

  static void apply(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setChartTitleBoxVisible(false);
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    s.setLegendBorderColor(new Color(200, 200, 200));
    s.setLegendBackgroundColor(Color.WHITE);
    s.setSeriesColors(SERIES);
    if (!(s instanceof CategoryStyler)) {
      // a category axis formatted as numbers prints "0" for every name
      s.setxAxisTickLabelsFormattingFunction(ShortNumber::format);
    }
    s.setyAxisTickLabelsFormattingFunction(ShortNumber::format);
    s.setAntiAlias(true);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
  }
}
