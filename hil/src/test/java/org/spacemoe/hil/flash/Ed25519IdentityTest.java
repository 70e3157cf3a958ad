package org.spacemoe.hil.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OpenSSH Ed25519 private key (the default of {@code ssh-keygen}) loads as an SSH identity: Apache MINA SSHD
 * reads it through Bouncy Castle, which the hil jar carries (HiveMQ CE depends on it). This test fails if that
 * dependency goes away.
 */
class Ed25519IdentityTest {
  @TempDir Path dir;

  /** {@code ssh-keygen -t ed25519 -N ''} output: a throw-away key made for this test, used nowhere else. */
  private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
      + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQAAACBNujuDSlADFQmMrQPmV4AjFOxJ0LjH4ZIk6/fDi9Jo1gAAAJC5BNrzuQTa8wAAAAtzc2gtZWQyNTUxOQAAACBNujuDSlADFQmMrQPmV4AjFOxJ0LjH4ZIk6/fDi9Jo1gAAAEBGoGaZdvIxuJfvo6BKJ9qY8CEiCbsQrU2bqk9EXskxTk26O4NKUAMVCYytA+ZXgCMU7EnQuMfhkiTr98OL0mjWAAAAB3Jvb3RAdm0BAgMEBQY=\n"
      + "-----END OPENSSH PRIVATE KEY-----\n";

  @Test
  void ed25519KeyLoads() throws Exception {
    Path key = dir.resolve("id_ed25519");
    Files.writeString(key, KEY);
    List<KeyPair> keys = new ArrayList<>();
    try (InputStream in = Files.newInputStream(key)) {
      SecurityUtils.loadKeyPairIdentities(null, new PathResource(key), in, FilePasswordProvider.EMPTY).forEach(keys::add);
    }
    assertEquals(1, keys.size());
    assertNotNull(keys.get(0).getPrivate());
  }
}
