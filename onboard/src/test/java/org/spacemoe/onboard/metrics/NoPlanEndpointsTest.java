package org.spacemoe.onboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The onboard application (Micronaut, HTTP server, this module's application.yml) started without a plan and with
 * no broker: {@code /health} says DOWN with the reason, {@code /prometheus} serves the JVM meters and the node's
 * {@code spacemoe_*} meters, tagged with the satellite, every drop reason present from the start.
 */
@Timeout(60)
class NoPlanEndpointsTest {
  @TempDir Path data;

  @Test
  void healthIsDownWithTheReasonAndPrometheusHasJvmAndNodeMeters() throws Exception {
    Map<String, Object> props = Map.of(
        "micronaut.server.port", -1,
        "spacemoe.onboard.satellites", List.of("p00s03"),
        "spacemoe.onboard.data-dir", data.toString(),
        "spacemoe.onboard.broker", "tcp://127.0.0.1:1");
    try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(503, health.statusCode(), health.body());
      assertTrue(health.body().contains("\"DOWN\""), health.body());
      assertTrue(health.body().contains("no plan: " + data.resolve("plan.json") + " does not exist"), health.body());

      HttpResponse<String> prom = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, prom.statusCode());
      String text = prom.body();
      assertTrue(text.contains("jvm_memory_used_bytes{"), "JVM memory meters");
      assertTrue(Pattern.compile("(?m)^jvm_gc_").matcher(text).find(), "GC meters");
      assertEquals(0.0, value(text, "spacemoe_up", "satellite=\"p00s03\""), 0.0);
      assertEquals(0.0, value(text, "spacemoe_frames_dropped_total", "reason=\"MALFORMED\""), 0.0);
      assertEquals(0.0, value(text, "spacemoe_frames_dropped_total", "reason=\"DRAINING\""), 0.0);
      assertEquals(0.0, value(text, "spacemoe_plan_version", "satellite=\"p00s03\""), 0.0);
      assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"") && text.contains("satellite=\"p00s03\""),
          "the satellite tag is on every meter");
    }
  }

  /** The value of the one sample of {@code name} whose labels contain {@code label}. */
  static double value(String text, String name, String label) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
    Double found = null;
    while (m.find()) {
      if (m.group(1).contains(label)) {
        if (found != null) {
          throw new AssertionError("two samples of " + name + " with " + label);
        }
        found = Double.parseDouble(m.group(2));
      }
    }
    if (found == null) {
      throw new AssertionError("no sample " + name + "{..." + label + "...} in:\n" + text);
    }
    return found;
  }
}
