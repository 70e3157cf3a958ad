package org.spacemoe.shared.plan.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spacemoe.shared.plan.envelope.EnvelopeFixtures.planBytes;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/** Tampering and malformed envelopes: each is refused with its reason, and a good one verifies. */
class PlanVerifierTest {
  private static final KeyPair GROUND = PlanKeys.generate();
  private static final KeyPair OTHER = PlanKeys.generate();
  private static final PlanVerifier VERIFIER = PlanVerifier.trusting(List.of(GROUND.getPublic()));
  private static final SignedPlan GOOD = PlanSigner.sign(planBytes(), GROUND, false);

  private static RejectReason reasonOf(SignedPlan e) {
    return assertThrows(PlanRejectedException.class, () -> VERIFIER.verify(e)).reason();
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static SignedPlan withPayload(SignedPlan e, byte[] p) {
    return new SignedPlan(e.format(), e.version(), e.keyId(), e.algorithm(), e.rollback(), b64(p), e.signature());
  }

  private static SignedPlan withSignature(SignedPlan e, byte[] s) {
    return new SignedPlan(e.format(), e.version(), e.keyId(), e.algorithm(), e.rollback(), e.payload(), b64(s));
  }

  @Test
  void goodEnvelopeVerifiesToTheSignedPlan() {
    PlacementPlan plan = VERIFIER.verify(GOOD);
    assertEquals(PlanJson.parse("fixture", planBytes()), plan);
    assertEquals(PlanKeys.keyId(GROUND.getPublic()), GOOD.keyId());
    assertEquals(Base64.getEncoder().encodeToString(planBytes()), GOOD.payload());
  }

  @Test
  void everyFlippedPayloadByteIsBadSignature() {
    byte[] p = planBytes();
    for (int i = 0; i < p.length; i++) {
      byte[] t = p.clone();
      t[i] ^= (byte) (1 << (i % 8));
      assertEquals(RejectReason.BAD_SIGNATURE, reasonOf(withPayload(GOOD, t)), "payload byte " + i);
    }
  }

  @Test
  void everyFlippedSignatureByteIsBadSignature() {
    byte[] s = GOOD.signatureBytes();
    for (int i = 0; i < s.length; i++) {
      for (int bit = 0; bit < 8; bit += 3) {
        byte[] t = s.clone();
        t[i] ^= (byte) (1 << bit);
        assertEquals(RejectReason.BAD_SIGNATURE, reasonOf(withSignature(GOOD, t)), "signature byte " + i);
      }
    }
  }

  @Test
  void flippedRollbackFlagIsBadSignature() {
    for (boolean rollback : List.of(false, true)) {
      SignedPlan e = PlanSigner.sign(planBytes(), GROUND, rollback);
      assertEquals(rollback, e.rollback());
      VERIFIER.verify(e);
      SignedPlan flipped = new SignedPlan(e.format(), e.version(), e.keyId(), e.algorithm(), !rollback,
          e.payload(), e.signature());
      assertEquals(RejectReason.BAD_SIGNATURE, reasonOf(flipped));
    }
  }

  @Test
  void truncatedOrExtendedSignatureIsBadSignature() {
    byte[] s = GOOD.signatureBytes();
    assertEquals(RejectReason.BAD_SIGNATURE, reasonOf(withSignature(GOOD, java.util.Arrays.copyOf(s, 63))));
    assertEquals(RejectReason.BAD_SIGNATURE, reasonOf(withSignature(GOOD, java.util.Arrays.copyOf(s, 65))));
    assertEquals(RejectReason.BAD_SIGNATURE, reasonOf(withSignature(GOOD, new byte[0])));
  }

  @Test
  void unknownKeyIdIsUnknownKey() {
    SignedPlan other = PlanSigner.sign(planBytes(), OTHER, false);
    PlanRejectedException e = assertThrows(PlanRejectedException.class, () -> VERIFIER.verify(other));
    assertEquals(RejectReason.UNKNOWN_KEY, e.reason());
    assertTrue(e.getMessage().contains(other.keyId()), e.getMessage());
    assertTrue(e.getMessage().contains(PlanKeys.keyId(GROUND.getPublic())), e.getMessage());
  }

  @Test
  void anotherKeySigningUnderTheTrustedIdIsBadSignature() {
    SignedPlan forged = PlanSigner.sign(planBytes(), OTHER, false);
    SignedPlan claimed = new SignedPlan(forged.format(), forged.version(), GOOD.keyId(), forged.algorithm(),
        false, forged.payload(), forged.signature());
    assertEquals(RejectReason.BAD_SIGNATURE, reasonOf(claimed));
  }

  @Test
  void goodSignatureOverSomethingElseIsMalformedPlan() {
    for (String notAPlan : List.of("not json", "{\"hello\":1}", "[]",
        EnvelopeFixtures.PLAN_JSON.replace("\"schemaVersion\":1", "\"schemaVersion\":2"))) {
      SignedPlan e = PlanSigner.sign(notAPlan.getBytes(StandardCharsets.UTF_8), GROUND, false);
      PlanRejectedException ex = assertThrows(PlanRejectedException.class, () -> VERIFIER.verify(e));
      assertEquals(RejectReason.MALFORMED_PLAN, ex.reason(), notAPlan);
      assertFalse(ex.getMessage().contains("\n"));
    }
  }

  static Stream<Arguments> malformedEnvelopes() {
    String good = new String(GOOD.toJson(), StandardCharsets.UTF_8);
    UnaryOperator<String> drop = s -> s;
    return Stream.of(
        Arguments.of("not json", "nope"),
        Arguments.of("empty", ""),
        Arguments.of("json null", "null"),
        Arguments.of("array", "[]"),
        Arguments.of("trailing tokens", good + " {}"),
        Arguments.of("wrong format", good.replace("spacemoe-signed-plan", "spacemoe-plan")),
        Arguments.of("format with newline", good.replace("spacemoe-signed-plan", "x\\ny")),
        Arguments.of("wrong version", good.replace("\"version\":1", "\"version\":2")),
        Arguments.of("wrong algorithm", good.replace("Ed25519", "Ed448")),
        Arguments.of("key id upper case", good.replace(GOOD.keyId(), GOOD.keyId().toUpperCase())),
        Arguments.of("key id short", good.replace(GOOD.keyId(), GOOD.keyId().substring(1))),
        Arguments.of("missing rollback", good.replace("\"rollback\":false,", "")),
        Arguments.of("null rollback", good.replace("\"rollback\":false", "\"rollback\":null")),
        Arguments.of("rollback as string", good.replace("\"rollback\":false", "\"rollback\":\"false\"")),
        Arguments.of("missing signature", good.replace(",\"signature\":\"" + GOOD.signature() + "\"", "")),
        Arguments.of("unknown field", good.replace("{", "{\"extra\":1,")),
        Arguments.of("duplicate payload", good.replace("{", "{\"payload\":\"e30=\",")),
        Arguments.of("payload not base64", good.replace(GOOD.payload(), "!!!!")),
        Arguments.of("payload url-safe base64", good.replace(GOOD.payload(), "-_-_")),
        Arguments.of("payload with line break", good.replace(GOOD.payload(),
            GOOD.payload().substring(0, 8) + "\\n" + GOOD.payload().substring(8))),
        Arguments.of("payload without padding", good.replace(GOOD.payload(), "e30")),
        Arguments.of("payload non-canonical bits", good.replace(GOOD.payload(), "e31=")),
        Arguments.of("signature not base64", good.replace(GOOD.signature(), "%%%%")),
        Arguments.of("misspelt field", drop.apply(good).replace("\"keyId\"", "\"keyID\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedEnvelopes")
  void malformedEnvelope(String what, String json) {
    PlanRejectedException e = assertThrows(PlanRejectedException.class,
        () -> VERIFIER.verify("uplink/plan.json", json.getBytes(StandardCharsets.UTF_8)));
    assertEquals(RejectReason.MALFORMED_ENVELOPE, e.reason(), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().endsWith("[MALFORMED_ENVELOPE]"), e.getMessage());
  }

  @Test
  void messagesAreOneLineAndNameTheInput() {
    PlanRejectedException e = assertThrows(PlanRejectedException.class,
        () -> SignedPlan.parse("/tmp/x.signed.json", "{".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("/tmp/x.signed.json: "), e.getMessage());
    assertEquals(RejectReason.MALFORMED_ENVELOPE, e.reason());
  }

  @Test
  void oversizedEnvelopeIsRefusedUnparsed() {
    byte[] big = new byte[SignedPlan.MAX_ENVELOPE_BYTES + 1];
    PlanRejectedException e = assertThrows(PlanRejectedException.class, () -> SignedPlan.parse("big", big));
    assertEquals(RejectReason.MALFORMED_ENVELOPE, e.reason());
    assertTrue(e.getMessage().contains("exceed"), e.getMessage());
  }

  @Test
  void trustedMapMustBeKeyedByKeyIds() {
    assertThrows(IllegalArgumentException.class,
        () -> new PlanVerifier(Map.of("0000000000000000", GROUND.getPublic())));
    assertEquals(java.util.Set.of(GOOD.keyId()), VERIFIER.trustedKeyIds());
  }

  @Test
  void noTrustedKeysRefusesEverything() {
    PlanRejectedException e = assertThrows(PlanRejectedException.class,
        () -> new PlanVerifier(Map.of()).verify(GOOD));
    assertEquals(RejectReason.UNKNOWN_KEY, e.reason());
    assertTrue(e.getMessage().contains("trusted: none"), e.getMessage());
  }

  @Test
  void rejectReasonsCoverThePlanStore() {
    assertEquals(List.of("UNKNOWN_KEY", "BAD_SIGNATURE", "MALFORMED_ENVELOPE", "MALFORMED_PLAN", "STALE_VERSION",
        "WRONG_CONSTELLATION", "WRONG_MODEL", "DIGEST_MISMATCH", "SEMANTIC", "SHARD_LOAD", "MEMORY", "TRANSFER",
        "WRONG_TARGET", "REPLAYED", "NOT_HELD", "KEY_CHANGE", "NOT_PREPARED"),
        Stream.of(RejectReason.values()).map(Enum::name).toList());
  }
}
