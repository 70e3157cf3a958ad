package org.spacemoe.shared.plan.envelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Ed25519 keys of the ground station that signs plans, and their files. Keys are stored as PEM, the form
 * {@code openssl genpkey -algorithm ed25519} writes and {@code openssl pkey} reads: a private key as PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}), a public key as X.509 SubjectPublicKeyInfo
 * ({@code -----BEGIN PUBLIC KEY-----}), base64 in 64-character lines.
 *
 * <p>A key id is the first {@value #KEY_ID_HEX_CHARS} lower-case hex characters (64 bits) of the SHA-256 of
 * the public key's X.509 encoding, for example {@code 3f6b0c2a9d81e4f7}; onboard configuration names trusted
 * keys by these ids, and envelopes carry the id of the key that signed them.
 */
public final class PlanKeys {
  /** JCA name of the signature and key algorithm. */
  public static final String ALGORITHM = "Ed25519";
  /** Length of a key id in hex characters. */
  public static final int KEY_ID_HEX_CHARS = 16;
  /** Key files larger than this (bytes) are refused unread: a PEM Ed25519 key is about 120 bytes. */
  public static final int MAX_KEY_FILE_BYTES = 64 * 1024;

  private static final String PRIVATE_LABEL = "PRIVATE KEY";
  private static final String PUBLIC_LABEL = "PUBLIC KEY";

  private PlanKeys() {}

  /** A fresh Ed25519 key pair from the JDK's default secure random source. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK has no Ed25519 (Java 15+ has)", e);
    }
  }

  /** The key id: first 16 hex characters of SHA-256 over {@code key.getEncoded()} (X.509). */
  public static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest).substring(0, KEY_ID_HEX_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PEM text ({@code -----BEGIN PUBLIC KEY-----}, X.509) of an Ed25519 public key, ending with a newline. */
  public static String publicPem(PublicKey key) {
    return pem(PUBLIC_LABEL, key.getEncoded());
  }

  /** PEM text ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8) of an Ed25519 private key, ending with a newline. */
  public static String privatePem(PrivateKey key) {
    return pem(PRIVATE_LABEL, key.getEncoded());
  }

  /**
   * Writes {@code key} as PEM, replacing {@code file} atomically. Where the file system supports POSIX
   * permissions the file is created with mode 0600 (owner read and write only) before any byte is written.
   */
  public static void writePrivate(PrivateKey key, Path file) throws IOException {
    write(file, privatePem(key), true);
  }

  /** Writes {@code key} as PEM, replacing {@code file} atomically (mode 0644 where POSIX). */
  public static void writePublic(PublicKey key, Path file) throws IOException {
    write(file, publicPem(key), false);
  }

  /**
   * Reads an Ed25519 private key file.
   *
   * @throws InvalidInputException naming the file if it is missing, unreadable, not PEM, not a private key,
   *     or not Ed25519
   */
  public static PrivateKey readPrivate(Path file) {
    return parsePrivate(file.toString(), readText(file));
  }

  /**
   * Reads an Ed25519 public key file.
   *
   * @throws InvalidInputException naming the file if it is missing, unreadable, not PEM, not a public key,
   *     or not Ed25519
   */
  public static PublicKey readPublic(Path file) {
    return parsePublic(file.toString(), readText(file));
  }

  /**
   * Reads public key files into a map from key id to key, for {@link PlanVerifier}.
   *
   * @throws InvalidInputException naming the first bad file
   */
  public static Map<String, PublicKey> readTrusted(Collection<Path> files) {
    Map<String, PublicKey> trusted = new LinkedHashMap<>();
    for (Path f : files) {
      PublicKey k = readPublic(f);
      trusted.put(keyId(k), k);
    }
    return trusted;
  }

  /** Parses PEM text of a private key; {@code input} names it in errors. */
  public static PrivateKey parsePrivate(String input, String pemText) {
    byte[] der = der(input, pemText, PRIVATE_LABEL);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidInputException(input, "not an Ed25519 private key (" + oneLine(e) + ")");
    }
  }

  /** Parses PEM text of a public key; {@code input} names it in errors. */
  public static PublicKey parsePublic(String input, String pemText) {
    byte[] der = der(input, pemText, PUBLIC_LABEL);
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidInputException(input, "not an Ed25519 public key (" + oneLine(e) + ")");
    }
  }

  private static String pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  /** The DER bytes of the one PEM block labelled {@code label}; text around the block is ignored. */
  private static byte[] der(String input, String text, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int b = text.indexOf(begin);
    if (b < 0) {
      int other = text.indexOf("-----BEGIN ");
      if (other < 0) {
        throw new InvalidInputException(input, "not a PEM file (no '" + begin + "' line)");
      }
      int close = text.indexOf("-----", other + 11);
      String found = close < 0 ? "?" : text.substring(other + 11, close);
      throw new InvalidInputException(input, "holds a PEM '" + found + "', expected '" + label + "'"
          + (label.equals(PUBLIC_LABEL) && found.contains("PRIVATE") ? " (give the .pub file)" : ""));
    }
    int e = text.indexOf(end, b + begin.length());
    if (e < 0) {
      throw new InvalidInputException(input, "PEM block has no '" + end + "' line (truncated?)");
    }
    String body = text.substring(b + begin.length(), e).replaceAll("\\s+", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException ex) {
      throw new InvalidInputException(input, "PEM body is not base64 (" + ex.getMessage() + ")");
    }
  }

  private static String readText(Path file) {
    try {
      if (Files.isDirectory(file)) {
        throw new InvalidInputException(file.toString(), "is a directory, expected a PEM key file");
      }
      long size = Files.size(file);
      if (size > MAX_KEY_FILE_BYTES) {
        throw new InvalidInputException(file.toString(), size + " bytes is too large for a key file (at most "
            + MAX_KEY_FILE_BYTES + ")");
      }
      return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file.toString(), "no such file");
    } catch (AccessDeniedException e) {
      throw new InvalidInputException(file.toString(), "permission denied");
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read key file: " + oneLine(e));
    }
  }

  private static void write(Path file, String text, boolean secret) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = createTemp(dir, abs.getFileName().toString(), secret);
    try {
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path createTemp(Path dir, String name, boolean secret) throws IOException {
    String mode = secret ? "rw-------" : "rw-r--r--";
    FileAttribute<?> attr = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode));
    for (int i = 0; ; i++) {
      Path tmp = dir.resolve("." + name + ".tmp" + (i == 0 ? "" : String.valueOf(i)));
      try {
        try {
          return Files.createFile(tmp, attr);
        } catch (UnsupportedOperationException notPosix) {
          return Files.createFile(tmp);
        }
      } catch (FileAlreadyExistsException taken) {
        if (i > 100) {
          throw taken;
        }
      }
    }
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.split("\n")[0];
  }
}
