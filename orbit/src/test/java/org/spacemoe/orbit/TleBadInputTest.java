package org.spacemoe.orbit;

import org.spacemoe.shared.constellation.ConstellationSpecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;

/** Every way a TLE file can be wrong gives one line naming the file, the line and the problem. */
class TleBadInputTest {
  @TempDir
  Path dir;

  /** Lines of the 12-satellite shell; sets are 3 lines each, so line 3k+2 is a line 1 and 3k+3 a line 2. */
  static List<String> shell() {
    return new ArrayList<>(TleConstellationTest.shellSets());
  }

  String failure(List<String> lines, Integer planes) throws IOException {
    Path file = dir.resolve("sats.tle");
    Files.write(file, lines);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TleConstellationLoader.load(file, planes));
    assertEquals(file.toString(), e.input());
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage().substring(file.toString().length() + 2);
  }

  static String replace(String line, int firstColumn, String text) {
    return line.substring(0, firstColumn - 1) + text + line.substring(firstColumn - 1 + text.length());
  }

  @Test
  void brokenChecksum() throws IOException {
    List<String> lines = shell();
    String l1 = lines.get(4);
    int digit = l1.charAt(68) - '0';
    lines.set(4, l1.substring(0, 68) + (digit + 1) % 10);
    assertEquals("line 5: TLE line 1: checksum is " + (digit + 1) % 10 + ", expected " + digit, failure(lines, null));
  }

  @Test
  void truncatedLine() throws IOException {
    List<String> lines = shell();
    lines.set(8, lines.get(8).substring(0, 60));
    assertEquals("line 9: TLE line 2 has 60 characters, expected 69", failure(lines, null));
  }

  @Test
  void nonNumericField() throws IOException {
    List<String> lines = shell();
    lines.set(5, TleLines.withChecksum(replace(lines.get(5), 9, " 5x.0000")));
    assertEquals("line 6: TLE line 2: inclination (columns 9-16) is malformed: ' 5x.0000'", failure(lines, null));
  }

  @Test
  void badEpochField() throws IOException {
    List<String> lines = shell();
    lines.set(1, TleLines.withChecksum(replace(lines.get(1), 19, "24100,50000000")));
    assertEquals("line 2: TLE line 1: epoch (columns 19-32) is malformed: '24100,50000000'", failure(lines, null));
  }

  @Test
  void oddNumberOfDataLines() throws IOException {
    List<String> twoLine = new ArrayList<>(shell().stream().filter(l -> l.startsWith("1 ") || l.startsWith("2 ")).toList());
    twoLine.remove(twoLine.size() - 1);
    assertEquals("line 23: TLE line 1 is not followed by line 2 (end of file: odd number of data lines)", failure(twoLine, null));
  }

  @Test
  void line2WhereLine1IsExpected() throws IOException {
    List<String> lines = shell();
    lines.remove(1);
    assertTrue(failure(lines, null).startsWith("line 2: expected TLE line 1 (starting with '1 ') after the name line 1, got '2 "));
  }

  @Test
  void catalogueNumbersOfTheTwoLinesDiffer() throws IOException {
    List<String> lines = shell();
    String catalogue = lines.get(2).substring(2, 7);
    lines.set(2, TleLines.withChecksum(replace(lines.get(2), 3, "12345")));
    assertEquals("line 3: catalogue number '12345' differs from '" + catalogue + "' of line 1 at line 2", failure(lines, null));
  }

  @Test
  void duplicateSatellite() throws IOException {
    List<String> lines = shell();
    lines.addAll(lines.subList(0, 3));
    assertTrue(failure(lines, null).matches("line 38: catalogue number \\d+ already used by the set at line 2"));
  }

  @Test
  void zeroMeanMotion() throws IOException {
    List<String> lines = shell();
    lines.set(2, TleLines.withChecksum(replace(lines.get(2), 53, " 0.00000000")));
    assertEquals("line 3: mean motion (columns 53-63) must be > 0 revolutions per day", failure(lines, null));
  }

  @Test
  void emptyFile() throws IOException {
    assertEquals("is empty, expected TLE sets", failure(List.of(), null));
    assertEquals("has only blank lines, expected TLE sets", failure(List.of("", "   ", ""), null));
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.tle");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> TleConstellationLoader.load(file, null));
    assertEquals(file + ": file not found", e.getMessage());
    InvalidInputException d = assertThrows(InvalidInputException.class, () -> TleConstellationLoader.load(dir, null));
    assertEquals(dir + ": is a directory, expected a TLE file", d.getMessage());
  }

  @Test
  void morePlanesThanSatellites() throws IOException {
    assertEquals("planes=13 but the file has only 12 satellites", failure(shell(), 13));
  }

  @Test
  void specWithMorePlanesThanSatellitesNamesTheFile() throws IOException {
    Path file = dir.resolve("sats.tle");
    Files.write(file, shell());
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConstellationSpecs.parse("tle:" + file + ",planes=20"));
    assertTrue(e.getMessage().startsWith(file + ": planes=20"), e.getMessage());
  }
}
