package org.spacemoe.shared.uplink;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.TreeMap;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.envelope.RejectReason;

/**
 * What a satellite tells the ground on its status topic (JSON): where a transfer stands, what it still
 * needs to resume, or just that it is alive (a heartbeat: {@code transferId} 0, {@code stage} null).
 * Every field is present in the JSON, nulls included.
 *
 * @param format always {@value #FORMAT}
 * @param version always {@value #VERSION}
 * @param satellite the reporting satellite (a valid topic level)
 * @param transferId the transfer reported on, or 0 for none
 * @param planVersion the plan version of that transfer or command, or 0 for none
 * @param stage how far it got, or null in a heartbeat; SENT while chunks are missing
 * @param reason why it was rejected: non-null exactly when {@code stage} is REJECTED
 * @param detail one line for people (the reject message, progress), or null; at most 1,000 characters
 * @param missing per shard name, the chunks still needed (only shards with missing chunks; empty once all
 *     arrived); the ground resends exactly these
 * @param commandId the id of the {@link SignedCommand} this report answers, or null
 * @param activePlanVersion plan version running tokens, 0 if none
 * @param stagedPlanVersion plan version verified and staged (ready to activate), 0 if none
 * @param timestampMs when the report was made, milliseconds since 1970-01-01T00:00:00Z (satellite clock)
 */
@JsonPropertyOrder({"format", "version", "satellite", "transferId", "planVersion", "stage", "reason", "detail",
    "missing", "commandId", "activePlanVersion", "stagedPlanVersion", "timestampMs"})
public record StatusReport(String format, int version, String satellite, long transferId, long planVersion,
    UplinkStage stage, RejectReason reason, String detail, Map<String, MissingChunks> missing, String commandId,
    long activePlanVersion, long stagedPlanVersion, long timestampMs) {
  public static final String FORMAT = "spacemoe-status";
  public static final int VERSION = 1;
  public static final int MAX_DETAIL_CHARS = 1000;

  public StatusReport {
    UplinkJson.checkFormat("status report", format, version, FORMAT, VERSION);
    FrameTopics.checkName(satellite);
    if (transferId < 0 || planVersion < 0 || activePlanVersion < 0 || stagedPlanVersion < 0) {
      throw new IllegalArgumentException("status report: transferId and plan versions must be >= 0");
    }
    if ((stage == UplinkStage.REJECTED) != (reason != null)) {
      throw new IllegalArgumentException("status report: a reason is given exactly when the stage is REJECTED"
          + " (stage " + stage + ", reason " + reason + ")");
    }
    if (detail != null && (detail.length() > MAX_DETAIL_CHARS || detail.contains("\n"))) {
      throw new IllegalArgumentException("status report: detail must be one line of at most " + MAX_DETAIL_CHARS
          + " characters");
    }
    if (missing == null) {
      throw new IllegalArgumentException("status report: missing must be an object (empty if nothing is missing)");
    }
    TreeMap<String, MissingChunks> sorted = new TreeMap<>();
    missing.forEach((name, chunks) -> {
      if (name == null || chunks == null || chunks.isEmpty()) {
        throw new IllegalArgumentException("status report: missing lists only shards with missing chunks, got "
            + name + " = '" + chunks + "'");
      }
      sorted.put(name, chunks);
    });
    missing = java.util.Collections.unmodifiableMap(sorted);
  }

  /** A report on a transfer or command. */
  public static StatusReport of(String satellite, long transferId, long planVersion, UplinkStage stage,
      RejectReason reason, String detail, Map<String, MissingChunks> missing, String commandId,
      long activePlanVersion, long stagedPlanVersion, long timestampMs) {
    return new StatusReport(FORMAT, VERSION, satellite, transferId, planVersion, stage, reason, detail, missing,
        commandId, activePlanVersion, stagedPlanVersion, timestampMs);
  }

  /** A heartbeat: no transfer, no stage, just the plan versions. */
  public static StatusReport heartbeat(String satellite, long activePlanVersion, long stagedPlanVersion,
      long timestampMs) {
    return of(satellite, 0, 0, null, null, null, Map.of(), null, activePlanVersion, stagedPlanVersion,
        timestampMs);
  }

  /** True for a heartbeat (no transfer and no stage). */
  @JsonIgnore
  public boolean isHeartbeat() {
    return transferId == 0 && stage == null;
  }

  /** Compact JSON. */
  public byte[] toJson() {
    return org.spacemoe.shared.input.StrictJson.toBytes(this);
  }

  /** @throws InvalidInputException naming {@code input} if the bytes are not a valid status report */
  public static StatusReport parse(String input, byte[] json) {
    return UplinkJson.parse(input, json, StatusReport.class, FORMAT);
  }
}
