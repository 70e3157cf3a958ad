package org.spacemoe.hil.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A broker the bench runs itself on a loopback port, which stays the same across stop and start. */
abstract class LoopbackBroker implements BenchBroker {
  private final int port;

  LoopbackBroker(int port) {
    this.port = port;
  }

  /** A port free on the loopback interface now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public final String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  public final int port() {
    return port;
  }

  @Override
  public final boolean controllable() {
    return true;
  }
}
