package org.spacemoe.orbit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orekit.data.DataContext;
import org.orekit.data.LazyLoadedDataContext;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;

class OrekitDataTest {
  @TempDir
  Path dir;

  @Test
  void leapSecondsComeFromTheBundledTable() {
    TimeScale utc = OrekitData.get().utc();
    assertEquals(-10, utc.offsetFromTAI(new AbsoluteDate(1972, 3, 1, utc)).toDouble(), 0);
    assertEquals(-33, utc.offsetFromTAI(new AbsoluteDate(2008, 9, 20, utc)).toDouble(), 0);
    assertEquals(-36, utc.offsetFromTAI(new AbsoluteDate(2016, 12, 31, 23, 59, 59, utc)).toDouble(), 0);
    assertEquals(-37, utc.offsetFromTAI(new AbsoluteDate(2017, 1, 1, utc)).toDouble(), 0);
    assertEquals(-37, utc.offsetFromTAI(new AbsoluteDate(2025, 6, 1, utc)).toDouble(), 0);
  }

  /** The process-wide default context is swapped for one whose data provider fails if anything asks it for data. */
  @Test
  void loadingAndPropagatingNeverUseTheDefaultDataContext() throws Exception {
    LazyLoadedDataContext previous = DataContext.getDefault();
    LazyLoadedDataContext trap = new LazyLoadedDataContext();
    trap.getDataProvidersManager().addProvider((pattern, loader, manager) -> {
      throw new AssertionError("default Orekit data context asked for " + pattern);
    });
    DataContext.setDefault(trap);
    try {
      Path file = dir.resolve("shell.tle");
      Files.write(file, TleConstellationTest.shellSets());
      TleConstellation c = TleConstellationLoader.load(file, null);
      c.statesAt(1234.5);
      c.describe();
    } finally {
      DataContext.setDefault(previous);
    }
  }
}
