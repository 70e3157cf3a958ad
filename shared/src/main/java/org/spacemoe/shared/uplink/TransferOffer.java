package org.spacemoe.shared.uplink;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.envelope.PlanRejectedException;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.plan.envelope.SignedPlan;

/**
 * The first message of a transfer to one satellite (JSON on its command topic): the signed plan and the
 * shards this satellite needs and does not have, with the digests to check every chunk and every whole file.
 * Chunks that follow name the transfer by {@code transferId} and the shard by its index in {@code shards}.
 *
 * <p>The offer itself is not signed: the chunk digests only protect against corruption. Authenticity comes
 * from the plan: after {@code PlanVerifier.verify(offer.plan())}, call {@link #checkAgainst(PlacementPlan)}
 * so every shard's whole-file SHA-256 is one the ground signed.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param transferId chosen by the ground, unique per satellite, in [1, 2^63-1]; a resumed transfer keeps its id
 * @param planVersion version of the plan inside (must equal the verified plan's)
 * @param plan the signed plan envelope
 * @param shards at most 65,536 shards, unique names; may be empty (plan only)
 */
@JsonPropertyOrder({"format", "version", "transferId", "planVersion", "plan", "shards"})
public record TransferOffer(String format, int version, long transferId, long planVersion, SignedPlan plan,
    List<ShardOffer> shards) implements UplinkMessage {
  public static final String FORMAT = "spacemoe-transfer-offer";
  public static final int VERSION = 1;

  public TransferOffer {
    UplinkJson.checkFormat("transfer offer", format, version, FORMAT, VERSION);
    if (transferId < 1) {
      throw new IllegalArgumentException("transfer offer: transferId must be >= 1, got " + transferId);
    }
    if (planVersion < 1) {
      throw new IllegalArgumentException("transfer offer: planVersion must be >= 1, got " + planVersion);
    }
    Objects.requireNonNull(plan, "transfer offer: plan");
    if (shards == null || shards.size() > ShardChunk.MAX_SHARD_INDEX + 1) {
      throw new IllegalArgumentException("transfer offer: shards must be a list of at most 65536, got "
          + (shards == null ? "null" : shards.size()));
    }
    Set<String> names = new HashSet<>();
    for (ShardOffer s : shards) {
      if (s == null || !names.add(s.name())) {
        throw new IllegalArgumentException("transfer offer: shard " + (s == null ? "null" : s.name())
            + (s == null ? "" : " is listed twice"));
      }
    }
    shards = List.copyOf(shards);
  }

  /** An offer in the current format and version. */
  public static TransferOffer of(long transferId, long planVersion, SignedPlan plan, List<ShardOffer> shards) {
    return new TransferOffer(FORMAT, VERSION, transferId, planVersion, plan, shards);
  }

  /**
   * Parses an offer.
   *
   * @throws InvalidInputException naming {@code input} if the bytes are not a valid offer
   */
  public static TransferOffer parse(String input, byte[] json) {
    return UplinkJson.parse(input, json, TransferOffer.class, FORMAT);
  }

  /**
   * Checks this offer against the plan it carries, once verified: same plan version, and every shard is in
   * the plan's {@code shardDigests} with the same SHA-256.
   *
   * @throws PlanRejectedException {@link RejectReason#TRANSFER} for a version mismatch,
   *     {@link RejectReason#DIGEST_MISMATCH} for a shard the plan does not list or lists with another digest
   */
  public void checkAgainst(PlacementPlan verified) {
    String input = "transfer " + transferId;
    if (verified.planVersion() != planVersion) {
      throw new PlanRejectedException(RejectReason.TRANSFER, input, "offer says plan version " + planVersion
          + ", the signed plan is version " + verified.planVersion());
    }
    for (ShardOffer s : shards) {
      String signed = verified.shardDigests().get(s.name());
      if (signed == null) {
        throw new PlanRejectedException(RejectReason.DIGEST_MISMATCH, input,
            "shard " + s.name() + " is not in the plan's shard digests");
      }
      if (!signed.equalsIgnoreCase(s.sha256())) {
        throw new PlanRejectedException(RejectReason.DIGEST_MISMATCH, input, "shard " + s.name()
            + ": offer sha256 " + s.sha256() + " differs from the plan's " + signed);
      }
    }
  }
}
