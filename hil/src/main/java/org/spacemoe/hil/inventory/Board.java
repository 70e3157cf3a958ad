package org.spacemoe.hil.inventory;

import java.nio.file.Path;
import java.util.List;

/**
 * One board of a bench.
 *
 * @param name unique name in the inventory (reports use it)
 * @param host host name or address the ground machine reaches it at (SSH and HTTP)
 * @param user SSH user
 * @param sshPort SSH port
 * @param identityFile private key for SSH; null: the user's default keys ({@code ~/.ssh/id_ed25519}, ...)
 * @param architecture its CPU
 * @param device device profile name (one of the shared presets or {@code custom:...})
 * @param satellites the satellite ids its onboard process hosts, non-empty
 * @param installDir absolute directory the distribution is installed under
 * @param httpPort port of the onboard {@code /health}
 * @param service how the service is run
 * @param tlsKeyStore this board's PKCS#12 client key store for an {@code ssl://} broker, or null
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
    Path tlsKeyStore) {

  public Board {
    satellites = List.copyOf(satellites);
  }

  /** {@code user@host:port}, for messages. */
  public String sshAddress() {
    return user + "@" + host + ":" + sshPort;
  }
}
