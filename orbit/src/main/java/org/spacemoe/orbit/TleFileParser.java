package org.spacemoe.orbit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.TimeScale;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Reads a file of 2-line sets and/or 3-line sets (a name line, optionally prefixed {@code "0 "}, then the two
 * data lines). Blank lines and trailing whitespace are ignored. Every problem is an
 * {@link InvalidInputException} naming the file and the line.
 */
final class TleFileParser {
  private record NumberedLine(int number, String text) {}

  private final String input;
  private final TimeScale utc;

  private TleFileParser(String input, TimeScale utc) {
    this.input = input;
    this.utc = utc;
  }

  /** The sets of {@code file} in file order, epochs read as UTC. */
  static List<TleEntry> parse(Path file, TimeScale utc) {
    TleFileParser parser = new TleFileParser(file.toString(), utc);
    return parser.parseLines(parser.read(file));
  }

  private List<NumberedLine> read(Path file) {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(input, "is a directory, expected a TLE file");
    }
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(input, "file not found", e);
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(input, "cannot be read: permission denied", e);
    } catch (IOException e) {
      throw new InvalidInputException(input, "cannot be read: " + e.getMessage(), e);
    }
    List<NumberedLine> lines = new ArrayList<>();
    int number = 0;
    for (String line : (Iterable<String>) text.lines()::iterator) {
      number++;
      String stripped = line.stripTrailing();
      if (!stripped.isEmpty()) {
        lines.add(new NumberedLine(number, stripped));
      }
    }
    if (lines.isEmpty()) {
      throw new InvalidInputException(input, number == 0 ? "is empty, expected TLE sets" : "has only blank lines, expected TLE sets");
    }
    return lines;
  }

  private List<TleEntry> parseLines(List<NumberedLine> lines) {
    List<TleEntry> out = new ArrayList<>();
    Map<Integer, Integer> lineOfCatalogue = new HashMap<>();
    int i = 0;
    while (i < lines.size()) {
      NumberedLine first = lines.get(i);
      String name = null;
      if (isDataLine(first, '2')) {
        throw error(first, "TLE line 2 without a preceding line 1");
      }
      if (!isDataLine(first, '1')) {
        name = nameOf(first.text());
        i++;
        if (i == lines.size()) {
          throw error(first, "name line '" + excerpt(first.text()) + "' is not followed by a TLE set (end of file)");
        }
        if (!isDataLine(lines.get(i), '1')) {
          throw error(lines.get(i), "expected TLE line 1 (starting with '1 ') after the name line " + first.number()
              + ", got '" + excerpt(lines.get(i).text()) + "'");
        }
      }
      NumberedLine line1 = lines.get(i);
      if (i + 1 == lines.size()) {
        throw error(line1, "TLE line 1 is not followed by line 2 (end of file: odd number of data lines)");
      }
      NumberedLine line2 = lines.get(i + 1);
      if (!isDataLine(line2, '2')) {
        throw error(line2, "expected TLE line 2 (starting with '2 ') after line 1 at line " + line1.number()
            + ", got '" + excerpt(line2.text()) + "'");
      }
      TleEntry entry = entry(name, line1, line2);
      Integer previous = lineOfCatalogue.putIfAbsent(entry.tle().getSatelliteNumber(), line1.number());
      if (previous != null) {
        throw error(line1, "catalogue number " + entry.tle().getSatelliteNumber() + " already used by the set at line " + previous);
      }
      out.add(entry);
      i += 2;
    }
    return out;
  }

  private TleEntry entry(String name, NumberedLine line1, NumberedLine line2) {
    TleLineFormat.problem(line1.text(), 1).ifPresent(p -> {
      throw error(line1, p);
    });
    TleLineFormat.problem(line2.text(), 2).ifPresent(p -> {
      throw error(line2, p);
    });
    String catalogue1 = TleLineFormat.catalogueField(line1.text());
    String catalogue2 = TleLineFormat.catalogueField(line2.text());
    if (!catalogue1.equals(catalogue2)) {
      throw error(line2, "catalogue number '" + catalogue2 + "' differs from '" + catalogue1 + "' of line 1 at line " + line1.number());
    }
    TLE tle = toTle(line1, line2);
    if (!(tle.getMeanMotion() > 0)) {
      throw error(line2, "mean motion (columns 53-63) must be > 0 revolutions per day");
    }
    return new TleEntry(name, line1.number(), tle);
  }

  private TLE toTle(NumberedLine line1, NumberedLine line2) {
    boolean formatOk;
    TLE tle;
    try {
      formatOk = TLE.isFormatOK(line1.text(), line2.text());
      tle = formatOk ? new TLE(line1.text(), line2.text(), utc) : null;
    } catch (RuntimeException e) {
      throw new InvalidInputException(input, "line " + line1.number() + ": Orekit cannot read the TLE set: " + e.getMessage(), e);
    }
    if (!formatOk) {
      throw error(line1, "lines " + line1.number() + "-" + line2.number() + " are not a valid TLE set");
    }
    return tle;
  }

  private static boolean isDataLine(NumberedLine line, char number) {
    String t = line.text();
    return t.length() >= 2 && t.charAt(0) == number && t.charAt(1) == ' ';
  }

  private static String nameOf(String nameLine) {
    String n = nameLine.startsWith("0 ") ? nameLine.substring(2) : nameLine;
    return n.trim();
  }

  private static String excerpt(String text) {
    return text.length() <= 30 ? text : text.substring(0, 30) + "...";
  }

  private InvalidInputException error(NumberedLine line, String problem) {
    return new InvalidInputException(input, "line " + line.number() + ": " + problem);
  }
}
