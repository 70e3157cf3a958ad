package org.spacemoe.shared.plan.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;

class PlanKeysTest {
  @TempDir Path dir;

  @Test
  void filesRoundTripAndPrivateKeyIsOwnerOnly() throws IOException {
    KeyPair pair = PlanKeys.generate();
    Path priv = dir.resolve("keys/ground.key");
    Path pub = dir.resolve("keys/ground.pub");
    PlanKeys.writePrivate(pair.getPrivate(), priv);
    PlanKeys.writePublic(pair.getPublic(), pub);
    assertArrayEquals(pair.getPrivate().getEncoded(), PlanKeys.readPrivate(priv).getEncoded());
    assertEquals(pair.getPublic(), PlanKeys.readPublic(pub));
    assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
    if (Files.getFileStore(priv).supportsFileAttributeView("posix")) {
      assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(priv));
      assertFalse(Files.getPosixFilePermissions(pub).contains(PosixFilePermission.OTHERS_WRITE));
    }
    try (var s = Files.list(priv.getParent())) {
      assertEquals(2, s.count(), "no temp files left");
    }
    // overwriting keeps the mode
    PlanKeys.writePrivate(PlanKeys.generate().getPrivate(), priv);
    if (Files.getFileStore(priv).supportsFileAttributeView("posix")) {
      assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(priv));
    }
  }

  @Test
  void keyIdsAre16HexCharsAndDiffer() {
    String a = PlanKeys.keyId(PlanKeys.generate().getPublic());
    String b = PlanKeys.keyId(PlanKeys.generate().getPublic());
    assertTrue(a.matches("[0-9a-f]{16}"), a);
    assertFalse(a.equals(b));
  }

  @Test
  void readTrustedMapsIdsToKeys() throws IOException {
    KeyPair a = PlanKeys.generate();
    KeyPair b = PlanKeys.generate();
    PlanKeys.writePublic(a.getPublic(), dir.resolve("a.pub"));
    PlanKeys.writePublic(b.getPublic(), dir.resolve("b.pub"));
    Map<String, java.security.PublicKey> t = PlanKeys.readTrusted(List.of(dir.resolve("a.pub"), dir.resolve("b.pub")));
    assertEquals(Set.of(PlanKeys.keyId(a.getPublic()), PlanKeys.keyId(b.getPublic())), t.keySet());
    assertEquals(a.getPublic(), t.get(PlanKeys.keyId(a.getPublic())));
  }

  @Test
  void pemWithSurroundingTextAndCrlfIsRead() {
    KeyPair pair = PlanKeys.generate();
    String pem = "Ground key of station X\r\n" + PlanKeys.publicPem(pair.getPublic()).replace("\n", "\r\n") + "\r\n";
    assertEquals(pair.getPublic(), PlanKeys.parsePublic("x", pem));
  }

  private String badPublic(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content, StandardCharsets.ISO_8859_1);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlanKeys.readPublic(f));
    assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void badPublicKeyFilesNameTheFileAndTheProblem() throws Exception {
    KeyPair pair = PlanKeys.generate();
    String pub = PlanKeys.publicPem(pair.getPublic());
    assertTrue(badPublic("empty.pub", "").contains("not a PEM file"));
    assertTrue(badPublic("text.pub", "hello\n").contains("not a PEM file"));
    assertTrue(badPublic("priv.pub", PlanKeys.privatePem(pair.getPrivate())).contains("give the .pub file"));
    assertTrue(badPublic("cert.pub", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        .contains("'CERTIFICATE'"));
    assertTrue(badPublic("cut.pub", pub.substring(0, 40)).contains("truncated"));
    assertTrue(badPublic("b64.pub", pub.replace("MCow", "MC*w")).contains("not base64"));
    assertTrue(badPublic("short.pub", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        .contains("not an Ed25519 public key"));
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    String rsaPem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(rsa.generateKeyPair().getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    assertTrue(badPublic("rsa.pub", rsaPem).contains("not an Ed25519 public key"));
    assertTrue(badPublic("big.pub", "x".repeat(PlanKeys.MAX_KEY_FILE_BYTES + 1)).contains("too large"));
  }

  @Test
  void missingAndDirectoryAndWrongKindAreNamed() throws IOException {
    Path missing = dir.resolve("nope.key");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlanKeys.readPrivate(missing));
    assertEquals(missing + ": no such file", e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> PlanKeys.readPrivate(dir));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    Path pub = dir.resolve("g.pub");
    PlanKeys.writePublic(PlanKeys.generate().getPublic(), pub);
    e = assertThrows(InvalidInputException.class, () -> PlanKeys.readPrivate(pub));
    assertTrue(e.getMessage().contains("expected 'PRIVATE KEY'"), e.getMessage());
  }

  /** The files are what OpenSSL writes and reads (skipped without the openssl command). */
  @Test
  void opensslReadsOurKeysAndWeReadItsKeys() throws Exception {
    assumeTrue(hasOpenssl(), "openssl not installed");
    KeyPair pair = PlanKeys.generate();
    Path priv = dir.resolve("ours.key");
    PlanKeys.writePrivate(pair.getPrivate(), priv);
    Path derived = dir.resolve("derived.pub");
    run("openssl", "pkey", "-in", priv.toString(), "-pubout", "-out", derived.toString());
    assertEquals(PlanKeys.publicPem(pair.getPublic()), Files.readString(derived));
    Path theirs = dir.resolve("theirs.key");
    run("openssl", "genpkey", "-algorithm", "ed25519", "-out", theirs.toString());
    Path theirsPub = dir.resolve("theirs.pub");
    run("openssl", "pkey", "-in", theirs.toString(), "-pubout", "-out", theirsPub.toString());
    assertEquals(PlanKeys.readPublic(theirsPub), PlanSigner.publicKeyOf(PlanKeys.readPrivate(theirs)));
  }

  static boolean hasOpenssl() {
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
  }
}
