package org.spacemoe.shared.constellation;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.KeyValueSpec;

/**
 * Constellation spec strings:
 * <ul>
 *   <li>{@code paper}: walker-star, 33 planes x 32, 550 km, 87 deg, F=1</li>
 *   <li>{@code walker-star:planes=33,sats=32,altitude-km=550,inclination-deg=87,phasing=1} (missing keys take
 *       the paper's values); {@code walker-delta:...} likewise</li>
 *   <li>{@code tle:FILE} or {@code tle:FILE,planes=N}: real satellites from a TLE file, SGP4-propagated by the
 *       orbit module ({@link TleLoader})</li>
 * </ul>
 */
public final class ConstellationSpecs {
  private static final Set<String> WALKER_KEYS = Set.of("planes", "sats", "altitude-km", "inclination-deg", "phasing");

  private ConstellationSpecs() {}

  public static Constellation parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new InvalidInputException("--constellation", "is empty; use paper, walker-star:..., walker-delta:... or tle:FILE");
    }
    String s = spec.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.equals("paper")) {
      return new WalkerConstellation(WalkerParameters.paper());
    }
    if (lower.startsWith("tle:")) {
      String body = s.substring(4);
      Integer planes = null;
      int comma = body.lastIndexOf(",planes=");
      if (comma >= 0) {
        String v = body.substring(comma + ",planes=".length());
        try {
          planes = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
          throw new InvalidInputException("--constellation", "planes must be an integer, got '" + v + "'");
        }
        if (planes <= 0) {
          throw new InvalidInputException("--constellation", "planes must be positive, got " + planes);
        }
        body = body.substring(0, comma);
      }
      if (body.isBlank()) {
        throw new InvalidInputException("--constellation", "tle: needs a file, e.g. tle:starlink.tle");
      }
      return TleLoader.find("--constellation").load(Path.of(body), planes);
    }
    WalkerPattern pattern;
    String body;
    if (lower.startsWith("walker-star")) {
      pattern = WalkerPattern.STAR;
      body = s.substring("walker-star".length());
    } else if (lower.startsWith("walker-delta")) {
      pattern = WalkerPattern.DELTA;
      body = s.substring("walker-delta".length());
    } else {
      throw new InvalidInputException("--constellation", "unknown constellation '" + spec
          + "'; use paper, walker-star:planes=..,sats=..,altitude-km=..,inclination-deg=..,phasing=.., walker-delta:..., or tle:FILE[,planes=N]");
    }
    if (!body.isEmpty() && !body.startsWith(":")) {
      throw new InvalidInputException("--constellation", "expected ':' after " + pattern.specName() + ", got '" + spec + "'");
    }
    Map<String, String> kv = KeyValueSpec.parse("--constellation", body.isEmpty() ? "" : body.substring(1), WALKER_KEYS);
    WalkerParameters d = WalkerParameters.paper();
    int planes = KeyValueSpec.intValue("--constellation", kv, "planes", d.planes());
    WalkerParameters p;
    try {
      p = new WalkerParameters(pattern,
          planes,
          KeyValueSpec.intValue("--constellation", kv, "sats", d.satellitesPerPlane()),
          KeyValueSpec.doubleValue("--constellation", kv, "altitude-km", d.altitudeKm()),
          KeyValueSpec.doubleValue("--constellation", kv, "inclination-deg", d.inclinationDeg()),
          // the default F must stay in [0, planes - 1] (F = 1 is invalid for one plane); a given F is checked as is
          KeyValueSpec.intValue("--constellation", kv, "phasing", Math.max(0, Math.min(d.phasing(), planes - 1))));
    } catch (InvalidInputException e) {
      // out-of-range values: name the flag as well as the parameter
      throw new InvalidInputException("--constellation", e.getMessage(), e);
    }
    return new WalkerConstellation(p);
  }

  /** Spec string that {@link #parse} turns back into the given Walker parameters. */
  public static String specOf(WalkerParameters p) {
    return p.pattern().specName() + ":planes=" + p.planes() + ",sats=" + p.satellitesPerPlane() + ",altitude-km="
        + p.altitudeKm() + ",inclination-deg=" + p.inclinationDeg() + ",phasing=" + p.phasing();
  }
}
