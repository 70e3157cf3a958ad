package org.spacemoe.hil;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.spacemoe.hil.broker.EmbeddedBroker;

/**
 * The real MQTT broker of a test class: the one named by the system property {@value #PROPERTY} (CI points it
 * at a Mosquitto, e.g. {@code tcp://127.0.0.1:1884}), or else an embedded HiveMQ CE. The choice is made once per
 * test class (register with {@code @RegisterExtension static final TestBroker BROKER = new TestBroker();}); the
 * embedded broker is started once per test run (HiveMQ takes seconds to start) and stopped when the run ends.
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
    // stored in the root context: closed (AutoCloseable) when the whole run ends
    EmbeddedBroker broker = context.getRoot().getStore(NS)
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
