package org.spacemoe.shared.plan.envelope;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Fixed keys and payload for golden tests: the key pair of RFC 8032 section 7.1, TEST 1, and a small plan as
 * literal JSON bytes.
 */
final class EnvelopeFixtures {
  private EnvelopeFixtures() {}

  static final String RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  /** RFC 8032 TEST 1: the signature of the empty message. */
  static final String RFC_EMPTY_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
      + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

  /** PEM of the RFC keys, as {@code openssl pkey} writes them (computed with OpenSSL 3.0 from the DER below). */
  static final String RFC_PRIVATE_PEM = "-----BEGIN PRIVATE KEY-----\n"
      + "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
      + "-----END PRIVATE KEY-----\n";
  static final String RFC_PUBLIC_PEM = "-----BEGIN PUBLIC KEY-----\n"
      + "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
      + "-----END PUBLIC KEY-----\n";
  /** {@code sha256sum} of the 44-byte X.509 DER of the RFC public key, first 16 hex characters. */
  static final String RFC_KEY_ID = "06e3fd8fda29bb60";

  /** A one-layer plan as exact bytes (569 bytes). */
  static final String PLAN_JSON = "{\"schemaVersion\":1,\"planVersion\":7,\"strategy\":\"hand\","
      + "\"constellationId\":\"bench-6\",\"layers\":[{\"layer\":0,\"subnet\":[\"A\",\"B\",\"C\"],\"gateway\":\"A\","
      + "\"experts\":[[\"B\"],[\"C\"]]}],\"shardDigests\":{},\"inputs\":{\"constellationSpec\":"
      + "\"walker-star:planes=2,sats=3\",\"model\":{\"name\":\"tiny\",\"layers\":1,\"experts\":2,\"topK\":1,"
      + "\"hidden\":8,\"expertWidth\":4,\"vocab\":16},\"device\":{\"name\":\"board\",\"flops\":1.0E9,"
      + "\"memoryBytes\":1073741824},\"codec\":\"fp32\",\"contextTokens\":16,\"islRateBitsPerS\":1.0E11,"
      + "\"trackingLimitRadPerS\":0.12,\"linkSurvival\":0.95,\"slots\":10,\"seed\":1,\"statsSource\":\"test\","
      + "\"expertShares\":[]}}";

  /**
   * Ed25519 signatures (base64) by the RFC key of "spacemoe-plan-v1" NUL, the rollback byte, {@link #PLAN_JSON},
   * computed with {@code openssl pkeyutl -sign -rawin} (OpenSSL 3.0.19), not with Java.
   */
  static final String SIGNATURE_NO_ROLLBACK =
      "RiI9C/2v49RZdPPx9H4QT0mm40vfRUI6Y8RatgOvjcnMJCWhz1iyaoEUW7ElwpJtJNXMznIWUet95tQBNz8lBw==";
  static final String SIGNATURE_ROLLBACK =
      "kLvZ8CXpbaQGScV7YcHHXuI7xWxBxqEcQbIXUQE2oHsRCTx3PbG8aPkLOjSz7cwSv7aX78LeABGY2uBjyEUoBQ==";

  static byte[] planBytes() {
    return PLAN_JSON.getBytes(StandardCharsets.UTF_8);
  }

  static KeyPair rfcKeyPair() {
    try {
      KeyFactory f = KeyFactory.getInstance("Ed25519");
      HexFormat hex = HexFormat.of();
      return new KeyPair(
          f.generatePublic(new X509EncodedKeySpec(hex.parseHex("302a300506032b6570032100" + RFC_PUBLIC))),
          f.generatePrivate(new PKCS8EncodedKeySpec(hex.parseHex("302e020100300506032b657004220420" + RFC_SECRET))));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
