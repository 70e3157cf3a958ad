package org.spacemoe.shared.plan.envelope;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/**
 * Checks signed plans against the ground keys a satellite trusts. Checks run in this order, the first failure
 * is reported: envelope structure ({@link RejectReason#MALFORMED_ENVELOPE}: format, version, algorithm, key id
 * syntax, base64), key id ({@link RejectReason#UNKNOWN_KEY}), signature over the payload and rollback flag
 * ({@link RejectReason#BAD_SIGNATURE}), and only then the payload is parsed as a plan
 * ({@link RejectReason#MALFORMED_PLAN}). Version, constellation, model, digests and the rest are the plan
 * store's checks. Thread-safe.
 */
public final class PlanVerifier {
  /** Ed25519 signatures are 64 bytes. */
  public static final int SIGNATURE_BYTES = 64;

  private final Map<String, PublicKey> trusted;

  /**
   * @param trusted key id to Ed25519 public key; every id must be {@link PlanKeys#keyId} of its key
   * @throws IllegalArgumentException if an id does not belong to its key
   */
  public PlanVerifier(Map<String, PublicKey> trusted) {
    Map<String, PublicKey> copy = new LinkedHashMap<>();
    trusted.forEach((id, key) -> {
      if (!PlanKeys.keyId(key).equals(id)) {
        throw new IllegalArgumentException("trusted key listed as " + id + " has key id " + PlanKeys.keyId(key));
      }
      copy.put(id, key);
    });
    this.trusted = Map.copyOf(copy);
  }

  /** A verifier trusting {@code keys}, each under its own key id. */
  public static PlanVerifier trusting(Collection<PublicKey> keys) {
    Map<String, PublicKey> m = new LinkedHashMap<>();
    keys.forEach(k -> m.put(PlanKeys.keyId(k), k));
    return new PlanVerifier(m);
  }

  /** Ids of the trusted keys. */
  public Set<String> trustedKeyIds() {
    return trusted.keySet();
  }

  /** Parses envelope JSON, then {@link #verify(SignedPlan)}. */
  public PlacementPlan verify(String input, byte[] envelopeJson) {
    return verify(SignedPlan.parse(input, envelopeJson));
  }

  /**
   * The plan inside {@code envelope}, parsed from the exact payload bytes after the signature verified. When
   * this returns, {@code envelope.rollback()} and {@code envelope.payloadBytes()} are authentic too.
   *
   * @throws PlanRejectedException with the reason of the first failed check
   */
  public PlacementPlan verify(SignedPlan envelope) {
    checkStructure(envelope);
    PublicKey key = trusted.get(envelope.keyId());
    if (key == null) {
      throw new PlanRejectedException(RejectReason.UNKNOWN_KEY, "signed plan",
          "key id " + envelope.keyId() + " is not trusted (trusted: "
              + (trusted.isEmpty() ? "none" : String.join(", ", trusted.keySet())) + ")");
    }
    byte[] payload = envelope.payloadBytes();
    byte[] sig = envelope.signatureBytes();
    if (sig.length != SIGNATURE_BYTES || !verifies(key, envelope.rollback(), payload, sig)) {
      throw new PlanRejectedException(RejectReason.BAD_SIGNATURE, "signed plan",
          sig.length != SIGNATURE_BYTES
              ? "signature is " + sig.length + " bytes, Ed25519 signatures are " + SIGNATURE_BYTES
              : "signature does not verify with key " + envelope.keyId() + " (payload or rollback flag altered)");
    }
    try {
      return PlanJson.parse("signed plan payload", payload);
    } catch (InvalidInputException e) {
      throw new PlanRejectedException(RejectReason.MALFORMED_PLAN, "signed plan payload",
          e.getMessage().substring("signed plan payload: ".length()), e);
    }
  }

  private static boolean verifies(PublicKey key, boolean rollback, byte[] payload, byte[] sig) {
    try {
      Signature s = Signature.getInstance(PlanKeys.ALGORITHM);
      s.initVerify(key);
      s.update(PlanSigner.signedMessage(rollback, payload));
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false; // e.g. a signature encoding the provider refuses outright: not valid either way
    }
  }

  private static void checkStructure(SignedPlan e) {
    if (!SignedPlan.FORMAT.equals(e.format())) {
      throw malformed("format", "is " + quote(e.format()) + ", expected '" + SignedPlan.FORMAT + "'");
    }
    if (e.version() != SignedPlan.VERSION) {
      throw malformed("version", e.version() + " is not supported (this reads " + SignedPlan.VERSION + ")");
    }
    if (!SignedPlan.ALGORITHM.equals(e.algorithm())) {
      throw malformed("algorithm", "is " + quote(e.algorithm()) + ", expected '" + SignedPlan.ALGORITHM + "'");
    }
    if (e.keyId() == null || !e.keyId().matches("[0-9a-f]{" + PlanKeys.KEY_ID_HEX_CHARS + "}")) {
      throw malformed("keyId", quote(e.keyId()) + " is not " + PlanKeys.KEY_ID_HEX_CHARS
          + " lower-case hex characters");
    }
    e.payloadBytes();
    e.signatureBytes();
  }

  /** A field value for a one-line message: quoted, control characters escaped, at most 40 characters. */
  static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("'");
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return b.append(s.length() > 40 ? "...'" : "'").toString();
  }

  private static PlanRejectedException malformed(String field, String problem) {
    return new PlanRejectedException(RejectReason.MALFORMED_ENVELOPE, "signed plan " + field, problem);
  }
}
