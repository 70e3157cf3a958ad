package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;

class OrekitDataTest {
  @Test
  void leapSecondsComeFromTheBundledTable() {
    TimeScale utc = OrekitData.get().utc();
    assertEquals(-10, utc.offsetFromTAI(new AbsoluteDate(1972, 3, 1, utc)).toDouble(), 0);
    assertEquals(-33, utc.offsetFromTAI(new AbsoluteDate(2008, 9, 20, utc)).toDouble(), 0);
    assertEquals(-36, utc.offsetFromTAI(new AbsoluteDate(2016, 12, 31, 23, 59, 59, utc)).toDouble(), 0);
    assertEquals(-37, utc.offsetFromTAI(new AbsoluteDate(2017, 1, 1, utc)).toDouble(), 0);
    assertEquals(-37, utc.offsetFromTAI(new AbsoluteDate(2025, 6, 1, utc)).toDouble(), 0);
  }
}
