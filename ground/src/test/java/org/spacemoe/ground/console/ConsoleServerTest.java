package org.spacemoe.ground.console;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.telemetry.SatelliteTelemetry;
import org.spacemoe.shared.uplink.MissingChunks;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.UplinkStage;

/** The console's model and web server, fed directly (the broker path is tested in hil's ConsoleBrokerTest). */
class ConsoleServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static PlacementPlan plan() {
    PlanInputs inputs = new PlanInputs("test", new PlanInputs.ModelDims("tiny", 2, 4, 2, 64, 32, 100),
        new PlanInputs.DeviceSpec("test-board", 1e9, 1L << 30), "fp32", 16, 1e11, 0.12, 0.95, 10, 1, "test",
        List.of());
    List<LayerPlacement> layers = List.of(
        new LayerPlacement(0, List.of("p00s00", "p00s01", "p01s00"), "p00s00",
            List.of(List.of("p00s01"), List.of("p01s00"), List.of("p01s00"), List.of("p00s01"))),
        new LayerPlacement(1, List.of("p01s01", "p01s02"), "p01s01",
            List.of(List.of("p01s02"), List.of("p01s02"), List.of("p01s02"), List.of("p01s02"))));
    return new PlacementPlan(PlacementPlan.SCHEMA_VERSION, 7, "hand-made", "test", layers, Map.of(), inputs);
  }

  private JsonNode state(int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/state"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    return JSON.readTree(r.body());
  }

  @Test
  void servesThePageUplotAndAStateWithPlanRolesHeartbeatsStagesAndLatency() throws Exception {
    try (OperationsConsole c = OperationsConsole.serve("127.0.0.1", 0, "--port", "tcp://test:1883")) {
      ConsoleModel m = c.model();
      m.setPlan(plan());
      m.heartbeat(new SatelliteTelemetry("p00s00", 1000, 7, 0, "UP", null, Map.of("NO_ROUTE", 3L), Map.of(), 1, 1));
      m.heartbeat(new SatelliteTelemetry("p01s02", 1000, 6, 7, "DOWN", "onnx failed", Map.of("NO_ROUTE", 5L,
          "MALFORMED", 1L), Map.of(), 1, 1));
      m.status(StatusReport.of("p01s02", 9, 7, UplinkStage.SENT, null, "3/10 chunks",
          Map.of("L1.onnx", MissingChunks.all(7)), null, 6, 0, 2000));
      m.status(StatusReport.of("p01s01", 9, 7, UplinkStage.REJECTED, RejectReason.values()[0], "bad", Map.of(), null,
          6, 0, 2000));
      long t0 = 1_000_000_000L;
      m.sequenceStarted(42, t0, 3, 3);
      m.focus(42);
      for (int i = 0; i < 3; i++) {
        m.token(42, ActivationFrame.tokens(7, 42, 3 + i, 1, 10 + i), t0 + (i + 1) * 200_000_000L);
      }
      m.token(42, ActivationFrame.tokens(7, 42, 4, 1, 99), t0 + 5_000_000_000L); // a duplicate: ignored
      m.predicted(42, Map.of(4L, 0.25, 5L, 0.25));
      m.token(43, ActivationFrame.tokens(7, 43, 0, 1, 1), t0); // another sequence: not the focused one

      JsonNode s = state(c.port());
      assertEquals(7, s.get("plan").get("planVersion").asLong());
      assertEquals("p00s00", s.get("plan").get("entry").asText());
      assertEquals(5, s.get("satellites").size(), s.toPrettyString()); // the plan's five satellites, nothing else
      JsonNode gw = find(s, "p00s00");
      assertEquals("UP", gw.get("health").asText());
      assertEquals(7, gw.get("activePlanVersion").asLong());
      assertEquals("L0 gateway", gw.get("roles").get(0).asText());
      JsonNode down = find(s, "p01s02");
      assertEquals("DOWN", down.get("health").asText());
      assertEquals("SENT", down.get("stage").asText());
      assertEquals(7, down.get("missingChunks").asLong());
      assertEquals(6, down.get("activePlanVersion").asLong());
      assertEquals(4, down.get("roles").size()); // L1 experts 0-3
      JsonNode rejected = find(s, "p01s01");
      assertEquals("REJECTED", rejected.get("stage").asText());
      assertEquals(RejectReason.values()[0].name(), rejected.get("rejectReason").asText());
      assertEquals("UNKNOWN", find(s, "p00s01").get("health").asText());
      assertEquals(5, s.get("drops").get("NO_ROUTE").asLong()); // the largest of the per-process counters
      JsonNode l = s.get("latency");
      assertEquals(42, l.get("sequence").asLong());
      assertEquals(3, l.get("measuredPoints").asInt());
      assertEquals(0.2, l.get("points").get(0).get("measuredS").asDouble(), 1e-9);
      assertTrue(l.get("points").get(0).get("predictedS").isNull());
      assertEquals(0.25, l.get("predictedMeanS").asDouble(), 1e-9);
      assertEquals(2, s.get("stageChanges").size());

      String page = get(c.port(), "/");
      assertTrue(page.contains("id=\"latency\""), page);
      assertTrue(get(c.port(), "/uplot/uPlot.iife.min.js").contains("uPlot"));
      assertTrue(get(c.port(), "/console.js").contains("EventSource"));
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + c.port() + "/state"))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
    }
  }

  @Test
  void eventsStreamASnapshotThenEveryChange() throws Exception {
    try (OperationsConsole c = OperationsConsole.serve("127.0.0.1", 0, "--port", "tcp://test:1883")) {
      HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + c.port() + "/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
      assertEquals("text/event-stream; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
      try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
        JsonNode first = nextState(in);
        assertEquals(0, first.get("satellites").size());
        c.model().status(StatusReport.of("p00s00", 1, 7, UplinkStage.STAGED, null, null, Map.of(), null, 0, 7, 1));
        JsonNode staged = nextState(in);
        assertEquals("STAGED", find(staged, "p00s00").get("stage").asText());
        c.model().status(StatusReport.of("p00s00", 1, 7, UplinkStage.ACTIVE, null, null, Map.of(), null, 7, 0, 2));
        JsonNode active = nextState(in);
        assertEquals("ACTIVE", find(active, "p00s00").get("stage").asText());
        assertEquals(7, find(active, "p00s00").get("activePlanVersion").asLong());
        assertEquals(2, active.get("stageChanges").size());
        assertTrue(active.get("plan").isNull());
      }
    }
  }

  @Test
  void aPortInUseNamesTheOption() {
    try (OperationsConsole c = OperationsConsole.serve("127.0.0.1", 0, "--port", "x")) {
      org.spacemoe.shared.input.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.spacemoe.shared.input.InvalidInputException.class,
          () -> OperationsConsole.serve("127.0.0.1", c.port(), "--console-port", "x"));
      assertTrue(e.getMessage().startsWith("--console-port: cannot listen on 127.0.0.1:" + c.port()), e.getMessage());
    }
  }

  private static JsonNode nextState(BufferedReader in) throws Exception {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("data: ")) {
        return JSON.readTree(line.substring("data: ".length()));
      }
    }
    throw new AssertionError("event stream ended");
  }

  private String get(int port, String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path);
    return r.body();
  }

  static JsonNode find(JsonNode state, String satellite) {
    for (JsonNode s : state.get("satellites")) {
      if (satellite.equals(s.get("name").asText())) {
        return s;
      }
    }
    throw new AssertionError(satellite + " not in " + state.toPrettyString());
  }
}
