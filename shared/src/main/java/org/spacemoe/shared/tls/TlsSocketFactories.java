package org.spacemoe.shared.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * TLS client sockets for MQTT (JDK only): trust the CA in a PKCS#12 trust store, present the client certificate
 * of a PKCS#12 key store (the broker maps its CN to the MQTT user), TLS 1.2+, and TCP_NODELAY on.
 */
public final class TlsSocketFactories {
  private TlsSocketFactories() {}

  /**
   * @param trustStore PKCS#12 file with the broker's CA
   * @param keyStore PKCS#12 file with this client's key and certificate, or null (no client certificate)
   * @param password password of both stores
   */
  public static SSLSocketFactory create(Path trustStore, Path keyStore, char[] password) {
    try {
      KeyStore trust = load(trustStore, password, "trust store");
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (keyStore != null) {
        KeyStore keys = load(keyStore, password, "key store");
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return new NoDelay(ctx.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException("TLS", "cannot set up TLS: " + e.getMessage());
    }
  }

  private static KeyStore load(Path file, char[] password, String what) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return ks;
    } catch (IOException e) {
      throw new InvalidInputException(String.valueOf(file), "cannot read the " + what + " (PKCS#12): " + e.getMessage());
    }
  }

  /** Delegates to the JDK factory and turns Nagle off on every socket. */
  private static final class NoDelay extends SSLSocketFactory {
    private final SSLSocketFactory d;

    NoDelay(SSLSocketFactory d) {
      this.d = d;
    }

    private static Socket nd(Socket s) throws IOException {
      s.setTcpNoDelay(true);
      return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return d.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return d.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
      return nd(d.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
      return nd(d.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return nd(d.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return nd(d.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return nd(d.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return nd(d.createSocket(address, port, localAddress, localPort));
    }
  }
}
