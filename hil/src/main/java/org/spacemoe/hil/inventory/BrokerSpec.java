package org.spacemoe.hil.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.nio.file.Path;

/**
 * The bench's MQTT broker as the boards and the ground machine reach it.
 *
 * @param uri {@code tcp://HOST:PORT} or {@code ssl://HOST:PORT}
 * @param tls the TLS stores; required for an {@code ssl://} broker, else may be null
 * @throws IllegalArgumentException naming the inventory key of a value that breaks these rules
 */
public record BrokerSpec(@JsonProperty(required = true) String uri, Tls tls) {

  public BrokerSpec {
    uri = KeyProblem.text("uri", uri);
    if (!uri.matches("(tcp|ssl)://[^/:\\s]+:\\d{1,5}")) {
      throw new KeyProblem("uri", "must be tcp://HOST:PORT or ssl://HOST:PORT, got '" + uri + "'");
    }
    if (uri.startsWith("ssl://") && tls == null) {
      throw new KeyProblem("tls", "missing (the broker is ssl://)");
    }
  }

  /**
   * PKCS#12 stores copied to every board.
   *
   * @param trustStore holds the broker's CA
   * @param keyStore default client key store of boards that name none of their own (may be null)
   * @param password password of the stores
   */
  public record Tls(
      @JsonProperty(value = "trust-store", required = true) @JsonDeserialize(using = InventoryPath.class)
      Path trustStore,
      @JsonProperty("key-store") @JsonDeserialize(using = InventoryPath.class) Path keyStore,
      @JsonProperty(required = true) String password) {

    public Tls {
      if (trustStore == null) {
        throw new KeyProblem("trust-store", "missing");
      }
      password = KeyProblem.text("password", password);
    }
  }
}
