package org.spacemoe.hil.flash;

import static org.spacemoe.hil.broker.MqttReasonCodes.NOT_AUTHORIZED;
import static org.spacemoe.hil.broker.MqttReasonCodes.publish;
import static org.spacemoe.hil.broker.MqttReasonCodes.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.broker.MosquittoBroker;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.broker.MqttCallbackAdapter;

/**
 * board-b's ISL broker of {@link MeshBench} run by a real Mosquitto with the files a flash writes (paths, port and
 * user rewritten for this machine): the password file takes the derived passwords, the ACL lets a neighbouring
 * board publish only to the satellites next to its own and board-b's node read its own. Skipped without mosquitto.
 */
class IslBrokerMosquittoTest {
  @TempDir Path dir;
  private Process broker;
  private final List<MqttAsyncClient> clients = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (MqttAsyncClient c : clients) {
      try {
        c.disconnect().waitForCompletion(2_000);
      } catch (MqttException ignored) {
        // already gone
      }
      c.close();
    }
    if (broker != null) {
      broker.destroy();
      broker.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void neighboursWriteOnlyNextToTheirOwnSatellitesAndTheOwnerReads() throws Exception {
    Path mosquitto = MosquittoBroker.executable();
    Assumptions.assumeTrue(mosquitto != null, "no mosquitto");
    BenchMesh m = MeshBench.mesh(Files.createDirectories(dir.resolve("inv")));
    Board b = m.inventory().boards().get(1);
    IslCredentials cred = new IslCredentials(MeshBench.SECRET);
    Path install = Files.createDirectories(dir.resolve("b"));
    Files.createDirectories(install.resolve("current/config"));
    Files.createDirectories(install.resolve("run"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String conf = IslBrokerFiles.conf(b, new RemoteLayout(b.installDir())).replace("/opt/b/", install + "/")
        .replace("\nuser pi\n", "\nuser " + System.getProperty("user.name") + "\n")
        .replace("\nlistener 1884\n", "\nlistener " + port + " 127.0.0.1\n");
    Files.writeString(install.resolve("current/" + IslBrokerFiles.CONF), conf);
    Files.writeString(install.resolve("current/" + IslBrokerFiles.ACL), IslBrokerFiles.acl(m, b));
    Files.writeString(install.resolve("current/" + IslBrokerFiles.PASSWD), IslBrokerFiles.passwords(m, b, cred));
    broker = new ProcessBuilder(mosquitto.toString(), "-c", install.resolve("current/" + IslBrokerFiles.CONF).toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
    awaitListening(port, install.resolve("run/" + IslBrokerFiles.LOG_FILE));

    String uri = "tcp://127.0.0.1:" + port;
    BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    MqttAsyncClient owner = connect(uri, "board-b", cred.password("board-b"), inbox);
    assertEquals(1, subscribe(owner, "spacemoe/v1/isl/p00s03/in/+"));
    assertEquals(1, subscribe(owner, "spacemoe/v1/isl/p05s04/in/+"));
    MqttAsyncClient a = connect(uri, "board-a", cred.password("board-a"), new LinkedBlockingQueue<>());
    MqttAsyncClient c = connect(uri, "board-c", cred.password("board-c"), new LinkedBlockingQueue<>());
    assertEquals(0, publish(a, "spacemoe/v1/isl/p00s03/in/p00s04", "a via p00s03"));
    assertEquals(0, publish(c, "spacemoe/v1/isl/p05s04/in/p00s04", "c via p05s04"));
    assertEquals(NOT_AUTHORIZED, publish(a, "spacemoe/v1/isl/p05s04/in/p00s04", "a is not next to p05s04"));
    assertEquals(NOT_AUTHORIZED, publish(c, "spacemoe/v1/isl/p00s03/in/p00s04", "c is not next to p00s03"));
    assertEquals(NOT_AUTHORIZED, publish(a, "spacemoe/v1/sat/p00s04/cmd", "ground traffic is not here"));
    assertEquals("spacemoe/v1/isl/p00s03/in/p00s04 a via p00s03", inbox.poll(5, TimeUnit.SECONDS));
    assertEquals("spacemoe/v1/isl/p05s04/in/p00s04 c via p05s04", inbox.poll(5, TimeUnit.SECONDS));
    assertNull(inbox.poll(300, TimeUnit.MILLISECONDS));
    BlockingQueue<String> snoop = new LinkedBlockingQueue<>();
    MqttAsyncClient a2 = connect(uri, "board-a", cred.password("board-a"), snoop);
    subscribe(a2, "spacemoe/v1/isl/p00s03/in/+");
    assertEquals(0, publish(a, "spacemoe/v1/isl/p00s03/in/p00s04", "not for board-a's eyes"));
    assertNull(snoop.poll(500, TimeUnit.MILLISECONDS), "board-a may not read board-b's frames");
    assertThrows(MqttException.class, () -> connect(uri, "board-a", cred.password("board-c"), inbox));
    assertThrows(MqttException.class, () -> connect(uri, "board-a",
        new IslCredentials("another secret of 16+ chars").password("board-a"), inbox));
  }

  private void awaitListening(int port, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!broker.isAlive()) {
        break;
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("mosquitto did not listen: " + Files.readString(dir.resolve("mosquitto.out"))
        + (Files.exists(log) ? Files.readString(log) : ""));
  }

  private MqttAsyncClient connect(String uri, String user, String password, BlockingQueue<String> inbox)
      throws MqttException {
    MqttAsyncClient c = new MqttAsyncClient(uri, user + "-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setUserName(user);
    o.setPassword(password.getBytes(StandardCharsets.UTF_8));
    o.setCleanStart(true);
    o.setConnectionTimeout(10);
    c.setCallback(new MqttCallbackAdapter() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        inbox.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
      }

    });
    try {
      c.connect(o).waitForCompletion(10_000);
    } catch (MqttException e) {
      c.close();
      throw e;
    }
    clients.add(c);
    return c;
  }
}
