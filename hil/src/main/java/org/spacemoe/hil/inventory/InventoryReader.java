package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spacemoe.onboard.config.OnboardConfigCheck;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;

/**
 * Reads a bench inventory (YAML, format in {@code docs/bench.md}) and validates it. Every problem is one
 * {@link InvalidInputException} naming the file, the path in the document and what is wrong, e.g.
 * {@code bench.yaml: boards[1].architecture: unknown architecture 'armv7' (known: aarch64, x86_64)}.
 */
public final class InventoryReader {
  /** {@code onboard:} keys the flash writes itself from the inventory, so the inventory may not set them. */
  static final Set<String> FLASH_OWNED_KEYS = Set.of("satellites", "broker", "data-dir", "device", "tls-trust-store",
      "tls-key-store", "tls-store-password");

  private static final Set<String> TOP_KEYS = Set.of("broker", "ground", "onboard", "boards");
  private static final Set<String> BROKER_KEYS = Set.of("uri", "tls");
  private static final Set<String> TLS_KEYS = Set.of("trust-store", "key-store", "password");
  private static final Set<String> GROUND_KEYS = Set.of("host");
  private static final Set<String> BOARD_KEYS = Set.of("name", "host", "user", "port", "identity-file", "architecture",
      "device", "satellites", "install-dir", "http-port", "service", "tls-key-store");
  private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private InventoryReader() {}

  public static Inventory read(Path file) {
    String name = file.toString();
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(name, "no such file");
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(name, "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw new InvalidInputException(name, "cannot read: " + e.getMessage());
    }
    Path base = file.toAbsolutePath().getParent();
    YamlNode doc = new YamlNode(name, "", root).object(TOP_KEYS);
    BrokerSpec broker = broker(doc.required("broker"), base);
    String ground = null;
    if (doc.has("ground")) {
      ground = doc.get("ground").object(GROUND_KEYS).required("host").text();
    }
    Map<String, Object> onboard = doc.has("onboard") ? onboard(doc.get("onboard")) : Map.of();
    List<YamlNode> boardNodes = doc.required("boards").list();
    if (boardNodes.isEmpty()) {
      throw doc.get("boards").error("must list at least one board");
    }
    List<Board> boards = new ArrayList<>();
    Map<String, String> satelliteOwner = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    Map<String, String> installs = new HashMap<>();
    Map<String, String> ports = new HashMap<>();
    Map<String, String> systemdHosts = new HashMap<>();
    for (YamlNode n : boardNodes) {
      Board b = board(n, base);
      unique(names, b.name(), n.get("name"), "board name '" + b.name() + "'");
      unique(installs, b.host() + " " + b.installDir(), n.get("install-dir"),
          "install dir " + b.installDir() + " on " + b.host());
      unique(ports, b.host() + " " + b.httpPort(), n.get("http-port"), "HTTP port " + b.httpPort() + " on " + b.host());
      if (b.service() == ServiceManager.SYSTEMD) {
        unique(systemdHosts, b.host(), n.get("service"), "systemd service on " + b.host()
            + " (one spacemoe-onboard unit per host; use service: script for more boards on one host)");
      }
      List<YamlNode> satNodes = n.get("satellites").list();
      for (int i = 0; i < b.satellites().size(); i++) {
        String sat = b.satellites().get(i);
        String prev = satelliteOwner.putIfAbsent(sat, n.path());
        if (prev != null) {
          throw satNodes.get(i).error("duplicate satellite id '" + sat + "' (already hosted by " + prev + ")");
        }
      }
      boards.add(b);
    }
    return new Inventory(file, broker, ground, onboard, boards);
  }

  private static void unique(Map<String, String> seen, String key, YamlNode at, String what) {
    String prev = seen.putIfAbsent(key, at.path());
    if (prev != null) {
      throw at.error("duplicate " + what + " (already used by " + prev + ")");
    }
  }

  private static BrokerSpec broker(YamlNode n, Path base) {
    n.object(BROKER_KEYS);
    YamlNode uriNode = n.required("uri");
    String uri = uriNode.text();
    if (!uri.matches("(tcp|ssl)://[^/:\\s]+:\\d{1,5}")) {
      throw uriNode.error("must be tcp://HOST:PORT or ssl://HOST:PORT, got '" + uri + "'");
    }
    BrokerSpec.Tls tls = null;
    if (n.has("tls")) {
      YamlNode t = n.get("tls").object(TLS_KEYS);
      tls = new BrokerSpec.Tls(existingFile(t.required("trust-store"), base),
          t.has("key-store") ? existingFile(t.get("key-store"), base) : null, t.required("password").text());
    }
    if (uri.startsWith("ssl://") && tls == null) {
      throw n.get("tls").error("missing (the broker is ssl://)");
    }
    return new BrokerSpec(uri, tls);
  }

  private static Map<String, Object> onboard(YamlNode n) {
    Set<String> known = OnboardConfigCheck.knownKeys();
    Map<String, Object> out = new LinkedHashMap<>();
    if (!n.raw().isObject()) {
      throw n.error("must be a mapping of spacemoe.onboard keys");
    }
    for (Iterator<String> it = n.raw().fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (FLASH_OWNED_KEYS.contains(k)) {
        throw n.get(k).error("is written by hil flash from the inventory (set it on the board or the broker instead)");
      }
      if (!known.contains(k)) {
        throw n.get(k).error("unknown spacemoe.onboard key");
      }
      out.put(k, YAML.convertValue(n.raw().get(k), Object.class));
    }
    return out;
  }

  private static Board board(YamlNode n, Path base) {
    n.object(BOARD_KEYS);
    String name = n.required("name").text();
    String host = n.required("host").text();
    String user = n.required("user").text();
    int port = n.port("port", 22);
    Path identity = n.has("identity-file") ? existingFile(n.get("identity-file"), base) : null;
    YamlNode archNode = n.required("architecture");
    Architecture arch = Architecture.byName(archNode.text()).orElseThrow(() -> archNode.error(
        "unknown architecture '" + archNode.text() + "' (known: aarch64, x86_64)"));
    String device = n.text("device", "sbc-2a72");
    try {
      DeviceProfile.parse(device);
    } catch (InvalidInputException e) {
      throw n.get("device").error("unknown device profile '" + device + "' (known: "
          + String.join(", ", DeviceProfile.presets().keySet()) + ", custom:gflops=..,memory-gib=..)");
    }
    List<String> sats = new ArrayList<>();
    List<YamlNode> satNodes = n.required("satellites").list();
    if (satNodes.isEmpty()) {
      throw n.get("satellites").error("must list at least one satellite id");
    }
    for (YamlNode s : satNodes) {
      String id = s.text();
      if (!id.matches("[^/+#\\s]+")) {
        throw s.error("satellite id '" + id + "' must not contain / + # or spaces");
      }
      sats.add(id);
    }
    String install = n.text("install-dir", "/opt/spacemoe");
    if (!install.startsWith("/") || install.matches(".*[\\s'\"$`\\\\].*") || install.equals("/")) {
      throw n.get("install-dir").error("must be an absolute path other than / without spaces or quotes, got '" + install + "'");
    }
    int http = n.port("http-port", 8080);
    YamlNode svcNode = n.get("service");
    ServiceManager svc = n.has("service") ? ServiceManager.byName(svcNode.text()).orElseThrow(() -> svcNode.error(
        "unknown service manager '" + svcNode.text() + "' (known: systemd, script)")) : ServiceManager.SYSTEMD;
    Path keyStore = n.has("tls-key-store") ? existingFile(n.get("tls-key-store"), base) : null;
    return new Board(name, host, user, port, identity, arch, device, sats, install, http, svc, keyStore);
  }

  /** A file path, {@code ~/} expanded, relative paths against the inventory's directory; it must exist. */
  private static Path existingFile(YamlNode n, Path base) {
    String s = n.text();
    Path p = s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : base.resolve(s);
    if (!Files.isRegularFile(p)) {
      throw n.error("no such file: " + p);
    }
    return p.normalize();
  }
}
