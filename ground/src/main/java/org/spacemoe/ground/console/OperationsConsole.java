package org.spacemoe.ground.console;

import org.spacemoe.ground.ops.BrokerConnection;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * The operations console: a {@link ConsoleFeed} listening to the broker, a {@link ConsoleModel} and a
 * {@link ConsoleServer} serving the page. Used by {@code ground console} and {@code hil bench --console}.
 */
public final class OperationsConsole implements AutoCloseable {
  /** The default address: this computer only. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  private final ConsoleModel model;
  private final ConsoleFeed feed;
  private final ConsoleServer server;
  private final String host;

  private OperationsConsole(ConsoleModel model, ConsoleFeed feed, ConsoleServer server, String host) {
    this.model = model;
    this.feed = feed;
    this.server = server;
    this.host = host;
  }

  /**
   * Serves the console on {@code bind:port} (port 0: any free one), fed from {@code broker}.
   *
   * @param plan the plan to mark (gateways, experts), or null
   */
  public static OperationsConsole start(BrokerConnection broker, String bind, int port, PlacementPlan plan) {
    ConsoleModel model = new ConsoleModel(broker.uri());
    if (plan != null) {
      model.setPlan(plan);
    }
    ConsoleServer server = new ConsoleServer(model, bind, port);
    try {
      ConsoleFeed feed = new ConsoleFeed(broker, model);
      String host = bind.contains(":") ? "[" + bind + "]" : bind;
      return new OperationsConsole(model, feed, server, "0.0.0.0".equals(bind) ? "127.0.0.1" : host);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
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
  public void close() {
    server.close();
    feed.close();
  }
}
