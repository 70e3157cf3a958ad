package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;

/**
 * One board of a bench.
 *
 * @param name unique name in the inventory (reports use it)
 * @param host host name or address the ground machine reaches it at (SSH and HTTP)
 * @param user SSH user
 * @param sshPort SSH port, 1..65535
 * @param identityFile private key for SSH; null: the user's default keys ({@code ~/.ssh/id_ed25519}, ...)
 * @param architecture its CPU
 * @param device device profile name (one of the shared presets or {@code custom:...})
 * @param satellites the satellite ids its onboard process hosts, non-empty, without {@code / + #} or spaces
 * @param installDir absolute directory the distribution is installed under, not {@code /}, without spaces or quotes
 * @param httpPort port of the onboard {@code /health}, 1..65535
 * @param service how the service is run
 * @param tlsKeyStore this board's PKCS#12 client key store for an {@code ssl://} broker, or null
 * @param islPort port of the board's own ISL broker (Mosquitto) in {@code isl: mesh} mode, 1..65535
 * @throws IllegalArgumentException naming the inventory key of a value that breaks these rules
 */
public record Board(
    String name,
    String host,
    String user,
    int sshPort,
    Path identityFile,
    Architecture architecture,
    String device,
    List<String> satellites,
    String installDir,
    int httpPort,
    ServiceManager service,
    Path tlsKeyStore,
    int islPort) {
  static final int DEFAULT_SSH_PORT = 22;
  static final String DEFAULT_DEVICE = "sbc-2a72";
  static final String DEFAULT_INSTALL_DIR = "/opt/spacemoe";
  static final int DEFAULT_HTTP_PORT = 8080;
  static final int DEFAULT_ISL_PORT = 1883;

  public Board {
    name = KeyProblem.text("name", name);
    host = KeyProblem.text("host", host);
    user = KeyProblem.text("user", user);
    port("port", sshPort);
    if (architecture == null) {
      throw new KeyProblem("architecture", "missing");
    }
    device = KeyProblem.text("device", device);
    try {
      DeviceProfile.parse(device);
    } catch (InvalidInputException e) {
      throw new KeyProblem("device", "unknown device profile '" + device + "' (known: "
          + String.join(", ", DeviceProfile.presets().keySet()) + ", custom:gflops=..,memory-gib=..)");
    }
    if (satellites == null) {
      throw new KeyProblem("satellites", "missing");
    }
    if (satellites.isEmpty()) {
      throw new KeyProblem("satellites", "must list at least one satellite id");
    }
    for (int i = 0; i < satellites.size(); i++) {
      String id = KeyProblem.text("satellites[" + i + "]", satellites.get(i));
      if (!id.matches("[^/+#\\s]+")) {
        throw new KeyProblem("satellites[" + i + "]", "satellite id '" + id + "' must not contain / + # or spaces");
      }
    }
    satellites = satellites.stream().map(String::trim).toList();
    installDir = KeyProblem.text("install-dir", installDir);
    if (!installDir.startsWith("/") || installDir.matches(".*[\\s'\"$`\\\\].*") || installDir.equals("/")) {
      throw new KeyProblem("install-dir", "must be an absolute path other than / without spaces or quotes, got '"
          + installDir + "'");
    }
    port("http-port", httpPort);
    Objects.requireNonNull(service, "service");
    port("isl-port", islPort);
  }

  /** Binds an inventory's {@code boards[i]} entry: kebab-case keys, defaults for the optional ones. */
  @JsonCreator
  static Board fromYaml(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "host", required = true) String host,
      @JsonProperty(value = "user", required = true) String user,
      @JsonProperty("port") Integer sshPort,
      @JsonProperty("identity-file") @JsonDeserialize(using = InventoryPath.class) Path identityFile,
      @JsonProperty(value = "architecture", required = true) Architecture architecture,
      @JsonProperty("device") String device,
      @JsonProperty(value = "satellites", required = true) List<String> satellites,
      @JsonProperty("install-dir") String installDir,
      @JsonProperty("http-port") Integer httpPort,
      @JsonProperty("service") ServiceManager service,
      @JsonProperty("tls-key-store") @JsonDeserialize(using = InventoryPath.class) Path tlsKeyStore,
      @JsonProperty("isl-port") Integer islPort) {
    return new Board(name, host, user, Objects.requireNonNullElse(sshPort, DEFAULT_SSH_PORT), identityFile,
        architecture, Objects.requireNonNullElse(device, DEFAULT_DEVICE), satellites,
        Objects.requireNonNullElse(installDir, DEFAULT_INSTALL_DIR),
        Objects.requireNonNullElse(httpPort, DEFAULT_HTTP_PORT),
        Objects.requireNonNullElse(service, ServiceManager.SYSTEMD), tlsKeyStore,
        Objects.requireNonNullElse(islPort, DEFAULT_ISL_PORT));
  }

  /** {@code user@host:port}, for messages. */
  public String sshAddress() {
    return user + "@" + host + ":" + sshPort;
  }

  private static void port(String key, int port) {
    if (port < 1 || port > 65535) {
      throw new KeyProblem(key, "must be a port number 1..65535, got '" + port + "'");
    }
  }
}
