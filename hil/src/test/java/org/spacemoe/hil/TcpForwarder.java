package org.spacemoe.hil;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP port that forwards every connection to a broker: lets a test make a broker appear on a port
 * only after a node has tried it, or cut the node's connections while the broker stays up.
 */
public final class TcpForwarder implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** Listens on {@code port} of 127.0.0.1 and forwards to the broker at {@code brokerUri} (tcp://host:port). */
  public TcpForwarder(int port, String brokerUri) throws IOException {
    URI u = URI.create(brokerUri);
    this.targetHost = u.getHost();
    this.targetPort = u.getPort();
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::accept, "test-forwarder-" + port);
    t.setDaemon(true);
    t.start();
  }

  /** A loopback port nothing listens on (now). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void accept() {
    while (!closed) {
      try {
        Socket in = server.accept();
        Socket out = new Socket(targetHost, targetPort);
        in.setTcpNoDelay(true);
        out.setTcpNoDelay(true);
        sockets.add(in);
        sockets.add(out);
        pump(in, out);
        pump(out, in);
      } catch (IOException e) {
        // closed, or the broker refused: the client sees its connection drop
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream i = from.getInputStream(); OutputStream o = to.getOutputStream()) {
        int n;
        while ((n = i.read(buf)) >= 0) {
          o.write(buf, 0, n);
          o.flush();
        }
      } catch (IOException e) {
        // connection cut
      } finally {
        quietlyClose(from);
        quietlyClose(to);
      }
    }, "test-forwarder-pump");
    t.setDaemon(true);
    t.start();
  }

  /** Cuts every forwarded connection (the broker itself stays up). */
  public void cutConnections() {
    for (Socket s : sockets) {
      quietlyClose(s);
    }
    sockets.clear();
  }

  private static void quietlyClose(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    cutConnections();
  }
}
