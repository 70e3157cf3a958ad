package org.spacemoe.orbit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Column layout of TLE data lines 1 and 2 (69 characters each, the last one a mod-10 checksum), field by
 * field, so that a bad line can be reported by field name and 1-based columns. The field patterns are those
 * of Orekit's {@code TLE.isFormatOK}.
 */
final class TleLineFormat {
  static final int LENGTH = 69;

  private record Field(String name, int firstColumn, Pattern pattern) {
    Field(String name, int firstColumn, String regex) {
      this(name, firstColumn, Pattern.compile(regex));
    }
  }

  private static final String CATALOGUE = "[ 0-9A-Z&&[^IO]][ 0-9]{4}";
  private static final String ANGLE = "[ 0-9]{3}[.][ 0-9]{4}";
  private static final String EXPONENTIAL = "[ +-][ 0-9]{5}[+-][ 0-9]";

  private static final List<Field> LINE_1 = List.of(
      new Field("line number", 1, "1"),
      new Field("separator", 2, " "),
      new Field("catalogue number", 3, CATALOGUE),
      new Field("classification", 8, "[A-Z]"),
      new Field("separator", 9, " "),
      new Field("international designator", 10, "[ 0-9]{5}[ A-Z]{3}"),
      new Field("separator", 18, " "),
      new Field("epoch", 19, "[ 0-9]{5}[.][ 0-9]{8}"),
      new Field("separator", 33, " "),
      new Field("first derivative of mean motion", 34, "[ 0+-][.][ 0-9]{8}| [ +-][.][ 0-9]{7}"),
      new Field("separator", 44, " "),
      new Field("second derivative of mean motion", 45, EXPONENTIAL),
      new Field("separator", 53, " "),
      new Field("B* drag term", 54, EXPONENTIAL),
      new Field("separator", 62, " "),
      new Field("ephemeris type", 63, "[ 0-9]"),
      new Field("separator", 64, " "),
      new Field("element set number", 65, "[ 0-9]{4}"));

  private static final List<Field> LINE_2 = List.of(
      new Field("line number", 1, "2"),
      new Field("separator", 2, " "),
      new Field("catalogue number", 3, CATALOGUE),
      new Field("separator", 8, " "),
      new Field("inclination", 9, ANGLE),
      new Field("separator", 17, " "),
      new Field("right ascension of the ascending node", 18, ANGLE),
      new Field("separator", 26, " "),
      new Field("eccentricity", 27, "[ 0-9]{7}"),
      new Field("separator", 34, " "),
      new Field("argument of perigee", 35, ANGLE),
      new Field("separator", 43, " "),
      new Field("mean anomaly", 44, ANGLE),
      new Field("separator", 52, " "),
      new Field("mean motion", 53, "[ 0-9]{2}[.][ 0-9]{8}"),
      new Field("revolution number", 64, "[ 0-9]{5}"));

  private TleLineFormat() {}

  /**
   * What is wrong with a data line, if anything.
   *
   * @param line the line without trailing whitespace
   * @param lineNumber 1 or 2
   */
  static Optional<String> problem(String line, int lineNumber) {
    if (line.length() != LENGTH) {
      return Optional.of("TLE line " + lineNumber + " has " + line.length() + " characters, expected " + LENGTH);
    }
    List<Field> fields = lineNumber == 1 ? LINE_1 : LINE_2;
    for (int k = 0; k < fields.size(); k++) {
      Field f = fields.get(k);
      int end = k + 1 < fields.size() ? fields.get(k + 1).firstColumn() - 1 : LENGTH - 1;
      String text = line.substring(f.firstColumn() - 1, end);
      if (!f.pattern().matcher(text).matches()) {
        String columns = end == f.firstColumn() ? "column " + end : "columns " + f.firstColumn() + "-" + end;
        return Optional.of("TLE line " + lineNumber + ": " + f.name() + " (" + columns + ") is malformed: '" + text + "'");
      }
    }
    char last = line.charAt(LENGTH - 1);
    if (last < '0' || last > '9') {
      return Optional.of("TLE line " + lineNumber + ": checksum (column 69) is '" + last + "', not a digit");
    }
    int expected = checksum(line);
    if (last - '0' != expected) {
      return Optional.of("TLE line " + lineNumber + ": checksum is " + last + ", expected " + expected);
    }
    return Optional.empty();
  }

  /** Mod-10 sum of the first 68 characters: digits count their value, '-' counts 1. */
  static int checksum(String line) {
    int sum = 0;
    for (int i = 0; i < LENGTH - 1; i++) {
      char c = line.charAt(i);
      if (c >= '0' && c <= '9') {
        sum += c - '0';
      } else if (c == '-') {
        sum++;
      }
    }
    return sum % 10;
  }

  /** The catalogue number field (columns 3-7) as written. */
  static String catalogueField(String line) {
    return line.substring(2, 7);
  }
}
