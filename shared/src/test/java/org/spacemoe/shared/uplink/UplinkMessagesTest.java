package org.spacemoe.shared.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanRejectedException;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.plan.envelope.PlanVerifier;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.plan.envelope.SignedPlan;

/** JSON messages of the uplink: golden forms, round trips, dispatch on the command topic, refusals. */
class UplinkMessagesTest {
  private static final KeyPair GROUND = PlanKeys.generate();
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void anUnsignedJsonCommandIsRefusedNamingTheEnvelope() {
    String json = "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"c-42\",\"action\":\"ACTIVATE\","
        + "\"planVersion\":8}";
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> UplinkMessage.decode(utf8(json)));
    assertTrue(e.getMessage().startsWith("command envelope: an unsigned JSON command"), e.getMessage());
  }

  @Test
  void statusGolden() {
    StatusReport r = StatusReport.of("P03S07", 17, 8, UplinkStage.SENT, null, "3 of 9 chunks",
        Map.of("layer00.expert01", MissingChunks.parse("m", "0-2,5"), "embed", MissingChunks.all(4)), null, 7, 0,
        1_767_225_600_000L);
    String json = "{\"format\":\"spacemoe-status\",\"version\":1,\"satellite\":\"P03S07\",\"transferId\":17,"
        + "\"planVersion\":8,\"stage\":\"SENT\",\"reason\":null,\"detail\":\"3 of 9 chunks\",\"missing\":"
        + "{\"embed\":\"0-3\",\"layer00.expert01\":\"0-2,5\"},\"commandId\":null,\"activePlanVersion\":7,"
        + "\"stagedPlanVersion\":0,\"timestampMs\":1767225600000}";
    assertEquals(json, text(r.toJson()));
    assertEquals(r, StatusReport.parse("status", utf8(json)));
    StatusReport rejected = StatusReport.of("P03S07", 17, 8, UplinkStage.REJECTED, RejectReason.BAD_SIGNATURE,
        "signed plan: signature does not verify", Map.of(), "c-1", 7, 0, 5);
    assertEquals(rejected, StatusReport.parse("status", rejected.toJson()));
    assertTrue(text(rejected.toJson()).contains("\"reason\":\"BAD_SIGNATURE\""));
  }

  @Test
  void heartbeat() {
    StatusReport h = StatusReport.heartbeat("S1", 4, 5, 99);
    assertTrue(h.isHeartbeat());
    assertEquals(h, StatusReport.parse("hb", h.toJson()));
    assertEquals(Map.of(), h.missing());
    assertFalse(StatusReport.of("S1", 1, 1, UplinkStage.ACTIVE, null, null, Map.of(), null, 1, 0, 1).isHeartbeat());
  }

  @Test
  void statusConsistency() {
    assertThrows(IllegalArgumentException.class, () -> StatusReport.of("S1", 1, 1, UplinkStage.REJECTED, null,
        null, Map.of(), null, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> StatusReport.of("S1", 1, 1, UplinkStage.ACTIVE,
        RejectReason.MEMORY, null, Map.of(), null, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> StatusReport.of("S1", 1, 1, UplinkStage.SENT, null,
        null, Map.of("embed", MissingChunks.none()), null, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> StatusReport.of("S1", 1, 1, UplinkStage.SENT, null,
        "two\nlines", Map.of(), null, 0, 0, 0));
    assertThrows(InvalidInputException.class, () -> StatusReport.heartbeat("a/b", 0, 0, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "nope",
      "{\"format\":\"spacemoe-status\",\"version\":2,\"satellite\":\"S\",\"transferId\":0,\"planVersion\":0,"
          + "\"stage\":null,\"reason\":null,\"detail\":null,\"missing\":{},\"commandId\":null,"
          + "\"activePlanVersion\":0,\"stagedPlanVersion\":0,\"timestampMs\":0}",
      "{\"format\":\"spacemoe-status\",\"version\":1,\"satellite\":\"S\",\"transferId\":0,\"planVersion\":0,"
          + "\"stage\":\"LOST\",\"reason\":null,\"detail\":null,\"missing\":{},\"commandId\":null,"
          + "\"activePlanVersion\":0,\"stagedPlanVersion\":0,\"timestampMs\":0}",
      "{\"format\":\"spacemoe-status\",\"version\":1,\"satellite\":\"S\",\"transferId\":0,\"planVersion\":0,"
          + "\"stage\":\"SENT\",\"reason\":null,\"detail\":null,\"missing\":{\"embed\":\"5-1\"},\"commandId\":null,"
          + "\"activePlanVersion\":0,\"stagedPlanVersion\":0,\"timestampMs\":0}",
      "{\"format\":\"spacemoe-status\",\"version\":1,\"satellite\":\"S\",\"transferId\":0,\"planVersion\":0,"
          + "\"stage\":null,\"reason\":null,\"detail\":null,\"missing\":{},\"commandId\":null,"
          + "\"activePlanVersion\":0,\"stagedPlanVersion\":0}",
      "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"c\",\"action\":\"ACTIVATE\",\"planVersion\":1}"})
  void badStatusReports(String json) {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> StatusReport.parse("spacemoe/v1/sat/S/status", utf8(json)));
    assertTrue(e.getMessage().startsWith("spacemoe/v1/sat/S/status: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"c\",\"action\":\"DELETE\",\"planVersion\":1}",
      "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"c\",\"action\":0,\"planVersion\":1}",
      "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"a b\",\"action\":\"ACTIVATE\",\"planVersion\":1}",
      "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"c\",\"action\":\"ACTIVATE\",\"planVersion\":0}",
      "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"c\",\"action\":\"ACTIVATE\",\"planVersion\":1.5}",
      "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"c\",\"action\":\"ACTIVATE\",\"planVersion\":\"1\"}",
      "{\"format\":\"spacemoe-command\",\"version\":1,\"commandId\":\"c\",\"action\":\"ACTIVATE\"}",
      "{\"format\":\"spacemoe-comand\",\"version\":1,\"commandId\":\"c\",\"action\":\"ACTIVATE\",\"planVersion\":1}",
      "{\"version\":1}",
      "[1]",
      "SMCK",
      "SMCE"})
  void badCommandTopicMessages(String json) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> UplinkMessage.decode(utf8(json)));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  static PlacementPlan plan(long version, Map<String, String> digests) {
    PlacementPlan p = PlanJson.parse("fixture", utf8(org.spacemoe.shared.plan.envelope.TestPlans.PLAN_JSON));
    return new PlacementPlan(p.schemaVersion(), version, p.strategy(), p.constellationId(), p.layers(), digests,
        p.inputs());
  }

  private static TransferOffer offer(PlacementPlan plan, List<ShardOffer> shards) {
    SignedPlan signed = PlanSigner.sign(PlanJson.toBytes(plan), GROUND, false);
    return TransferOffer.of(17, plan.planVersion(), signed, shards);
  }

  @Test
  void offerRoundTripAndCheckAgainstThePlan() {
    ShardOffer a = new ShardOffer("layer00.gateway", SHA_A, 10, 4, List.of(SHA_A, SHA_B, SHA_A));
    PlacementPlan plan = plan(8, Map.of("layer00.gateway", SHA_A, "embed", SHA_B));
    TransferOffer o = offer(plan, List.of(a));
    UplinkMessage back = UplinkMessage.decode(o.toBytes());
    assertInstanceOf(TransferOffer.class, back);
    assertEquals(o, back);
    assertTrue(text(o.toBytes()).startsWith("{\"format\":\"spacemoe-transfer-offer\",\"version\":1,\"transferId\":17,"
        + "\"planVersion\":8,\"plan\":{\"format\":\"spacemoe-signed-plan\""), text(o.toBytes()));
    PlacementPlan verified = PlanVerifier.trusting(List.of(GROUND.getPublic())).verify(o.plan());
    o.checkAgainst(verified);
    assertEquals(3, a.chunkCount());
    assertEquals(2, a.chunkLength(2));
    assertEquals(8, a.chunkOffset(2));
    // offer says another version than the signed plan
    TransferOffer wrongVersion = TransferOffer.of(17, 9, o.plan(), List.of(a));
    assertEquals(RejectReason.TRANSFER,
        assertThrows(PlanRejectedException.class, () -> wrongVersion.checkAgainst(verified)).reason());
    // a shard the plan does not list, or lists with another digest
    TransferOffer extra = offer(plan, List.of(new ShardOffer("head", SHA_A, 1, 1, List.of(SHA_A))));
    assertEquals(RejectReason.DIGEST_MISMATCH,
        assertThrows(PlanRejectedException.class, () -> extra.checkAgainst(verified)).reason());
    TransferOffer other = offer(plan, List.of(new ShardOffer("embed", SHA_A, 1, 1, List.of(SHA_A))));
    PlanRejectedException e = assertThrows(PlanRejectedException.class, () -> other.checkAgainst(verified));
    assertEquals(RejectReason.DIGEST_MISMATCH, e.reason());
    assertTrue(e.getMessage().contains("embed"), e.getMessage());
  }

  @Test
  void offerRefusals() {
    SignedPlan s = PlanSigner.sign(utf8("{}"), GROUND, false);
    ShardOffer a = new ShardOffer("a", SHA_A, 1, 1, List.of(SHA_A));
    assertThrows(IllegalArgumentException.class, () -> TransferOffer.of(0, 1, s, List.of()));
    assertThrows(IllegalArgumentException.class, () -> TransferOffer.of(1, 0, s, List.of()));
    assertThrows(IllegalArgumentException.class, () -> TransferOffer.of(1, 1, s, List.of(a, a)));
    assertThrows(IllegalArgumentException.class,
        () -> TransferOffer.of(1, 1, s, Collections.nCopies(65537, a)));
    assertThrows(NullPointerException.class, () -> TransferOffer.of(1, 1, null, List.of()));
    for (String name : List.of("", ".", "..", "../x", "a/b", "a b", ".hidden", "x".repeat(129))) {
      assertThrows(IllegalArgumentException.class, () -> new ShardOffer(name, SHA_A, 1, 1, List.of(SHA_A)), name);
    }
    assertThrows(IllegalArgumentException.class, () -> new ShardOffer("a", SHA_A.toUpperCase(), 1, 1, List.of(SHA_A)));
    assertThrows(IllegalArgumentException.class, () -> new ShardOffer("a", SHA_A, 0, 1, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ShardOffer("a", SHA_A, 2, 1, List.of(SHA_A)));
    assertThrows(IllegalArgumentException.class, () -> new ShardOffer("a", SHA_A, 1, 0, List.of(SHA_A)));
    assertThrows(IllegalArgumentException.class,
        () -> new ShardOffer("a", SHA_A, 1, ShardChunk.MAX_CHUNK_BYTES + 1, List.of(SHA_A)));
    String json = text(TransferOffer.of(1, 1, s, List.of(a)).toBytes());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> TransferOffer.parse("offer", utf8(json.replace("\"bytes\":1", "\"bytes\":2"))));
    assertTrue(e.getMessage().contains("chunk digests"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void topics() {
    assertEquals("spacemoe/v1/sat/P01S02/cmd", UplinkTopics.command("P01S02"));
    assertEquals("spacemoe/v1/sat/P01S02/status", UplinkTopics.status("P01S02"));
    assertEquals("P01S02", UplinkTopics.satelliteOfStatus("spacemoe/v1/sat/P01S02/status"));
    assertEquals("spacemoe/v1/sat/+/status", UplinkTopics.ALL_STATUS);
    assertEquals("spacemoe/v1/sat/+/cmd", UplinkTopics.ALL_COMMANDS);
    for (String bad : List.of("spacemoe/v1/sat//status", "spacemoe/v1/sat/a/b/status", "spacemoe/v1/sat/a/cmd",
        "spacemoe/v1/sat/status")) {
      assertThrows(IllegalArgumentException.class, () -> UplinkTopics.satelliteOfStatus(bad), bad);
    }
    assertThrows(InvalidInputException.class, () -> UplinkTopics.command("+"));
    assertThrows(InvalidInputException.class, () -> UplinkTopics.status("a/b"));
  }
}
