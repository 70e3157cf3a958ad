package org.spacemoe.hil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spacemoe.ground.console.OperationsConsole;
import org.spacemoe.ground.ops.BrokerConnection;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import org.spacemoe.shared.uplink.MissingChunks;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.UplinkStage;
import org.spacemoe.shared.uplink.UplinkTopics;

/**
 * The operations console through a real broker: retained heartbeats and status reports, live stage changes and token
 * frames published with the real codecs reach {@code /state} and {@code /events}; the console publishes nothing.
 */
class ConsoleBrokerTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> seenBySpy = Collections.synchronizedList(new ArrayList<>());
  private final List<String> published = Collections.synchronizedList(new ArrayList<>());
  private final String sat = "cx" + Long.toHexString(System.nanoTime() & 0xffffff); // own names on a shared broker
  private MqttClient spy;
  private MqttClient ground;

  @BeforeEach
  void connect() throws Exception {
    spy = client("spy");
    // every message published from now on, on any topic (retained ones of earlier runs, delivered because we
    // subscribe, are left out)
    spy.subscribe(new MqttSubscription[] {new MqttSubscription("#", 1)},
        new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, msg) -> {
          if (!msg.isRetained()) {
            seenBySpy.add(topic);
          }
        }});
    ground = client("sat");
  }

  @AfterEach
  void disconnect() throws Exception {
    for (MqttClient c : List.of(spy, ground)) {
      if (c.isConnected()) {
        c.disconnect();
      }
      c.close();
    }
  }

  private static MqttClient client(String what) throws Exception {
    MqttClient c = new MqttClient(BROKER.uri(), "console-test-" + what + "-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    c.connect(o);
    return c;
  }

  private void publish(String topic, byte[] payload, boolean retained) throws Exception {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    m.setRetained(retained);
    ground.publish(topic, m);
    published.add(topic);
  }

  private void heartbeat(String satellite, long active, String health) throws Exception {
    heartbeat(satellite, active, health, null);
  }

  private void heartbeat(String satellite, long active, String health,
      Map<Integer, SatelliteTelemetry.LayerHops> hops) throws Exception {
    SatelliteTelemetry t = new SatelliteTelemetry(satellite, System.currentTimeMillis(), active, 0, health,
        "UP".equals(health) ? null : "runtime failed", Map.of("NO_ROUTE", 2L), Map.of(), 10, 10, hops);
    publish(FrameTopics.satelliteTelemetry(satellite), PlanJson.mapper().writeValueAsBytes(t), true);
  }

  private void status(String satellite, UplinkStage stage, Map<String, MissingChunks> missing) throws Exception {
    StatusReport r = StatusReport.of(satellite, 5, 2, stage, null, stage.name().toLowerCase(), missing, null,
        stage == UplinkStage.ACTIVE ? 2 : 1, stage == UplinkStage.STAGED ? 2 : 0, System.currentTimeMillis());
    publish(UplinkTopics.status(satellite), r.toJson(), true);
  }

  private JsonNode state(int port) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/state")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private JsonNode awaitState(int port, Predicate<JsonNode> done) throws Exception {
    long by = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    JsonNode s = state(port);
    while (!done.test(s)) {
      if (System.nanoTime() > by) {
        throw new AssertionError("console state never got there: " + s.toPrettyString());
      }
      Thread.sleep(50);
      s = state(port);
    }
    return s;
  }

  private JsonNode satellite(JsonNode state, String name) {
    for (JsonNode s : state.get("satellites")) {
      if (name.equals(s.get("name").asText())) {
        return s;
      }
    }
    return null;
  }

  @Test
  void retainedReportsLiveStageChangesAndTokensReachStateAndEventsAndTheConsolePublishesNothing() throws Exception {
    String a = sat + "a";
    String b = sat + "b";
    // retained before the console starts: it must see them on subscribing
    heartbeat(a, 1, "UP");
    heartbeat(b, 1, "DOWN");
    status(b, UplinkStage.SENT, Map.of("L0.onnx", MissingChunks.all(4)));
    try (OperationsConsole c = OperationsConsole.start(BrokerConnection.of(BROKER.uri()), "127.0.0.1", 0, null)) {
      assertTrue(c.url().startsWith("http://127.0.0.1:"), c.url());
      JsonNode s = awaitState(c.port(), st -> satellite(st, a) != null && satellite(st, b) != null
          && "SENT".equals(satellite(st, b).path("stage").asText()));
      assertEquals("UP", satellite(s, a).get("health").asText());
      assertEquals(1, satellite(s, a).get("activePlanVersion").asLong());
      assertEquals("DOWN", satellite(s, b).get("health").asText());
      assertEquals(4, satellite(s, b).get("missingChunks").asLong());

      // the page's own event stream shows each stage change live
      HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + c.port() + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader in = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
        nextState(in, st -> satellite(st, b) != null);
        status(b, UplinkStage.STAGED, Map.of());
        JsonNode staged = nextState(in, st -> "STAGED".equals(satellite(st, b).path("stage").asText()));
        assertEquals(2, satellite(staged, b).get("stagedPlanVersion").asLong());
        status(b, UplinkStage.ACTIVE, Map.of());
        // a layer no other heartbeat on the broker has: its per-hop means are this heartbeat's alone
        heartbeat(b, 2, "UP", Map.of(37, new SatelliteTelemetry.LayerHops(8, 8.0, 16.0, 4.0)));
        JsonNode active = nextState(in, st -> "ACTIVE".equals(satellite(st, b).path("stage").asText())
            && "UP".equals(satellite(st, b).path("health").asText()));
        JsonNode hop = null;
        for (JsonNode h : active.get("hops")) {
          if (h.get("layer").asInt() == 37) {
            hop = h;
          }
        }
        assertTrue(hop != null, active.get("hops").toString());
        assertEquals(8, hop.get("hops").asLong());
        assertEquals(1.0, hop.get("computeMs").asDouble(), 1e-9);
        assertEquals(2.0, hop.get("linkMs").asDouble(), 1e-9);
        assertEquals(0.5, hop.get("queueMs").asDouble(), 1e-9);
        assertEquals(2, satellite(active, b).get("activePlanVersion").asLong());
        List<String> stages = new ArrayList<>();
        active.get("stageChanges").forEach(ch -> {
          if (b.equals(ch.get("satellite").asText())) {
            stages.add(ch.get("stage").asText());
          }
        });
        assertEquals(List.of("SENT", "STAGED", "ACTIVE"), stages);
      }

      // tokens of a sequence, with the real frame codec: one latency point per token after the first
      long seq = 1_000_000_000L + (System.nanoTime() & 0xffff);
      ActivationFrameCodec codec = new ActivationFrameCodec();
      for (int i = 0; i < 5; i++) {
        publish(FrameTopics.sequenceTokens(seq), codec.encode(ActivationFrame.tokens(2, seq, 3 + i, 1, 20 + i)), false);
        Thread.sleep(30);
      }
      JsonNode t = awaitState(c.port(), st -> st.get("latency").get("sequence").asLong() == seq
          && st.get("latency").get("points").size() == 5);
      JsonNode l = t.get("latency");
      assertEquals(4, l.get("measuredPoints").asInt()); // the start is unknown: the first token has no latency
      assertTrue(l.get("points").get(1).get("measuredS").asDouble() > 0.01, l.toPrettyString());
      assertEquals(24, l.get("points").get(4).get("token").asInt());
      assertTrue(t.get("drops").get("NO_ROUTE").asLong() >= 2);
    }
    // the console only subscribed: everything on our topics came from this test's own publisher
    Thread.sleep(500);
    synchronized (seenBySpy) {
      assertEquals(published.size(), seenBySpy.size(), "spy saw " + seenBySpy + "\npublished " + published);
      assertTrue(published.containsAll(seenBySpy), seenBySpy.toString());
    }
    // clear the retained messages of this test's satellites
    for (String topic : List.of(FrameTopics.satelliteTelemetry(a), FrameTopics.satelliteTelemetry(b),
        UplinkTopics.status(b))) {
      MqttMessage m = new MqttMessage(new byte[0]);
      m.setRetained(true);
      ground.publish(topic, m);
    }
  }

  private static JsonNode nextState(BufferedReader in, Predicate<JsonNode> wanted) throws Exception {
    long by = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    String line;
    while ((line = in.readLine()) != null && System.nanoTime() < by) {
      if (line.startsWith("data: ")) {
        JsonNode s = JSON.readTree(line.substring("data: ".length()));
        if (wanted.test(s)) {
          return s;
        }
      }
    }
    throw new AssertionError("no wanted state event within 20 s");
  }
}
