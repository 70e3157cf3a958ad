package org.spacemoe.hil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.cli.GroundCli;

/**
 * deploy/mosquitto/make-certs.sh as an operator runs it: the PEM files Mosquitto reads and the PKCS#12 stores the
 * Java clients read (password file mode 0600). The shipped broker configuration with those files accepts the
 * ground tool holding {@code ground.p12}. Skipped if mosquitto, openssl or keytool is not installed.
 */
@Timeout(120)
class MakeCertsScriptTest {
  @TempDir Path dir;

  private static boolean onPath(String tool) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void theScriptsStoresConnectTheGroundToTheShippedBroker() throws Exception {
    assumeTrue(TlsBroker.available() && onPath("openssl") && onPath("keytool"), "mosquitto, openssl and keytool");
    Path etc = dir.resolve("etc");
    Process p = new ProcessBuilder("bash", Path.of("..", "deploy", "mosquitto", "make-certs.sh").toString(),
        etc.toString(), "127.0.0.1", "ground", "p00s00").redirectErrorStream(true)
        .redirectOutput(dir.resolve("make-certs.out").toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("make-certs.out"));
    assertEquals(0, p.exitValue(), out);

    Path pw = etc.resolve("store.password");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw)));
    char[] password = Files.readString(pw, StandardCharsets.UTF_8).strip().toCharArray();
    KeyStore trust = load(etc.resolve("ca.p12"), password);
    assertTrue(trust.isCertificateEntry("spacemoe-ca"), "ca.p12 holds the CA as a trusted certificate");
    KeyStore sat = load(etc.resolve("p00s00.p12"), password);
    String alias = sat.aliases().nextElement();
    assertTrue(sat.isKeyEntry(alias));
    assertEquals("CN=p00s00", ((X509Certificate) sat.getCertificate(alias)).getSubjectX500Principal().getName());

    Path acl = Files.writeString(dir.resolve("acl"), "user ground\ntopic readwrite spacemoe/#\n");
    int port = MosquittoProcess.freePort();
    Path config = dir.resolve("mosquitto.conf");
    Files.writeString(config, TlsBroker.shippedConfig(port, etc, acl, Files.createDirectories(dir.resolve("data")),
        dir.resolve("mosquitto.log")));
    try (MosquittoProcess broker = MosquittoProcess.start(MosquittoProcess.executable(), config, port,
        dir.resolve("mosquitto.log"), dir.resolve("mosquitto.out"))) {
      StringWriter cliOut = new StringWriter();
      var cli = GroundCli.newCommandLine();
      cli.setOut(new PrintWriter(cliOut));
      cli.setErr(new PrintWriter(cliOut));
      int code = cli.execute("status", "--broker", "ssl://127.0.0.1:" + port, "--tls-trust-store",
          etc.resolve("ca.p12").toString(), "--tls-key-store", etc.resolve("ground.p12").toString(),
          "--tls-password-file", pw.toString(), "--wait-ms", "300");
      assertEquals(0, code, cliOut::toString);
      assertTrue(cliOut.toString().contains("0 satellites heard"), cliOut::toString);
    }
  }

  private static KeyStore load(Path f, char[] password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(f.toFile())) {
      ks.load(in, password);
    }
    return ks;
  }
}
