package org.spacemoe.hil.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spacemoe.ground.cli.GroundCli;

/**
 * A real Mosquitto with the shipped deploy/mosquitto configuration (TLS, client certificates whose CN is the MQTT
 * user, the ACL {@code spacemoe-ground acl} writes for a plan) and a PKI made in the test, plus the PKCS#12
 * stores the ground CLI and the onboard runtime read. Start only where {@link #available()}.
 */
public final class TlsBroker implements AutoCloseable {
  /** Password of every PKCS#12 store written here. */
  public static final String STORE_PASSWORD = "test-store-pass";

  private final Path dir;
  private final TestPki pki;
  private final MosquittoProcess process;
  private final int port;

  private TlsBroker(Path dir, TestPki pki, MosquittoProcess process, int port) {
    this.dir = dir;
    this.pki = pki;
    this.process = process;
    this.port = port;
  }

  /** The ACL file this broker runs with (written by {@code ground acl}). */
  public Path acl() {
    return dir.resolve("etc").resolve("spacemoe.acl");
  }

  /** Whether a mosquitto executable is installed. */
  public static boolean available() {
    return MosquittoProcess.executable() != null;
  }

  /** Makes a PKI, writes the ACL of {@code planFile} with the ground CLI, and starts Mosquitto on a free port. */
  public static TlsBroker start(Path dir, Path planFile) throws Exception {
    return start(dir, planFile, new String[0]);
  }

  /** As {@link #start(Path, Path)}, with more {@code ground acl} options (such as {@code --host B=S1,S2}). */
  public static TlsBroker start(Path dir, Path planFile, String... aclOptions) throws Exception {
    TestPki pki = TestPki.create();
    Path etc = Files.createDirectories(dir.resolve("etc"));
    TestPki.writeCert(pki.caCert(), etc.resolve("ca.crt"));
    TestPki.Identity server = pki.server();
    TestPki.writeCert(server.cert(), etc.resolve("server.crt"));
    TestPki.writeKey(server.keys().getPrivate(), etc.resolve("server.key"));
    Path acl = etc.resolve("spacemoe.acl");
    StringWriter out = new StringWriter();
    var cli = GroundCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    List<String> args = new ArrayList<>(List.of("acl", "--plan", planFile.toString(), "--out", acl.toString()));
    args.addAll(List.of(aclOptions));
    assertEquals(0, cli.execute(args.toArray(String[]::new)), out.toString());
    int port = MosquittoProcess.freePort();
    Path config = dir.resolve("mosquitto.conf");
    Files.writeString(config, shippedConfig(port, etc, acl, Files.createDirectories(dir.resolve("data")),
        dir.resolve("mosquitto.log")));
    MosquittoProcess p = MosquittoProcess.start(MosquittoProcess.executable(), config, port,
        dir.resolve("mosquitto.log"), dir.resolve("mosquitto.out"));
    return new TlsBroker(dir, pki, p, port);
  }

  /** deploy/mosquitto/mosquitto.conf with this test's port, files and logging (its security lines kept). */
  static String shippedConfig(int port, Path etc, Path acl, Path data, Path logFile) throws IOException {
    Path shipped = Path.of("..", "deploy", "mosquitto", "mosquitto.conf");
    assertTrue(Files.isRegularFile(shipped), "missing " + shipped.toAbsolutePath());
    Map<String, String> replace = new LinkedHashMap<>();
    replace.put("listener", "listener " + port + " 127.0.0.1");
    replace.put("cafile", "cafile " + etc.resolve("ca.crt"));
    replace.put("certfile", "certfile " + etc.resolve("server.crt"));
    replace.put("keyfile", "keyfile " + etc.resolve("server.key"));
    replace.put("acl_file", "acl_file " + acl);
    replace.put("persistence_location", "persistence_location " + data + "/");
    replace.put("log_dest", "log_dest file " + logFile);
    StringBuilder sb = new StringBuilder();
    List<String> seen = new ArrayList<>();
    for (String line : Files.readAllLines(shipped)) {
      String key = line.isBlank() || line.startsWith("#") ? "" : line.trim().split("\\s+")[0];
      if (replace.containsKey(key)) {
        sb.append(replace.get(key)).append('\n');
        seen.add(key);
      } else {
        sb.append(line).append('\n');
      }
    }
    assertEquals(new java.util.TreeSet<>(replace.keySet()), new java.util.TreeSet<>(seen),
        "the shipped config changed shape");
    for (String required : List.of("require_certificate true", "use_identity_as_username true",
        "allow_anonymous false", "set_tcp_nodelay true")) {
      assertTrue(sb.toString().contains("\n" + required + "\n"), required);
    }
    sb.append("log_type subscribe\n");
    if ("root".equals(System.getProperty("user.name"))) {
      sb.append("user root\n"); // otherwise Mosquitto drops to user mosquitto, which cannot read the temp files
    }
    return sb.toString();
  }

  /** {@code ssl://127.0.0.1:PORT}. */
  public String uri() {
    return "ssl://127.0.0.1:" + port;
  }

  /** A PKCS#12 trust store holding this PKI's CA, password {@value #STORE_PASSWORD}. */
  public Path trustStore() throws Exception {
    Path f = dir.resolve("truststore.p12");
    if (!Files.exists(f)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("ca", pki.caCert());
      store(ks, f);
    }
    return f;
  }

  /** A PKCS#12 key store with a client certificate for {@code cn} from this CA, password {@value #STORE_PASSWORD}. */
  public Path keyStore(String cn) throws Exception {
    return keyStore(pki.client(cn), dir.resolve("client-" + cn + ".p12"));
  }

  /** A PKCS#12 key store with a self-signed certificate for {@code cn} (not from this CA). */
  public Path selfSignedKeyStore(String cn) throws Exception {
    return keyStore(TestPki.selfSigned(cn, false), dir.resolve("self-signed-" + cn + ".p12"));
  }

  private static Path keyStore(TestPki.Identity id, Path f) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    X509Certificate[] chain = new X509Certificate[1 + id.chain().length];
    chain[0] = id.cert();
    System.arraycopy(id.chain(), 0, chain, 1, id.chain().length);
    ks.setKeyEntry("client", id.keys().getPrivate(), STORE_PASSWORD.toCharArray(), chain);
    store(ks, f);
    return f;
  }

  private static void store(KeyStore ks, Path f) throws Exception {
    try (OutputStream out = Files.newOutputStream(f)) {
      ks.store(out, STORE_PASSWORD.toCharArray());
    }
  }

  /** What the broker logged so far. */
  public String log() {
    return process.log();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
