package org.spacemoe.hil;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.spacemoe.hil.broker.EmbeddedBroker;

/**
 * The real MQTT broker of a test class: the one named by the system property {@value #PROPERTY} (CI points it
 * at a Mosquitto, e.g. {@code tcp://127.0.0.1:1884}), or else an embedded HiveMQ CE of the class's own, started
 * before its first test and stopped after its last (register with
 * {@code @RegisterExtension static final TestBroker BROKER = new TestBroker();}).
 *
 * <p>One embedded broker per class, not per run: a HiveMQ CE that served the whole hil suite (about 25 classes,
 * thousands of sessions, many left to expire) began to deliver frames on the topics of other satellites (a layer-2
 * HIDDEN frame at a satellite without that gateway, a HIDDEN frame on a sequence's token topic) and the classes
 * after that point failed; the same suite in the same order against one shared Mosquitto passes, and so does each
 * class on a fresh HiveMQ.
 */
public final class TestBroker implements BeforeAllCallback {
  /** System property naming an external broker URI. */
  public static final String PROPERTY = "spacemoe.test.broker";

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestBroker.class);

  private String uri;

  @Override
  public void beforeAll(ExtensionContext context) {
    String external = System.getProperty(PROPERTY);
    if (external != null && !external.isBlank()) {
      uri = external.trim();
      return;
    }
    // stored in the class's context: closed (AutoCloseable) after its last test
    EmbeddedBroker broker = context.getStore(NS)
        .getOrComputeIfAbsent("embedded", k -> EmbeddedBroker.launch(), EmbeddedBroker.class);
    uri = broker.uri();
  }

  /** The broker's URI, e.g. {@code tcp://127.0.0.1:40123}. */
  public String uri() {
    if (uri == null) {
      throw new IllegalStateException("TestBroker is not started: register it as a static @RegisterExtension field");
    }
    return uri;
  }
}
