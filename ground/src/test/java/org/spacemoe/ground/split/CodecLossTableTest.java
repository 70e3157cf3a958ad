package org.spacemoe.ground.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    assertEquals("f: not a codec-loss file: not valid JSON for this message: missing field 'greedyAgreement'"
        + " (at codecs.fp32.greedyAgreement)", e.getMessage());
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"fp32\": {\"bytesPerValue\": 4, \"lossPerCut\": 0, \"meanCosine\": 1, \"minCosine\": 1, "
          + "\"greedyAgreement\": 1, \"p1Cosine\": 1}|unknown field 'p1Cosine' (at codecs.fp32.p1Cosine)",
      "\"fp32\": {\"bytesPerValue\": \"NaN\", \"lossPerCut\": 0, \"meanCosine\": 1, \"minCosine\": 1, "
          + "\"greedyAgreement\": 1}|codecs.fp32.bytesPerValue: must be a finite number in (0, 64.0], got NaN",
      "\"fp32\": 4|(at codecs.fp32)",
      "\"fp32\": null|codecs.fp32: expected an object",
      "\"bf16\": {}|unknown codec 'bf16'; use fp32, fp16 or int8"})
  void aBadEntryNamesTheFileAndThePath(String codecs, String problem) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> CodecLossTable.parse("f",
        file(codecs)));
    assertTrue(e.getMessage().startsWith("f: ") && e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void rejectsAnUnknownCodecAndAMissingSource() {
    String fp32 = String.format(ENTRY, 4, 0, 1, 1, 1);
    String unknown = assertThrows(InvalidInputException.class,
        () -> CodecLossTable.parse("f", file("\"fp32\": " + fp32 + ", \"bf16\": " + fp32))).getMessage();
    assertTrue(unknown.startsWith("f: ") && unknown.contains("unknown codec 'bf16'; use fp32, fp16 or int8"),
        unknown);
    assertEquals("f: \"source\" must be a non-empty string naming the bench run",
        assertThrows(InvalidInputException.class, () -> CodecLossTable.parse("f",
            ("{\"source\": \" \", \"codecs\": {\"fp32\": " + fp32 + "}}").getBytes(StandardCharsets.UTF_8)))
        .getMessage());
  }
}
