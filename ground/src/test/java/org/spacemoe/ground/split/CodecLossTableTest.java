package org.spacemoe.ground.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.HiddenStateCodec;

/** The codec-loss file the bench writes and the planner reads. */
class CodecLossTableTest {
  private static final String ENTRY = "{\"bytesPerValue\": %s, \"lossPerCut\": %s, \"meanCosine\": %s, "
      + "\"minCosine\": %s, \"greedyAgreement\": %s}";

  private static byte[] file(String codecs) {
    return ("{\"source\": \"bench --preset bench --tokens 200\", \"codecs\": {" + codecs + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheContractFields() {
    CodecLossTable t = CodecLossTable.parse("f", file("\"int8\": " + String.format(ENTRY, 1.03, 0.0015, 0.9995,
        0.9985, 0.99) + ", \"fp32\": " + String.format(ENTRY, 4, 0, 1, 1, 1)));
    assertEquals("bench --preset bench --tokens 200", t.source());
    assertEquals(List.of(HiddenStateCodec.FP32, HiddenStateCodec.INT8), t.available(), "codec order, fp32 first");
    CodecLoss i8 = t.codecs().get(HiddenStateCodec.INT8);
    assertEquals(new CodecLoss(HiddenStateCodec.INT8, 1.03, 0.0015, 0.9995, 0.9985, 0.99), i8);
    assertEquals(List.of(HiddenStateCodec.FP32), t.fp32Only().available());
  }

  @Test
  void theTestFixtureSaysItIsAFixture() {
    CodecLossTable t = SplitFixtures.fixtureCodecs();
    assertTrue(t.source().startsWith("FIXTURE"), t.source());
    assertEquals(3, t.available().size());
  }

  @Test
  void rejectsInconsistentCosines() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CodecLossTable.parse("f",
        file("\"fp32\": " + String.format(ENTRY, 4, 0, 0.99, 0.999, 1))));
    assertTrue(e.getMessage().contains("codecs.fp32: minCosine 0.999 exceeds meanCosine 0.99"), e.getMessage());
  }

  @Test
  void rejectsAMissingField() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CodecLossTable.parse("f",
        file("\"fp32\": {\"bytesPerValue\": 4, \"lossPerCut\": 0, \"meanCosine\": 1, \"minCosine\": 1}")));
    assertEquals("f: codecs.fp32.greedyAgreement: missing", e.getMessage());
  }

  @Test
  void rejectsADuplicateCodec() {
    String fp32 = String.format(ENTRY, 4, 0, 1, 1, 1);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CodecLossTable.parse("f",
        file("\"fp32\": " + fp32 + ", \"fp32\": " + fp32)));
    assertTrue(e.getMessage().startsWith("f: not JSON: ") && e.getMessage().contains("fp32"), e.getMessage());
  }

  @Test
  void rejectsZeroBytesPerValue() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CodecLossTable.parse("f",
        file("\"fp32\": " + String.format(ENTRY, 0, 0, 1, 1, 1))));
    assertTrue(e.getMessage().contains("codecs.fp32.bytesPerValue: must be a finite number in (0, 64.0], got 0"),
        e.getMessage());
  }
}
