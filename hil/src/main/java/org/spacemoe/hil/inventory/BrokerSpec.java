package org.spacemoe.hil.inventory;

import java.nio.file.Path;

/**
 * The bench's MQTT broker as the boards and the ground machine reach it.
 *
 * @param uri {@code tcp://HOST:PORT} or {@code ssl://HOST:PORT}
 * @param tls the TLS stores for an {@code ssl://} broker, or null
 */
public record BrokerSpec(String uri, Tls tls) {

  /**
   * PKCS#12 stores copied to every board.
   *
   * @param trustStore holds the broker's CA
   * @param keyStore default client key store of boards that name none of their own (may be null)
   * @param password password of the stores
   */
  public record Tls(Path trustStore, Path keyStore, String password) {}
}
