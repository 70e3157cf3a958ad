package org.spacemoe.hil.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.onboard.telemetry.TelemetrySnapshot;
import org.spacemoe.shared.plan.PlanJson;

/** Reads a board's {@code GET /telemetry} over HTTP. */
final class BoardTelemetryClient {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  TelemetrySnapshot get(Board b) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + b.host() + ":" + b.httpPort() + "/telemetry");
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException(uri + ": HTTP " + r.statusCode());
    }
    return PlanJson.mapper().readValue(r.body(), TelemetrySnapshot.class);
  }
}
