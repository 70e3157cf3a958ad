package org.spacemoe.shared.stats;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.MoeModel;

/**
 * Activation statistics spec strings: {@code uniform}, {@code zipf:S} (S finite, >= 0) or the path of a JSON
 * file read by {@link ActivationStatisticsFile}. The result has the model's shape.
 */
public final class ActivationStatisticsSpecs {
  private static final String INPUT = "--stats";
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private ActivationStatisticsSpecs() {}

  public static ActivationStatistics parse(String spec, MoeModel model) {
    if (spec == null || spec.isBlank()) {
      throw new InvalidInputException(INPUT, "is empty; use uniform, zipf:S or a JSON file");
    }
    String s = spec.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.equals("uniform")) {
      return ActivationStatistics.uniform(model.layers(), model.experts());
    }
    if (lower.equals("zipf") || lower.startsWith("zipf:")) {
      return ActivationStatistics.zipf(model.layers(), model.experts(), zipfExponent(s));
    }
    Path file;
    try {
      file = Path.of(s);
    } catch (InvalidPathException e) {
      throw new InvalidInputException(INPUT, "'" + s + "' is not uniform, zipf:S or a file path (" + e.getReason() + ")");
    }
    return ActivationStatisticsFile.read(file, model);
  }

  private static double zipfExponent(String spec) {
    String body = spec.length() > 5 ? spec.substring(5).trim() : "";
    if (body.isEmpty()) {
      throw new InvalidInputException(INPUT, "'" + spec + "' needs an exponent S >= 0, e.g. zipf:1.2");
    }
    if (!DECIMAL.matcher(body).matches()) {
      throw new InvalidInputException(INPUT, "'" + spec + "': exponent '" + body + "' is not a number, e.g. zipf:1.2");
    }
    double s = Double.parseDouble(body);
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new InvalidInputException(INPUT, "'" + spec + "': exponent must be finite and >= 0, got " + body);
    }
    return s;
  }
}
