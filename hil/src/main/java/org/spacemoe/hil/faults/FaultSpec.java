package org.spacemoe.hil.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * One fault of {@code hil bench --faults}. Timed faults fire {@code atMs} after the generation starts (the moment the
 * driver sends the start frame); link faults ({@code loss}, {@code dup}, {@code reorder}) are node configuration and
 * apply from the start.
 *
 * <ul>
 *   <li>{@code broker-down:DURATION@T}: the bench's broker is stopped at T (sessions and queued messages lost) and
 *       started again on the same port DURATION later;
 *   <li>{@code loss:P}, {@code dup:P}, {@code reorder:P}: each frame between two satellites is lost / sent twice /
 *       held back so later frames overtake it, with probability P in [0, 1);
 *   <li>{@code kill:gateway-of-layer-N@T}: the satellite hosting layer N's gateway is halted at T, N numbered as in
 *       the bench report's per-layer table (0-based: layer 0 is the entry gateway's);
 *   <li>{@code kill:SAT@T}: satellite SAT is halted at T (as kill -9; the bench does not restart it);
 *   <li>{@code hang:SAT@T}: the next ONNX run on SAT blocks (a wedged native call);
 *   <li>{@code link-down:A-B@T} (ISL mesh only): the inter-satellite link between A and B goes down at T for the rest
 *       of the run: both directions' connections are closed and the nodes route around it;
 *   <li>{@code isl-broker-down:SAT:DURATION@T} (ISL mesh only, needs Mosquitto): satellite SAT's own broker (its ISL
 *       endpoint, a Mosquitto the bench starts for it) is stopped at T and started again DURATION later; every link
 *       into SAT drops, routes through SAT go around it.
 * </ul>
 * DURATION and T: a number with unit {@code ms}, {@code s} or {@code m}, e.g. {@code 500ms}, {@code 1.5s}, {@code 1m}.
 *
 * @param kind the fault
 * @param text the spec as given
 * @param probability loss / dup / reorder probability (0 otherwise)
 * @param satellite kill / hang target satellite (null for {@code gateway-of-layer-N} until resolved, and for others)
 * @param gatewayOfLayer kill target by layer (0-based), -1 when a satellite is named
 * @param atMs when a timed fault fires, ms after the generation starts (-1 for link faults)
 * @param durationMs broker-down duration, ms (0 otherwise)
 * @param peer link-down: the satellite at the link's other end ({@code satellite} is the first); null otherwise
 */
public record FaultSpec(Kind kind, String text, double probability, String satellite, int gatewayOfLayer, long atMs,
    long durationMs, String peer) {

  /** A fault that is not about a link. */
  public FaultSpec(Kind kind, String text, double probability, String satellite, int gatewayOfLayer, long atMs,
      long durationMs) {
    this(kind, text, probability, satellite, gatewayOfLayer, atMs, durationMs, null);
  }

  /** The kinds of fault. */
  public enum Kind {
    BROKER_DOWN, LOSS, DUP, REORDER, KILL, HANG, LINK_DOWN, ISL_BROKER_DOWN;

    /** True for faults fired at a time (not node configuration). */
    public boolean timed() {
      return this == BROKER_DOWN || this == KILL || this == HANG || this == LINK_DOWN || this == ISL_BROKER_DOWN;
    }
  }

  /** The accepted forms, for messages and help. */
  public static final String FORMS = "broker-down:DURATION@T, loss:P, dup:P, reorder:P, kill:gateway-of-layer-N@T, "
      + "kill:SAT@T, hang:gateway-of-layer-N@T, hang:SAT@T, link-down:A-B@T, isl-broker-down:SAT:DURATION@T (these two with --isl mesh) (DURATION and T like 500ms, 5s, 1.5s, 1m; P in [0, 1); N 0-based as in the "
      + "report's per-layer table)";

  private static final String FLAG = "--faults";
  private static final Pattern TIME = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
  private static final Pattern GATEWAY_OF = Pattern.compile("gateway-of-layer-(\\d+)");
  private static final Pattern SATELLITE = Pattern.compile("[^/+#\\s@,:]+");

  /** Parses a comma-separated list of specs. */
  public static List<FaultSpec> parseAll(String specs) {
    if (specs == null || specs.isBlank()) {
      throw new InvalidInputException(FLAG, "is empty; accepted: " + FORMS);
    }
    List<FaultSpec> out = new ArrayList<>();
    for (String item : specs.split(",", -1)) {
      FaultSpec f = parse(item.trim());
      if (!f.kind().timed() && out.stream().anyMatch(g -> g.kind() == f.kind())) {
        throw new InvalidInputException(FLAG, "'" + item.trim() + "': " + f.kind().name().toLowerCase(Locale.ROOT)
            + " is given twice");
      }
      out.add(f);
    }
    return List.copyOf(out);
  }

  /** Parses one spec. */
  public static FaultSpec parse(String item) {
    int colon = item.indexOf(':');
    if (colon < 0) {
      throw bad(item, "no ':'");
    }
    String name = item.substring(0, colon);
    String arg = item.substring(colon + 1);
    switch (name) {
      case "loss", "dup", "reorder" -> {
        double p;
        try {
          p = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
          throw bad(item, "'" + arg + "' is not a probability");
        }
        if (!(p >= 0 && p < 1) || arg.chars().anyMatch(Character::isLetter)) {
          throw bad(item, "probability must be in [0, 1), got " + arg);
        }
        return new FaultSpec(Kind.valueOf(name.toUpperCase(Locale.ROOT)), item, p, null, -1, -1, 0);
      }
      case "broker-down" -> {
        String[] dt = splitAt(item, arg);
        long d = millis(item, dt[0]);
        if (d <= 0) {
          throw bad(item, "the duration must be > 0");
        }
        return new FaultSpec(Kind.BROKER_DOWN, item, 0, null, -1, millis(item, dt[1]), d);
      }
      case "kill", "hang" -> {
        String[] st = splitAt(item, arg);
        long at = millis(item, st[1]);
        Matcher g = GATEWAY_OF.matcher(st[0]);
        if (g.matches()) {
          return new FaultSpec(Kind.valueOf(name.toUpperCase(Locale.ROOT)), item, 0, null,
              Integer.parseInt(g.group(1)), at, 0);
        }
        if (st[0].startsWith("gateway-of") || !SATELLITE.matcher(st[0]).matches()) {
          throw bad(item, "'" + st[0] + "' is neither a satellite name nor gateway-of-layer-N");
        }
        return new FaultSpec(Kind.valueOf(name.toUpperCase(Locale.ROOT)), item, 0, st[0], -1, at, 0);
      }
      case "link-down" -> {
        String[] lt = splitAt(item, arg);
        String[] ends = lt[0].split("-", -1);
        if (ends.length != 2 || !SATELLITE.matcher(ends[0]).matches() || !SATELLITE.matcher(ends[1]).matches()) {
          throw bad(item, "'" + lt[0] + "' is not two satellite names joined by one '-' (A-B)");
        }
        if (ends[0].equals(ends[1])) {
          throw bad(item, "a link joins two different satellites, got " + ends[0] + " twice");
        }
        return new FaultSpec(Kind.LINK_DOWN, item, 0, ends[0], -1, millis(item, lt[1]), 0, ends[1]);
      }
      case "isl-broker-down" -> {
        String[] st = splitAt(item, arg);
        int colon2 = st[0].lastIndexOf(':');
        if (colon2 <= 0 || !SATELLITE.matcher(st[0].substring(0, colon2)).matches()) {
          throw bad(item, "needs SAT:DURATION before @T");
        }
        long d = millis(item, st[0].substring(colon2 + 1));
        if (d <= 0) {
          throw bad(item, "the duration must be > 0");
        }
        return new FaultSpec(Kind.ISL_BROKER_DOWN, item, 0, st[0].substring(0, colon2), -1, millis(item, st[1]), d);
      }
      default -> throw bad(item, "unknown fault '" + name + "'");
    }
  }

  /** This kill with its target satellite resolved. */
  public FaultSpec withSatellite(String sat) {
    return new FaultSpec(kind, text, probability, sat, gatewayOfLayer, atMs, durationMs, peer);
  }

  private static String[] splitAt(String item, String arg) {
    int at = arg.lastIndexOf('@');
    if (at <= 0 || at == arg.length() - 1) {
      throw bad(item, "needs @T (the time after the generation starts)");
    }
    return new String[] {arg.substring(0, at), arg.substring(at + 1)};
  }

  /** {@code 500ms}, {@code 1.5s}, {@code 1m} in ms. */
  static long millis(String item, String t) {
    Matcher m = TIME.matcher(t);
    if (!m.matches()) {
      throw bad(item, "'" + t + "' is not a time (use e.g. 500ms, 5s, 1.5s, 1m)");
    }
    double v = Double.parseDouble(m.group(1));
    double ms = switch (m.group(2)) {
      case "ms" -> v;
      case "s" -> v * 1e3;
      default -> v * 60e3;
    };
    return Math.round(ms);
  }

  /** A positive duration given to option {@code flag} (500ms, 5s, 1.5s, 1m), ms. */
  public static long durationMs(String flag, String text) {
    Matcher m = TIME.matcher(text);
    if (!m.matches() || millis(text, text) <= 0) {
      throw new InvalidInputException(flag, "'" + text + "' is not a positive time (use e.g. 500ms, 5s, 1.5s, 1m)");
    }
    return millis(text, text);
  }

  private static InvalidInputException bad(String item, String why) {
    return new InvalidInputException(FLAG, "bad fault '" + item + "': " + why + "; accepted: " + FORMS);
  }
}
