package org.spacemoe.hil.broker;

import static org.spacemoe.hil.broker.MqttReasonCodes.NOT_AUTHORIZED;
import static org.spacemoe.hil.broker.MqttReasonCodes.publish;
import static org.spacemoe.hil.broker.MqttReasonCodes.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.cli.GroundCli;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.uplink.UplinkTopics;

/**
 * The broker security of deploy/mosquitto against a real Mosquitto: the shipped {@code mosquitto.conf} (port
 * and paths rewritten), certificates made here, and the ACL written by {@code spacemoe-ground acl} for a
 * two-layer plan. Clients are Paho v5 over TLS with client certificates whose CN is the satellite name.
 *
 * <p>Plan: layer 0 gateway SAT-A with experts on SAT-B and SAT-C; layer 1 gateway SAT-D with experts on SAT-C
 * and SAT-E. So SAT-A feeds SAT-B (expert requests), SAT-B answers SAT-A, and SAT-B sends nothing to SAT-D.
 * Skipped only if mosquitto is not installed.
 */
class MosquittoTlsAclTest {
  private static final String A = "SAT-A";
  private static final String B = "SAT-B";
  private static final String D = "SAT-D";

  @TempDir static Path dir;
  private static TestPki pki;
  private static MosquittoProcess broker;
  private static int port;
  private static final List<MqttAsyncClient> clients = new ArrayList<>();
  /** Per client, per topic, the payloads received (Paho's per-subscription listeners trip over Mosquitto's
   *  subscription identifiers, so one callback per client collects everything). */
  private static final Map<MqttAsyncClient, Map<String, BlockingQueue<String>>> inboxes =
      new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void startBroker() throws Exception {
    Path mosquitto = MosquittoProcess.executable();
    assumeTrue(mosquitto != null, "mosquitto is not installed (apt-get install mosquitto)");
    pki = TestPki.create();
    Path etc = Files.createDirectories(dir.resolve("etc"));
    TestPki.writeCert(pki.caCert(), etc.resolve("ca.crt"));
    TestPki.Identity server = pki.server();
    TestPki.writeCert(server.cert(), etc.resolve("server.crt"));
    TestPki.writeKey(server.keys().getPrivate(), etc.resolve("server.key"));

    Path planFile = dir.resolve("plan.json");
    PlanJson.write(plan(), planFile);
    Path acl = etc.resolve("spacemoe.acl");
    StringWriter out = new StringWriter();
    var cli = GroundCli.newCommandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    assertEquals(0, cli.execute("acl", "--plan", planFile.toString(), "--out", acl.toString()), out.toString());

    port = MosquittoProcess.freePort();
    Path config = dir.resolve("mosquitto.conf");
    Files.writeString(config, testConfig(etc, acl, Files.createDirectories(dir.resolve("data"))));
    broker = MosquittoProcess.start(mosquitto, config, port, dir.resolve("mosquitto.log"),
        dir.resolve("mosquitto.out"));
  }

  static PlacementPlan plan() {
    PlanInputs inputs = new PlanInputs("walker-star:planes=3,sats=2", new PlanInputs.ModelDims("tiny", 2, 2, 1, 8,
        4, 16), new PlanInputs.DeviceSpec("board", 1e9, 1L << 30), "fp32", 16, 1e11, 0.12, 0.95, 10, 1, "test",
        List.of());
    return new PlacementPlan(1, 1, "hand", "bench-6", List.of(
        new LayerPlacement(0, List.of(A, B, "SAT-C"), A, List.of(List.of(B), List.of("SAT-C"))),
        new LayerPlacement(1, List.of(D, "SAT-C", "SAT-E"), D, List.of(List.of("SAT-C"), List.of("SAT-E")))),
        Map.of(), inputs);
  }

  /** deploy/mosquitto/mosquitto.conf with the port, files and logging of this test. */
  static String testConfig(Path etc, Path acl, Path data) throws IOException {
    return TlsBroker.shippedConfig(port, etc, acl, data, dir.resolve("mosquitto.log"));
  }

  @AfterEach
  void disconnect() {
    for (MqttAsyncClient c : clients) {
      try {
        if (c.isConnected()) {
          c.disconnect().waitForCompletion(5_000);
        }
        c.close();
      } catch (MqttException e) {
        // closing anyway
      }
    }
    clients.clear();
    inboxes.clear();
  }

  @AfterAll
  static void stopBroker() throws InterruptedException {
    if (broker != null) {
      broker.close();
    }
  }

  private MqttAsyncClient connect(String name, SSLSocketFactory tls) throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient("ssl://127.0.0.1:" + port, name + "-" + UUID.randomUUID(),
        new MemoryPersistence());
    clients.add(c);
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setSocketFactory(tls);
    o.setCleanStart(true);
    o.setTopicAliasMaximum(0);
    o.setConnectionTimeout(10);
    o.setHttpsHostnameVerificationEnabled(true);
    Map<String, BlockingQueue<String>> inbox = new java.util.concurrent.ConcurrentHashMap<>();
    inboxes.put(c, inbox);
    c.setCallback(new MqttCallbackAdapter() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        inbox.computeIfAbsent(topic, t -> new LinkedBlockingQueue<>())
            .add(new String(message.getPayload(), StandardCharsets.UTF_8));
      }

    });
    c.connect(o).waitForCompletion(15_000);
    return c;
  }

  private MqttAsyncClient satellite(String name) throws Exception {
    return connect(name, pki.socketFactory(pki.client(name)));
  }

  /** The payloads {@code c} received on {@code topic}. */
  private static BlockingQueue<String> inbox(MqttAsyncClient c, String topic) {
    return inboxes.get(c).computeIfAbsent(topic, t -> new LinkedBlockingQueue<>());
  }

  /** Everything {@code c} received, by topic. */
  private static Map<String, List<String>> received(MqttAsyncClient c) {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    inboxes.get(c).forEach((t, q) -> {
      if (!q.isEmpty()) {
        out.put(t, List.copyOf(q));
      }
    });
    return out;
  }

  /** A PUBACK below 0x80 is a success (Mosquitto answers 0x10 "no matching subscribers" when nobody listens). */
  private static void assertAllowed(int pubackCode, String context) {
    assertTrue(pubackCode < 0x80, "PUBACK 0x" + Integer.toHexString(pubackCode) + context);
  }

  private static String next(BlockingQueue<String> q) throws InterruptedException {
    return q.poll(10, TimeUnit.SECONDS);
  }

  private String log() {
    return "\n--- mosquitto log ---\n" + broker.log();
  }

  @Test
  void satelliteMayPublishItsStatusAndFeedItsExperts() throws Exception {
    MqttAsyncClient ground = connect("ground", pki.socketFactory(pki.client("ground")));
    assertEquals(1, subscribe(ground, UplinkTopics.ALL_STATUS), "ground subscribes to every status topic" + log());
    MqttAsyncClient b = satellite(B);
    assertEquals(1, subscribe(b, FrameTopics.satelliteInbound(B)), log());
    MqttAsyncClient a = satellite(A);
    assertEquals(1, subscribe(a, FrameTopics.satelliteInbound(A)), log());
    assertEquals(1, subscribe(a, UplinkTopics.command(A)), log());

    assertAllowed(publish(a, UplinkTopics.status(A), "A alive"), log());
    assertEquals("A alive", next(inbox(ground, UplinkTopics.status(A))), log());
    assertAllowed(publish(a, FrameTopics.satelliteInbound(B), "expert request"), log());
    assertEquals("expert request", next(inbox(b, FrameTopics.satelliteInbound(B))), log());
    assertAllowed(publish(b, FrameTopics.satelliteInbound(A), "expert response"), log());
    assertEquals("expert response", next(inbox(a, FrameTopics.satelliteInbound(A))), log());
    assertAllowed(publish(ground, UplinkTopics.command(A), "offer"), log());
    assertEquals("offer", next(inbox(a, UplinkTopics.command(A))), log());
  }

  @Test
  void satelliteIsDeniedOtherSatellitesCommandAndStatusTopics() throws Exception {
    MqttAsyncClient b = satellite(B);
    assertEquals(1, subscribe(b, UplinkTopics.command(B)), log());
    assertEquals(1, subscribe(b, FrameTopics.satelliteInbound(B)), log());
    MqttAsyncClient a = satellite(A);

    assertEquals(NOT_AUTHORIZED, publish(a, UplinkTopics.command(B), "forged ACTIVATE"),
        "PUBACK of a publish to another satellite's command topic" + log());
    assertEquals(NOT_AUTHORIZED, publish(a, UplinkTopics.status(B), "forged status"), log());
    assertEquals(NOT_AUTHORIZED, publish(b, FrameTopics.satelliteInbound(D), "B does not feed D"), log());
    // a later, allowed message from A to B arrives; the denied one before it never did
    assertAllowed(publish(a, FrameTopics.satelliteInbound(B), "marker"), log());
    assertEquals("marker", next(inbox(b, FrameTopics.satelliteInbound(B))), log());
    Thread.sleep(200);
    assertEquals(Map.of(), received(b), "B received a message forged by A" + log());

    // the ground may command B
    MqttAsyncClient ground = connect("ground", pki.socketFactory(pki.client("ground")));
    assertAllowed(publish(ground, UplinkTopics.command(B), "ACTIVATE 2"), log());
    assertEquals("ACTIVATE 2", next(inbox(b, UplinkTopics.command(B))), log());
    // but inject frames only at the entry
    assertEquals(NOT_AUTHORIZED, publish(ground, FrameTopics.satelliteInbound(B), "frame"), log());
    assertAllowed(publish(ground, FrameTopics.satelliteInbound(A), "start"), log());
  }

  @Test
  void satelliteCannotReadAnotherSatellitesInboundOrCommandTopic() throws Exception {
    MqttAsyncClient a = satellite(A);
    int spyIn = subscribe(a, FrameTopics.satelliteInbound(B));
    int spyCmd = subscribe(a, UplinkTopics.command(B));
    int spyAll = subscribe(a, FrameTopics.ALL_INBOUND);
    MqttAsyncClient b = satellite(B);
    assertEquals(1, subscribe(b, FrameTopics.satelliteInbound(B)), log());
    assertEquals(1, subscribe(b, UplinkTopics.command(B)), log());
    MqttAsyncClient ground = connect("ground", pki.socketFactory(pki.client("ground")));

    assertAllowed(publish(a, FrameTopics.satelliteInbound(B), "for B only"), log());
    assertAllowed(publish(ground, UplinkTopics.command(B), "command for B only"), log());
    assertEquals("for B only", next(inbox(b, FrameTopics.satelliteInbound(B))), log());
    assertEquals("command for B only", next(inbox(b, UplinkTopics.command(B))), log());
    Thread.sleep(300);
    assertEquals(Map.of(), received(a), "A read B's messages" + log());
    // Mosquitto 2.0's acl_file does not check SUBSCRIBE: it grants the subscription (SUBACK 0x01) and then
    // delivers only what the ACL lets the user read, i.e. nothing of B's (asserted above). A broker that refuses
    // the subscription itself answers 0x87; both are fine.
    for (int code : new int[] {spyIn, spyCmd, spyAll}) {
      assertTrue(code == 1 || code == NOT_AUTHORIZED, "SUBACK 0x" + Integer.toHexString(code) + log());
    }
  }

  @Test
  void clientWithoutAValidCertificateCannotConnect() throws Exception {
    // a self-signed certificate claiming to be SAT-A
    SSLSocketFactory forged = pki.socketFactory(TestPki.selfSigned(A, false));
    assertThrows(MqttException.class, () -> connect(A, forged), "self-signed client certificate");
    // another CA's certificate
    TestPki other = TestPki.create();
    assertThrows(MqttException.class, () -> connect(A, pki.socketFactory(other.client(A))), "foreign CA");
    // no certificate at all
    assertThrows(MqttException.class, () -> connect(A, pki.socketFactory(null)), "no client certificate");
    // and plain TCP on the TLS port
    MqttAsyncClient plain = new MqttAsyncClient("tcp://127.0.0.1:" + port, "plain-" + UUID.randomUUID(),
        new MemoryPersistence());
    clients.add(plain);
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setConnectionTimeout(5);
    assertThrows(MqttException.class, () -> plain.connect(o).waitForCompletion(10_000), "plain TCP");
    // the genuine SAT-A still can
    assertNotNull(satellite(A));
  }

  @Test
  void certifiedClientWithoutAclEntryCanDoNothing() throws Exception {
    MqttAsyncClient b = satellite(B);
    assertEquals(1, subscribe(b, FrameTopics.satelliteInbound(B)), log());
    MqttAsyncClient stranger = connect("SAT-X", pki.socketFactory(pki.client("SAT-X")));
    assertEquals(NOT_AUTHORIZED, publish(stranger, FrameTopics.satelliteInbound(B), "hello"), log());
    int sub = subscribe(stranger, FrameTopics.ALL_INBOUND);
    assertTrue(sub == 1 || sub == NOT_AUTHORIZED, "SUBACK 0x" + Integer.toHexString(sub) + log());
    assertAllowed(publish(satellite(A), FrameTopics.satelliteInbound(B), "for B"), log());
    assertEquals("for B", next(inbox(b, FrameTopics.satelliteInbound(B))), log());
    Thread.sleep(200);
    assertEquals(Map.of(), received(stranger), log());
    assertEquals(Map.of(), received(b), "nothing from the stranger" + log());
  }
}
