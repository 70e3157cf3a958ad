package org.spacemoe.shared.plan.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spacemoe.shared.plan.envelope.EnvelopeFixtures.*;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.plan.PlacementPlan;

/** Fixed vectors computed outside Java (RFC 8032, OpenSSL, sha256sum), frozen here. */
class PlanEnvelopeGoldenTest {
  private final KeyPair rfc = rfcKeyPair();

  @Test
  void jdkEd25519MatchesRfc8032Test1() throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(rfc.getPrivate());
    s.update(new byte[0]);
    assertEquals(RFC_EMPTY_SIGNATURE, HexFormat.of().formatHex(s.sign()));
  }

  @Test
  void pemMatchesOpenssl() {
    assertEquals(RFC_PRIVATE_PEM, PlanKeys.privatePem(rfc.getPrivate()));
    assertEquals(RFC_PUBLIC_PEM, PlanKeys.publicPem(rfc.getPublic()));
    assertEquals(rfc.getPublic(), PlanKeys.parsePublic("pem", RFC_PUBLIC_PEM));
    assertArrayEquals(rfc.getPrivate().getEncoded(), PlanKeys.parsePrivate("pem", RFC_PRIVATE_PEM).getEncoded());
  }

  @Test
  void keyIdIsSha256PrefixOfX509Encoding() {
    assertEquals(RFC_KEY_ID, PlanKeys.keyId(rfc.getPublic()));
  }

  @Test
  void publicKeyIsDerivedFromThePrivateKey() {
    assertEquals(rfc.getPublic(), PlanSigner.publicKeyOf(rfc.getPrivate()));
  }

  @Test
  void signedMessageLayout() {
    byte[] m = PlanSigner.signedMessage(true, new byte[] {'{', '}'});
    byte[] expected = "spacemoe-plan-v1\0\1{}".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(expected, m);
    assertEquals(17, PlanSigner.DOMAIN.length);
    assertEquals(0, PlanSigner.signedMessage(false, new byte[0])[17]);
  }

  @Test
  void goldenEnvelopes() {
    for (boolean rollback : List.of(false, true)) {
      SignedPlan e = PlanSigner.sign(planBytes(), rfc.getPrivate(), rollback);
      String sig = rollback ? SIGNATURE_ROLLBACK : SIGNATURE_NO_ROLLBACK;
      String expected = "{\"format\":\"spacemoe-signed-plan\",\"version\":1,\"keyId\":\"06e3fd8fda29bb60\","
          + "\"algorithm\":\"Ed25519\",\"rollback\":" + rollback + ",\"payload\":\""
          + java.util.Base64.getEncoder().encodeToString(planBytes()) + "\",\"signature\":\"" + sig + "\"}";
      assertEquals(expected, new String(e.toJson(), StandardCharsets.UTF_8));
      PlacementPlan plan = new PlanVerifier(java.util.Map.of(RFC_KEY_ID, rfc.getPublic()))
          .verify("golden", expected.getBytes(StandardCharsets.UTF_8));
      assertEquals(7, plan.planVersion());
      assertEquals("A", plan.layers().get(0).gateway());
      assertEquals(rollback, SignedPlan.parse("golden", expected.getBytes(StandardCharsets.UTF_8)).rollback());
    }
    assertFalse(SIGNATURE_ROLLBACK.equals(SIGNATURE_NO_ROLLBACK));
    assertTrue(planBytes().length == 569);
  }
}
