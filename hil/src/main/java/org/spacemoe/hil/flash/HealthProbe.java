package org.spacemoe.hil.flash;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.spacemoe.shared.plan.PlanJson;

/** Reads a board's {@code GET /health} directly over HTTP (the ground machine reaches the boards). */
final class HealthProbe {
  /** One answer: {@code UP}, {@code DOWN} (with the runtime's reason) or {@code UNREACHABLE} (with the error). */
  record Health(String status, String reason) {
    boolean up() {
      return "UP".equals(status);
    }

    /** DOWN only because no plan is installed yet: the service runs and waits for one. */
    boolean waitingForPlan() {
      return "DOWN".equals(status) && reason != null && reason.startsWith("no plan");
    }

    @Override
    public String toString() {
      return reason == null ? status : status + " (" + reason + ")";
    }
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Health get(String host, int port) {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + h + ":" + port + "/health"))
        .timeout(Duration.ofSeconds(3)).GET().build();
    try {
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      JsonNode n = PlanJson.mapper().readTree(r.body());
      String status = n.path("status").asText("HTTP " + r.statusCode());
      JsonNode reason = n.findPath("reason");
      return new Health(status, reason.isMissingNode() || reason.isNull() ? null : reason.asText());
    } catch (IOException e) {
      return new Health("UNREACHABLE", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health("UNREACHABLE", "interrupted");
    }
  }

  /**
   * Polls until UP (or, when {@code planOptional}, DOWN only for want of a plan) or the timeout.
   *
   * @return the last answer
   */
  Health await(String host, int port, Duration timeout, boolean planOptional) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    Health h;
    do {
      h = get(host, port);
      if (h.up() || (planOptional && h.waitingForPlan())) {
        return h;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < end);
    return h;
  }
}
