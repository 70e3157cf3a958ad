package org.spacemoe.ground.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * The console's web server (the JDK's {@code com.sun.net.httpserver}): {@code /} the page, {@code /state} a JSON
 * snapshot of the {@link ConsoleModel}, {@code /events} server-sent events (one {@code state} event with the whole
 * snapshot as JSON per change, at most {@value #MIN_EVENT_GAP_MS} ms apart), and the page's static files (its script
 * and style, uPlot from its WebJar). GET only: nothing on it changes anything.
 */
public final class ConsoleServer implements AutoCloseable {
  /** The uPlot WebJar's version (the pom's {@code org.webjars.npm:uplot}). */
  static final String UPLOT_VERSION = "1.6.30";
  static final String UPLOT_DIR = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
  static final long MIN_EVENT_GAP_MS = 250;
  static final long KEEPALIVE_MS = 15_000;
  private static final String PAGE_DIR = "org/spacemoe/ground/console/";
  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {PAGE_DIR + "index.html", "text/html; charset=utf-8"},
      "/console.js", new String[] {PAGE_DIR + "console.js", "text/javascript; charset=utf-8"},
      "/console.css", new String[] {PAGE_DIR + "console.css", "text/css; charset=utf-8"},
      "/uplot/uPlot.iife.min.js", new String[] {UPLOT_DIR + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "/uplot/uPlot.min.css", new String[] {UPLOT_DIR + "uPlot.min.css", "text/css; charset=utf-8"});

  private final ConsoleModel model;
  private final HttpServer server;
  private final ExecutorService pool;
  private final ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  private volatile boolean closed;

  /**
   * Binds (port 0: any free port) and starts serving.
   *
   * @param portOption the option that gave the port, named in errors ({@code --port})
   * @throws InvalidInputException naming {@code --bind} or the port option when the address cannot be bound
   */
  public ConsoleServer(ConsoleModel model, String bind, int port, String portOption) {
    this.model = model;
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (IOException e) {
      throw new InvalidInputException("--bind", "'" + bind + "' is not an address of this host: " + e.getMessage());
    }
    try {
      if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
          && java.net.NetworkInterface.getByInetAddress(address) == null) {
        throw new InvalidInputException("--bind", "'" + bind + "' is not an address of this host");
      }
    } catch (java.net.SocketException e) {
      throw new InvalidInputException("--bind", "cannot check '" + bind + "': " + e.getMessage());
    }
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 16);
    } catch (IOException e) {
      throw new InvalidInputException(portOption, "cannot listen on " + bind + ":" + port + ": " + e.getMessage());
    }
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "spacemoe-console-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "text/plain; charset=utf-8", "read-only console: GET only\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = ex.getRequestURI().getPath();
      if ("/state".equals(path)) {
        send(ex, 200, "application/json", json.writeValueAsBytes(model.snapshot()));
      } else if ("/events".equals(path)) {
        events(ex);
      } else if (FILES.containsKey(path)) {
        String[] f = FILES.get(path);
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(f[0])) {
          if (in == null) {
            send(ex, 500, "text/plain; charset=utf-8", ("missing resource " + f[0] + "\n").getBytes(StandardCharsets.UTF_8));
          } else {
            send(ex, 200, f[1], in.readAllBytes());
          }
        }
      } else {
        send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(code, head ? -1 : body.length);
    if (!head) {
      ex.getResponseBody().write(body);
    }
  }

  /** Server-sent events: the snapshot now, then one after every change, until the client goes or we close. */
  private void events(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    long seen = -1;
    try {
      while (!closed) {
        long now = model.awaitChange(seen, KEEPALIVE_MS);
        if (closed) {
          break;
        }
        if (now == seen) {
          out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
        } else {
          ConsoleState s = model.snapshot();
          seen = s.version();
          out.write(("event: state\nid: " + s.version() + "\ndata: ").getBytes(StandardCharsets.UTF_8));
          out.write(json.writeValueAsBytes(s)); // one line: Jackson's compact form has no newline
          out.write("\n\n".getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
        Thread.sleep(MIN_EVENT_GAP_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the browser went away
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (model) {
      model.notifyAll();
    }
    server.stop(0);
    pool.shutdownNow();
  }
}
