package org.spacemoe.hil.flash;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.spacemoe.hil.inventory.Board;

/**
 * Opens SSH sessions to boards with Apache MINA SSHD: key authentication only (the board's identity file, else the
 * user's {@code ~/.ssh/id_ecdsa} / {@code id_rsa} / {@code id_ed25519} that exist and load), host keys checked
 * against a known-hosts file (a host seen for the first time is accepted and recorded; a changed key is refused).
 */
public final class SshConnector implements AutoCloseable {
  private final SshClient client;
  private final Duration timeout;

  /**
   * @param knownHosts the known-hosts file (created if absent)
   * @param timeout connect, authentication and per-command channel-open timeout
   */
  public SshConnector(Path knownHosts, Duration timeout) throws IOException {
    this.timeout = timeout;
    Path parent = knownHosts.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE, knownHosts));
    client.start();
  }

  /**
   * @throws BoardDownException when the board does not answer on its SSH port (refused, unreachable, timeout)
   * @throws IOException when it answers but the session cannot be set up (authentication, host key)
   */
  BoardShell open(Board b) throws IOException {
    List<KeyPair> keys = identities(b);
    if (keys.isEmpty()) {
      throw new IOException("no SSH identity: set identity-file for " + b.name() + " or create ~/.ssh/id_ecdsa");
    }
    ClientSession session;
    try {
      session = client.connect(b.user(), b.host(), b.sshPort()).verify(timeout).getSession();
    } catch (IOException e) {
      throw down(b, e);
    }
    try {
      keys.forEach(session::addPublicKeyIdentity);
      session.auth().verify(timeout);
      return new BoardShell(session);
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw new IOException("ssh " + b.sshAddress() + ": " + rootMessage(e), e);
    }
  }

  private static IOException down(Board b, IOException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException || c instanceof NoRouteToHostException || c instanceof UnknownHostException
          || c instanceof java.net.SocketTimeoutException) {
        return new BoardDownException("ssh " + b.sshAddress() + ": " + rootMessage(e), e);
      }
    }
    String m = rootMessage(e);
    if (m.toLowerCase().contains("timeout") || m.toLowerCase().contains("timed out")) {
      return new BoardDownException("ssh " + b.sshAddress() + ": " + m, e);
    }
    return new IOException("ssh " + b.sshAddress() + ": " + m, e);
  }

  static String rootMessage(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    return m.lines().findFirst().orElse(m);
  }

  private static List<KeyPair> identities(Board b) throws IOException {
    List<Path> candidates = new ArrayList<>();
    if (b.identityFile() != null) {
      candidates.add(b.identityFile());
    } else {
      Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
      for (String n : List.of("id_ecdsa", "id_rsa", "id_ed25519")) {
        candidates.add(ssh.resolve(n));
      }
    }
    List<KeyPair> keys = new ArrayList<>();
    for (Path p : candidates) {
      if (!Files.isRegularFile(p)) {
        continue;
      }
      try (InputStream in = Files.newInputStream(p)) {
        Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, new PathResource(p), in,
            FilePasswordProvider.EMPTY);
        if (loaded != null) {
          loaded.forEach(keys::add);
        }
      } catch (Exception e) {
        if (b.identityFile() != null) {
          throw new IOException(p + ": cannot load the SSH key (" + rootMessage(e) + "; keys with a passphrase are not"
              + " supported)", e);
        }
      }
    }
    return keys;
  }

  Duration timeout() {
    return timeout;
  }

  @Override
  public void close() throws IOException {
    client.stop();
  }
}
