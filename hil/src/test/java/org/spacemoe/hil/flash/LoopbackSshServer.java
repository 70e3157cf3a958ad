package org.spacemoe.hil.flash;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellFactory;

/**
 * A real SSH server in the test's process (Apache MINA SSHD) on a free loopback port: key login only (one
 * generated ECDSA client key, written in OpenSSH format for the inventory), commands run by {@code /bin/sh -c}
 * as this process's user like OpenSSH does, and SCP. The "boards" it serves are directories of this machine.
 */
final class LoopbackSshServer implements AutoCloseable {
  private final SshServer server;
  private final Path clientKey;

  private LoopbackSshServer(SshServer server, Path clientKey) {
    this.server = server;
    this.clientKey = clientKey;
  }

  static LoopbackSshServer start(Path dir) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair client = g.generateKeyPair();
    Path key = dir.resolve("id_ecdsa");
    try (OutputStream out = Files.newOutputStream(key)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "spacemoe-test", null, out);
    }
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    SshServer s = SshServer.setUpDefaultServer();
    s.setHost("127.0.0.1");
    s.setPort(0);
    SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(dir.resolve("host-key.ser"));
    hostKeys.setAlgorithm("EC");
    hostKeys.loadKeys(null); // generated now, not during the first key exchange (slow on a loaded machine)
    s.setKeyPairProvider(hostKeys);
    s.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator("test", List.of(client.getPublic())));
    s.setPasswordAuthenticator(null);
    s.setKeyboardInteractiveAuthenticator(null);
    s.setCommandFactory(new ScpCommandFactory.Builder()
        .withDelegate((channel, command) -> new ProcessShellFactory(command, "/bin/sh", "-c", command).createShell(channel))
        .build());
    s.start();
    return new LoopbackSshServer(s, key);
  }

  int port() {
    return server.getPort();
  }

  Path clientKey() {
    return clientKey;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
