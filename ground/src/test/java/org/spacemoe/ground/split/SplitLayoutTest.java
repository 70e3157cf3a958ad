package org.spacemoe.ground.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.HiddenStateCodec;

/** The part of split.json a bench reads: the rest of the study is ignored, the part read is strict. */
class SplitLayoutTest {
  private static final String MODEL = "{\"name\": \"m\", \"layers\": 2, \"experts\": 4, \"topK\": 2, \"hidden\": 8,"
      + " \"expertWidth\": 16, \"vocab\": 32}";
  private static final String SPLIT = "{\"format\": \"spacemoe-split\", \"version\": 1, \"inputs\": {\"model\": %s,"
      + " \"constellationId\": \"walker\", \"chain\": [\"A\", \"B\", \"C\"], \"slot\": 0}, \"plan\": {\"stageEnds\":"
      + " %s, \"cutCodecs\": %s}, \"summary\": {\"feasible\": true}, \"planned\": {\"latencyS\": \"NaN\"}}";

  @TempDir Path dir;

  private Path file(String model, String ends, String codecs) throws Exception {
    return Files.writeString(dir.resolve("split.json"), String.format(SPLIT, model, ends, codecs));
  }

  @Test
  void readsThePartABenchNeeds() throws Exception {
    SplitLayout s = SplitLayout.read(file(MODEL, "[2, 4]", "[\"int8\"]"));
    assertEquals("walker", s.constellationId());
    assertEquals(List.of("A", "B"), s.satellites());
    assertEquals(new SplitPlan(List.of(2, 4), List.of(HiddenStateCodec.INT8)), s.plan());
    assertEquals(2, s.model().layers());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[2, 4]|[\"bf16\"]|plan.cutCodecs: unknown cut codec 'bf16'",
      "[2, \"4\"]|[\"int8\"]|(at plan.stageEnds[1])",
      "[2, 3]|[\"int8\"]|inconsistent split: 2 stages ending at [2, 3] on a chain of 3 for 2 layers",
      "[]|[]|stageEnds (integers) and cutCodecs are required (at plan)",
      "[2, 4]|[]|inconsistent split: a plan needs >= 1 stage and one codec per cut"})
  void aBadPlanNamesTheFileAndThePath(String ends, String codecs, String problem) throws Exception {
    Path f = file(MODEL, ends, codecs);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SplitLayout.read(f));
    assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void aBadModelNamesThePath() throws Exception {
    Path f = file(MODEL.replace("\"layers\": 2", "\"layers\": 0"), "[2, 4]", "[\"int8\"]");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> SplitLayout.read(f));
    assertTrue(e.getMessage().contains("model layers: must be a positive integer, got 0")
        && e.getMessage().contains("(at inputs.model)"), e.getMessage());
    Path g = file(MODEL.replace("\"vocab\": 32", "\"vocab\": 32, \"heads\": 4"), "[2, 4]", "[\"int8\"]");
    e = assertThrows(InvalidInputException.class, () -> SplitLayout.read(g));
    assertTrue(e.getMessage().contains("unknown field 'heads' (at inputs.model.heads)"), e.getMessage());
  }
}
