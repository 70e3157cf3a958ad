package org.spacemoe.shared.plan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.HiddenStateCodec;

/** The plan's {@code linkCodecs}: absent means fp32 everywhere, overrides in their order, bad names refused. */
class PlanLinkCodecsTest {
  private static final PlacementPlan PLAIN = PlanJsonTest.plan(PlanJsonTest.digests(false));

  @Test
  void aPlanWithoutLinkCodecsSendsFp32EverywhereAndWritesNoField() {
    String json = new String(PlanJson.toBytes(PLAIN), StandardCharsets.UTF_8);
    assertFalse(json.contains("linkCodecs"), "old plans keep their exact bytes (and signatures)");
    PlacementPlan back = PlanJson.parse("plain", PlanJson.toBytes(PLAIN));
    assertNull(back.linkCodecs());
    for (LinkClass c : LinkClass.values()) {
      assertEquals(TensorCodec.FP32, back.codecFor(c, 1));
    }
  }

  @Test
  void overridesApplyLayerThenClassThenDefault() {
    LinkCodecs codecs = new LinkCodecs("fp16", "int8", null, "fp32", Map.of("1", "fp32"));
    PlacementPlan p = PLAIN.withLinkCodecs(codecs);
    assertEquals(TensorCodec.FP32, p.codecFor(LinkClass.HIDDEN, 1), "per-layer override");
    assertEquals(TensorCodec.INT8, p.codecFor(LinkClass.HIDDEN, 0), "class override");
    assertEquals(TensorCodec.FP16, p.codecFor(LinkClass.EXPERT_REQUEST, 1), "default");
    assertEquals(TensorCodec.FP32, p.codecFor(LinkClass.EXPERT_RESPONSE, 0), "class override");
    assertEquals(TensorCodec.FP16, p.codecFor(LinkClass.EXPERT_REQUEST, 1), "layer keys apply to HIDDEN only");

    byte[] bytes = PlanJson.toBytes(p);
    String json = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(json.contains("\"default\" : \"fp16\"") && json.contains("\"expert-response\" : \"fp32\""), json);
    assertFalse(json.contains("expert-request"), "absent overrides are not written: " + json);
    PlacementPlan back = PlanJson.parse("with-codecs", bytes);
    assertEquals(codecs, back.linkCodecs());
    assertArrayEquals(bytes, PlanJson.toBytes(back));
  }

  @Test
  void allFp32OnlyWhenNoLinkIsLossy() {
    assertTrue(LinkCodecs.ALL_FP32.allFp32());
    assertTrue(new LinkCodecs("fp32", "fp32", null, null, Map.of("3", "fp32")).allFp32());
    assertFalse(new LinkCodecs("fp32", null, null, null, Map.of("3", "int8")).allFp32());
    assertFalse(new LinkCodecs("fp32", null, "fp16", null, null).allFp32());
    assertFalse(LinkCodecs.uniform(HiddenStateCodec.FP16).allFp32());
  }

  @Test
  void linkClassOfEachFloatFrameKind() {
    assertEquals(LinkClass.HIDDEN, LinkClass.of(FrameKind.HIDDEN));
    assertEquals(LinkClass.EXPERT_REQUEST, LinkClass.of(FrameKind.EXPERT_REQUEST));
    assertEquals(LinkClass.EXPERT_RESPONSE, LinkClass.of(FrameKind.EXPERT_RESPONSE));
    assertThrows(IllegalArgumentException.class, () -> LinkClass.of(FrameKind.TOKEN));
    assertEquals(TensorCodec.INT8, LinkCodecs.uniform(HiddenStateCodec.INT8).codecFor(LinkClass.HIDDEN, 3));
  }

  private static InvalidInputException bad(java.util.function.Consumer<ObjectNode> edit) throws IOException {
    ObjectNode tree = (ObjectNode) PlanJson.mapper().readTree(
        PlanJson.toBytes(PLAIN.withLinkCodecs(LinkCodecs.uniform(HiddenStateCodec.FP16))));
    edit.accept((ObjectNode) tree.get("linkCodecs"));
    byte[] bytes = PlanJson.mapper().writeValueAsBytes(tree);
    return assertThrows(InvalidInputException.class, () -> PlanJson.parse("plan.json", bytes));
  }

  @Test
  void badLinkCodecsAreRefusedNamingTheField() throws IOException {
    InvalidInputException e = bad(c -> c.put("hidden", "fp8"));
    assertEquals("plan.json: linkCodecs.hidden: unknown codec 'fp8'; use fp32, fp16 or int8", e.getMessage());
    e = bad(c -> c.remove("default"));
    assertTrue(e.getMessage().contains("missing field 'default' (at linkCodecs.default)"), e.getMessage());
    e = bad(c -> c.put("default", "FP16 "));
    assertTrue(e.getMessage().contains("linkCodecs.default: unknown codec 'FP16 '"), e.getMessage());
    e = bad(c -> c.putObject("hiddenByLayer").put("0", "int8"));
    assertTrue(e.getMessage().contains("linkCodecs.hiddenByLayer.0: a hidden state enters layers 1..1, got layer 0"),
        e.getMessage());
    e = bad(c -> c.putObject("hiddenByLayer").put("x", "int8"));
    assertTrue(e.getMessage().contains("key must be a layer index"), e.getMessage());
    e = bad(c -> c.putObject("hiddenByLayer").put("1", "bf16"));
    assertTrue(e.getMessage().contains("linkCodecs.hiddenByLayer.1: unknown codec 'bf16'"), e.getMessage());
    e = bad(c -> c.put("gateway-expert", "int8"));
    assertTrue(e.getMessage().contains("gateway-expert"), "unknown link class named: " + e.getMessage());
  }
}
