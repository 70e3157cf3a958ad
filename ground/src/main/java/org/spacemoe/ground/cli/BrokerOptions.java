package org.spacemoe.ground.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spacemoe.ground.ops.BrokerConnection;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.tls.TlsSocketFactories;
import picocli.CommandLine.Option;

/**
 * The broker the ground talks to, and TLS for it: the same PKCS#12 trust store / key store as the onboard
 * {@code tls-trust-store} / {@code tls-key-store} settings. TLS options need an {@code ssl://} URI.
 */
final class BrokerOptions {
  /** Environment variable holding the stores' password when no {@code --tls-password-file} is given. */
  static final String PASSWORD_ENV = "SPACEMOE_TLS_PASSWORD";

  @Option(names = "--broker", required = true, paramLabel = "URI",
      description = "broker: tcp://HOST:PORT, or ssl://HOST:PORT for TLS (e.g. tcp://127.0.0.1:1883)")
  String broker;

  @Option(names = "--tls-trust-store", paramLabel = "FILE",
      description = "PKCS#12 with the broker's CA certificate (ssl:// only; default: the JDK's trust store)")
  Path trustStore;

  @Option(names = "--tls-key-store", paramLabel = "FILE",
      description = "PKCS#12 with the ground's client key and certificate (its CN is the MQTT user)")
  Path keyStore;

  @Option(names = "--tls-password-file", paramLabel = "FILE",
      description = "file whose first line is the password of both stores (default: $" + PASSWORD_ENV
          + ", else empty)")
  Path passwordFile;

  /** The connection these options describe; usage errors name the option. */
  BrokerConnection connection() {
    String uri = broker.trim();
    boolean ssl = uri.startsWith("ssl://");
    if (!ssl && !uri.startsWith("tcp://")) {
      throw new InvalidInputException("--broker", "'" + broker + "' is not a tcp:// or ssl:// URI");
    }
    if (!ssl) {
      for (Object[] o : new Object[][] {{"--tls-trust-store", trustStore}, {"--tls-key-store", keyStore},
          {"--tls-password-file", passwordFile}}) {
        if (o[1] != null) {
          throw new InvalidInputException(String.valueOf(o[0]), "TLS option given but --broker " + broker
              + " is not an ssl:// URI");
        }
      }
      return BrokerConnection.of(uri);
    }
    if (trustStore == null) {
      if (keyStore != null) {
        throw new InvalidInputException("--tls-key-store", "needs --tls-trust-store (the broker's CA) as well");
      }
      return BrokerConnection.of(uri);
    }
    return new BrokerConnection(uri, TlsSocketFactories.create(trustStore, keyStore, password()));
  }

  private char[] password() {
    if (passwordFile != null) {
      try {
        String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).replace("\r", "").toCharArray();
      } catch (IOException e) {
        throw new InvalidInputException(passwordFile.toString(), "cannot read the TLS password file: " + e.getMessage());
      }
    }
    String env = System.getenv(PASSWORD_ENV);
    return env == null ? new char[0] : env.toCharArray();
  }
}
