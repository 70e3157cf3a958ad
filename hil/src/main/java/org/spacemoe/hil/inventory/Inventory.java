package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.spacemoe.onboard.config.OnboardConfigCheck;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * A bench: its boards, the broker they share and the ground machine that flashes and drives them. Read by
 * {@link InventoryReader}.
 *
 * @param source the file it was read from (error messages name it)
 * @param broker the broker
 * @param groundHost the ground machine's host name or address (documentation for the bench; may be null)
 * @param onboard extra {@code spacemoe.onboard.*} settings written into every board's configuration: known keys,
 *     none of {@link #FLASH_OWNED_KEYS}
 * @param boards the boards, in file order, at least one; board names, satellite ids, and (host, install dir),
 *     (host, HTTP port) and (host, systemd service) are unique
 * @param isl how the boards carry ISL frames; with {@link IslMode#MESH} the broker is {@code tcp://}, board names
 *     are user names ({@value #USER_NAME}) and (host, ISL port) is unique and no HTTP port of that host
 * @param islSecret what each board's password on the other boards' ISL brokers is derived from; required, at least
 *     {@value #MIN_SECRET_CHARS} characters, with {@link IslMode#MESH}; may be null otherwise
 * @throws IllegalArgumentException naming the inventory key of a value that breaks these rules
 */
public record Inventory(Path source, BrokerSpec broker, String groundHost, Map<String, Object> onboard,
    List<Board> boards, IslMode isl, @JsonIgnore String islSecret) {
  /** {@code onboard:} keys the flash writes itself from the inventory, so the inventory may not set them. */
  static final Set<String> FLASH_OWNED_KEYS = Set.of("satellites", "broker", "data-dir", "device", "tls-trust-store",
      "tls-key-store", "tls-store-password", "isl", "isl-endpoints", "isl-username", "isl-password");
  /** A board name in mesh mode: it is the board's user name on the ISL brokers (ACL and password file). */
  static final String USER_NAME = "[A-Za-z0-9._-]{1,64}";
  static final int MIN_SECRET_CHARS = 16;
  /** Injected by the reader: the inventory file. */
  static final String SOURCE = "spacemoe.inventory.source";

  public Inventory {
    Objects.requireNonNull(source, "source");
    if (broker == null) {
      throw new KeyProblem("broker", "missing");
    }
    onboard.forEach(Inventory::checkOnboardSetting);
    onboard = Map.copyOf(onboard);
    if (boards == null) {
      throw new KeyProblem("boards", "missing");
    }
    if (boards.isEmpty()) {
      throw new KeyProblem("boards", "must list at least one board");
    }
    boards = List.copyOf(boards);
    checkUnique(boards);
    Objects.requireNonNull(isl, "isl");
    if (isl == IslMode.MESH) {
      checkMesh(broker, boards, islSecret);
    }
  }

  /**
   * This inventory with another ISL mode (a command-line override), checked as if the file said so.
   *
   * @throws InvalidInputException naming the file and the key the mode needs
   */
  public Inventory withIsl(IslMode mode) {
    try {
      return new Inventory(source, broker, groundHost, onboard, boards, mode, islSecret);
    } catch (KeyProblem k) {
      throw new InvalidInputException(source.toString(), k.key() + ": " + k.problem() + " (isl: " + mode.yamlName()
          + " asked for on the command line)");
    }
  }

  /** The ground machine of the inventory's {@code ground:} mapping. */
  record Ground(@JsonProperty(required = true) String host) {
    Ground {
      host = KeyProblem.text("host", host);
    }
  }

  /** Binds an inventory document: {@code broker}, {@code ground}, {@code onboard} and {@code boards}. */
  @JsonCreator
  static Inventory fromYaml(
      @JacksonInject(value = SOURCE, useInput = OptBoolean.FALSE) Path source,
      @JsonProperty(value = "broker", required = true) BrokerSpec broker,
      @JsonProperty("ground") Ground ground,
      @JsonProperty("onboard") Map<String, Object> onboard,
      @JsonProperty(value = "boards", required = true) List<Board> boards,
      @JsonProperty("isl") IslMode isl,
      @JsonProperty("isl-secret") String islSecret) {
    return new Inventory(source, broker, ground == null ? null : ground.host(),
        Objects.requireNonNullElse(onboard, Map.of()), boards, Objects.requireNonNullElse(isl, IslMode.SHARED),
        islSecret);
  }

  /** Every hosted satellite id, in file order. */
  public Set<String> satellites() {
    Set<String> s = new LinkedHashSet<>();
    boards.forEach(b -> s.addAll(b.satellites()));
    return s;
  }

  /** The board named {@code nameOrHost}, else the boards on that host. */
  public List<Board> select(String nameOrHost) {
    Optional<Board> byName = boards.stream().filter(b -> b.name().equals(nameOrHost)).findFirst();
    return byName.map(List::of).orElseGet(() -> boards.stream().filter(b -> b.host().equals(nameOrHost)).toList());
  }

  private static void checkOnboardSetting(String key, Object value) {
    if (FLASH_OWNED_KEYS.contains(key)) {
      throw new KeyProblem("onboard." + key,
          "is written by hil flash from the inventory (set it on the board or the broker instead)");
    }
    if (!OnboardConfigCheck.knownKeys().contains(key)) {
      throw new KeyProblem("onboard." + key, "unknown spacemoe.onboard key");
    }
    if (value == null) {
      throw new KeyProblem("onboard." + key, "missing value");
    }
  }

  private static void checkUnique(List<Board> boards) {
    Map<String, String> seen = new HashMap<>();
    for (int i = 0; i < boards.size(); i++) {
      Board b = boards.get(i);
      String at = "boards[" + i + "]";
      unique(seen, "name " + b.name(), at + ".name", "board name '" + b.name() + "'");
      unique(seen, "install " + b.host() + " " + b.installDir(), at + ".install-dir",
          "install dir " + b.installDir() + " on " + b.host());
      unique(seen, "http " + b.host() + " " + b.httpPort(), at + ".http-port",
          "HTTP port " + b.httpPort() + " on " + b.host());
      if (b.service() == ServiceManager.SYSTEMD) {
        unique(seen, "systemd " + b.host(), at + ".service", "systemd service on " + b.host()
            + " (one spacemoe-onboard unit per host; use service: script for more boards on one host)");
      }
      for (int s = 0; s < b.satellites().size(); s++) {
        String sat = b.satellites().get(s);
        String prev = seen.putIfAbsent("satellite " + sat, at);
        if (prev != null) {
          throw new KeyProblem(at + ".satellites[" + s + "]",
              "duplicate satellite id '" + sat + "' (already hosted by " + prev + ")");
        }
      }
    }
  }

  private static void checkMesh(BrokerSpec broker, List<Board> boards, String islSecret) {
    if (!broker.uri().startsWith("tcp://")) {
      throw new KeyProblem("isl", "mesh needs a tcp:// broker for now (the boards' ISL brokers listen on plain TCP "
          + "with a password per board; TLS ISL brokers are not written yet), got " + broker.uri());
    }
    if (islSecret == null) {
      throw new KeyProblem("isl-secret", "missing (isl: mesh derives each board's password on the other boards' "
          + "ISL brokers from it)");
    }
    if (islSecret.strip().length() < MIN_SECRET_CHARS) {
      throw new KeyProblem("isl-secret", "must have at least " + MIN_SECRET_CHARS + " characters");
    }
    Map<String, String> ports = new HashMap<>();
    for (int i = 0; i < boards.size(); i++) {
      ports.put(boards.get(i).host() + ":" + boards.get(i).httpPort(), "boards[" + i + "].http-port");
    }
    for (int i = 0; i < boards.size(); i++) {
      Board b = boards.get(i);
      if (!b.name().matches(USER_NAME)) {
        throw new KeyProblem("boards[" + i + "].name", "with isl: mesh a board name is its user name on the ISL "
            + "brokers: 1-64 letters, digits, '.', '_' or '-', got '" + b.name() + "'");
      }
      String prev = ports.putIfAbsent(b.host() + ":" + b.islPort(), "boards[" + i + "].isl-port");
      if (prev != null) {
        throw new KeyProblem("boards[" + i + "].isl-port", "duplicate port " + b.islPort() + " on " + b.host()
            + " (already used by " + prev + ")");
      }
    }
  }

  private static void unique(Map<String, String> seen, String value, String key, String what) {
    String prev = seen.putIfAbsent(value, key);
    if (prev != null) {
      throw new KeyProblem(key, "duplicate " + what + " (already used by " + prev + ")");
    }
  }
}
