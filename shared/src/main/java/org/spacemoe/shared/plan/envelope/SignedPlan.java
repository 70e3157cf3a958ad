package org.spacemoe.shared.plan.envelope;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/**
 * A placement plan in its signed envelope, as JSON:
 *
 * <pre>
 * {"format":"spacemoe-signed-plan","version":1,"keyId":"3f6b0c2a9d81e4f7","algorithm":"Ed25519",
 *  "rollback":false,"payload":"&lt;base64 of the exact plan JSON bytes&gt;","signature":"&lt;base64, 64 bytes&gt;"}
 * </pre>
 *
 * <p>The signature is Ed25519 over {@link PlanSigner#signedMessage(boolean, byte[])}: the 17 ASCII bytes
 * {@code spacemoe-plan-v1} and NUL, one byte {@code 0x01} if {@code rollback} else {@code 0x00}, then the
 * payload bytes. So neither the plan nor the rollback flag can be changed without the key. A rollback
 * envelope is the ground's signed permission to go back to an older plan version; satellites refuse an older
 * version without it ({@link RejectReason#STALE_VERSION}).
 *
 * <p>The record does not check its fields: {@link PlanVerifier#verify} does, so a tampered envelope is
 * reported with its reason. Base64 is standard (RFC 4648 section 4, with padding, no line breaks) and must be
 * canonical. {@code rollback} and every other field must be present in the JSON.
 *
 * @param format always {@value #FORMAT}
 * @param version envelope format version, {@value #VERSION}
 * @param keyId id of the signing key ({@link PlanKeys#keyId})
 * @param algorithm always {@value #ALGORITHM}
 * @param rollback true if this is a signed request to go back to an older plan version
 * @param payload base64 of the plan JSON bytes exactly as signed
 * @param signature base64 of the 64-byte Ed25519 signature
 */
@JsonPropertyOrder({"format", "version", "keyId", "algorithm", "rollback", "payload", "signature"})
public record SignedPlan(String format, int version, String keyId, String algorithm, boolean rollback,
    String payload, String signature) {
  public static final String FORMAT = "spacemoe-signed-plan";
  public static final int VERSION = 1;
  public static final String ALGORITHM = PlanKeys.ALGORITHM;
  /** Larger envelopes are refused unparsed (bytes of JSON). */
  public static final int MAX_ENVELOPE_BYTES = 16 * 1024 * 1024;

  /** Compact JSON of this envelope. */
  public byte[] toJson() {
    return StrictJson.toBytes(this);
  }

  /**
   * Parses an envelope's JSON; does not verify it (see {@link PlanVerifier}).
   *
   * @param input names the envelope in errors (a file name, {@code transfer 17 plan})
   * @throws PlanRejectedException with {@link RejectReason#MALFORMED_ENVELOPE}
   */
  public static SignedPlan parse(String input, byte[] json) {
    try {
      return StrictJson.parse(input, json, SignedPlan.class, MAX_ENVELOPE_BYTES);
    } catch (PlanRejectedException e) {
      throw e;
    } catch (InvalidInputException e) {
      String problem = e.getMessage().substring(input.length() + 2);
      throw new PlanRejectedException(RejectReason.MALFORMED_ENVELOPE, input, problem, e);
    }
  }

  /** Reads an envelope file; errors name the file. */
  public static SignedPlan read(Path file) {
    try {
      return parse(file.toString(), Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file.toString(), "no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), "cannot read signed plan: " + e);
    }
  }

  /** Writes the envelope's JSON to {@code file}. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.write(file, toJson());
  }

  /**
   * The payload bytes (the plan JSON as signed). Check the envelope with {@link PlanVerifier} before trusting
   * them.
   *
   * @throws PlanRejectedException ({@link RejectReason#MALFORMED_ENVELOPE}) if the payload is not canonical
   *     base64
   */
  public byte[] payloadBytes() {
    return decode("payload", payload);
  }

  /** The signature bytes; same rules as {@link #payloadBytes()}. */
  public byte[] signatureBytes() {
    return decode("signature", signature);
  }

  static byte[] decode(String field, String base64) {
    if (base64 == null) {
      throw new PlanRejectedException(RejectReason.MALFORMED_ENVELOPE, "signed plan " + field, "missing");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new PlanRejectedException(RejectReason.MALFORMED_ENVELOPE, "signed plan " + field,
          "not base64 (" + e.getMessage() + ")");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(base64)) {
      throw new PlanRejectedException(RejectReason.MALFORMED_ENVELOPE, "signed plan " + field,
          "not canonical base64 (padding or unused bits)");
    }
    return bytes;
  }
}
