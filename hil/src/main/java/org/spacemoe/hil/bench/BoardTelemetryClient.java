package org.spacemoe.hil.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.onboard.telemetry.TelemetrySnapshot;
import org.spacemoe.shared.plan.PlanJson;

/**
 * Reads a board's {@code GET /telemetry} over HTTP: the snapshot, and the relay counters of the same answer
 * ({@link #relay}), which a runtime may or may not report.
 */
final class BoardTelemetryClient {
  /** Relay fields the snapshot record does not bind itself (read by {@link BoardRelayCounters} instead). */
  private static final Set<String> UNBOUND_RELAY_FIELDS = Arrays.stream(BoardRelayCounters.FIELDS)
      .filter(f -> Arrays.stream(TelemetrySnapshot.class.getRecordComponents()).noneMatch(c -> c.getName().equals(f)))
      .collect(Collectors.toSet());

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final Map<String, BoardRelayCounters> lastRelay = new ConcurrentHashMap<>();

  TelemetrySnapshot get(Board b) throws IOException, InterruptedException {
    URI uri = URI.create("http://" + b.host() + ":" + b.httpPort() + "/telemetry");
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException(uri + ": HTTP " + r.statusCode());
    }
    ObjectNode doc = (ObjectNode) PlanJson.mapper().readTree(r.body());
    lastRelay.put(b.name(), BoardRelayCounters.of(doc));
    doc.remove(UNBOUND_RELAY_FIELDS);
    return PlanJson.mapper().treeToValue(doc, TelemetrySnapshot.class);
  }

  /** The relay counters of {@code b}'s last {@link #get}. */
  BoardRelayCounters relay(Board b) {
    return lastRelay.getOrDefault(b.name(), new BoardRelayCounters(null, null, null));
  }
}
