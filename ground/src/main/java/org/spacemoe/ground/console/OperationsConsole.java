package org.spacemoe.ground.console;

import org.spacemoe.ground.ops.BrokerConnection;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * The operations console: a {@link ConsoleServer} serving the page from a {@link ConsoleModel}, fed by a
 * {@link ConsoleFeed} listening to the broker. Used by {@code ground console} and {@code hil bench --console}.
 */
public final class OperationsConsole implements AutoCloseable {
  /** The default address: this computer only. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  private final ConsoleModel model;
  private final ConsoleServer server;
  private final String host;
  private ConsoleFeed feed;

  private OperationsConsole(ConsoleModel model, ConsoleServer server, String bind) {
    this.model = model;
    this.server = server;
    String h = "0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : bind;
    this.host = h.contains(":") ? "[" + h + "]" : h;
  }

  /**
   * Serves the console on {@code bind:port} (port 0: any free one) with nothing heard yet; {@link #listen} feeds it.
   *
   * @param portOption the option that gave the port, named when it cannot be bound
   * @param brokerLabel the broker named on the page
   */
  public static OperationsConsole serve(String bind, int port, String portOption, String brokerLabel) {
    ConsoleModel model = new ConsoleModel(brokerLabel);
    return new OperationsConsole(model, new ConsoleServer(model, bind, port, portOption), bind);
  }

  /**
   * Serves the console on {@code bind:port} (port 0: any free one), fed from {@code broker}.
   *
   * @param plan the plan to mark (gateways, experts), or null
   */
  public static OperationsConsole start(BrokerConnection broker, String bind, int port, PlacementPlan plan) {
    OperationsConsole c = serve(bind, port, "--port", broker.uri());
    try {
      if (plan != null) {
        c.model.setPlan(plan);
      }
      c.listen(broker);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Listens to {@code broker} from now on (instead of the broker listened to so far, if any). */
  public synchronized void listen(BrokerConnection broker) {
    if (feed != null) {
      feed.close();
      feed = null;
    }
    model.broker(broker.uri());
    feed = new ConsoleFeed(broker, model);
  }

  public ConsoleModel model() {
    return model;
  }

  public int port() {
    return server.port();
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8470/}. */
  public String url() {
    return "http://" + host + ":" + port() + "/";
  }

  @Override
  public synchronized void close() {
    server.close();
    if (feed != null) {
      feed.close();
    }
  }
}
