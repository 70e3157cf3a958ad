package org.spacemoe.hil.flash;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credentials of the boards on each other's ISL brokers, derived from the inventory's {@code isl-secret}: a
 * board's user name is its name, its password HMAC-SHA256(secret, {@code "isl-password:" + name}) in hex (128 bits).
 * Password-file lines are those {@code mosquitto_passwd} writes for Mosquitto 2.0 ({@code $7$}: PBKDF2-HMAC-SHA512,
 * 101 iterations, 12-byte salt, base64) with the salt derived from the secret too, so the same inventory gives the
 * same bytes and an unchanged bench is not restarted.
 */
final class IslCredentials {
  static final int ITERATIONS = 101;
  private static final int SALT_BYTES = 12;
  private static final int HASH_BITS = 512;

  private final byte[] secret;

  IslCredentials(String secret) {
    this.secret = secret.strip().getBytes(StandardCharsets.UTF_8);
  }

  /** The password of {@code user} (a board name) on the ISL brokers: 32 hex digits. */
  String password(String user) {
    return HexFormat.of().formatHex(Arrays.copyOf(hmac("isl-password:" + user), 16));
  }

  /** {@code user}'s line of a Mosquitto password file, for its {@link #password}. */
  String passwordFileLine(String user) {
    byte[] salt = Arrays.copyOf(hmac("isl-salt:" + user), SALT_BYTES);
    return user + ":" + mosquittoHash(password(user), salt);
  }

  /** {@code $7$ITERATIONS$base64(salt)$base64(PBKDF2-HMAC-SHA512(password, salt))}, as Mosquitto 2.0 checks it. */
  static String mosquittoHash(String password, byte[] salt) {
    try {
      byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, HASH_BITS)).getEncoded();
      Base64.Encoder b64 = Base64.getEncoder();
      return "$7$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA512 is part of every Java 17", e);
    }
  }

  private byte[] hmac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17", e);
    }
  }
}
