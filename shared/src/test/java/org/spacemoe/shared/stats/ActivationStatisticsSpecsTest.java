package org.spacemoe.shared.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.model.ModelPresets;

class ActivationStatisticsSpecsTest {
  private static final MoeModel TWO_BY_TWO = model(2, 2);

  @TempDir
  Path dir;

  private static MoeModel model(int layers, int experts) {
    return new MoeModel("test", layers, experts, 1, 1, 1, 1);
  }

  private String file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content).toString();
  }

  private static void assertShares(double[][] expected, ActivationStatistics stats) {
    assertEquals(expected.length, stats.layers());
    for (int l = 0; l < expected.length; l++) {
      assertArrayEquals(expected[l], stats.layerShares(l), 1e-15, "layer " + l);
    }
  }

  @Test
  void uniform() {
    ActivationStatistics s = ActivationStatisticsSpecs.parse("uniform", model(2, 4));
    assertShares(new double[][] {{0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25}}, s);
  }

  @Test
  void zipf() {
    ActivationStatistics s = ActivationStatisticsSpecs.parse("zipf:1", model(1, 3));
    assertShares(new double[][] {{6.0 / 11, 3.0 / 11, 2.0 / 11}}, s);
    assertShares(new double[][] {{0.5, 0.5}}, ActivationStatisticsSpecs.parse("zipf:0", model(1, 2)));
    ActivationStatistics paper = ActivationStatisticsSpecs.parse(" ZIPF:1.2 ", ModelPresets.LLAMA_MOE_3_5B_2OF8);
    assertEquals(32, paper.layers());
    assertEquals(8, paper.experts());
    assertEquals(1 / (1 + Math.pow(2, -1.2)), paper.share(31, 0) / (paper.share(31, 0) + paper.share(31, 1)), 1e-15);
  }

  @Test
  void ownFormat() throws IOException {
    String f = file("own.json", """
        {"format": "spacemoe-activation-stats", "version": 1, "source": "bench run 7",
         "layers": [[1, 3], [0, 5.5]]}""");
    ActivationStatistics s = ActivationStatisticsSpecs.parse(f, TWO_BY_TWO);
    assertShares(new double[][] {{0.25, 0.75}, {0, 1}}, s);
    assertEquals(f + " (bench run 7)", s.source());
  }

  @Test
  void sglangLayersByExperts() throws IOException {
    String f = file("sglang2.json", "{\"rank\": 0, \"logical_count\": [[1, 1, 2], [0, 3, 1]], \"extra\": {\"x\": null}}");
    assertShares(new double[][] {{0.25, 0.25, 0.5}, {0, 0.75, 0.25}}, ActivationStatisticsSpecs.parse(f, model(2, 3)));
  }

  @Test
  void sglangStepsAreSummed() throws IOException {
    String f = file("sglang3.json", "{\"logical_count\": [[[1, 0], [2, 2]], [[3, 4], [0, 4]], [[0, 0], [0, 0]]]}");
    assertShares(new double[][] {{0.5, 0.5}, {0.25, 0.75}}, ActivationStatisticsSpecs.parse(f, TWO_BY_TWO));
  }

  @Test
  void hugeCountsDoNotOverflow() throws IOException {
    String f = file("huge.json", "{\"logical_count\": [[1e308, 1e308], [1, 0]]}");
    assertShares(new double[][] {{0.5, 0.5}, {1, 0}}, ActivationStatisticsSpecs.parse(f, TWO_BY_TWO));
  }

  static Stream<Arguments> badFiles() {
    String own = "{\"format\": \"spacemoe-activation-stats\", \"version\": 1, \"layers\": %s}";
    String sg = "{\"logical_count\": %s}";
    return Stream.of(
        Arguments.of("", "is empty"),
        Arguments.of("{\"format\": ", "is not valid JSON at line 1, column 12"),
        Arguments.of("{\"logical_count\": [[1, 2],\n [3, 4]] x", "is not valid JSON at line 2, column"),
        Arguments.of("{\"logical_count\": [[1, 2]], \"logical_count\": [[1, 2]]}", "Duplicate field 'logical_count'"),
        Arguments.of("[[1, 2], [3, 4]]", "unknown format"),
        Arguments.of("{\"counts\": [[1, 2], [3, 4]]}", "unknown format"),
        Arguments.of("{\"format\": \"eplb\", \"version\": 1}", "unknown format \"eplb\", expected \"spacemoe-activation-stats\""),
        Arguments.of("{\"format\": 1, \"version\": 1}", "\"format\" is a number (1), expected \"spacemoe-activation-stats\""),
        Arguments.of("{\"logical_count\": [[1, 2], [3, 4]]} x", "is not valid JSON at line 1, column"),
        Arguments.of("{\"format\": \"spacemoe-activation-stats\", \"version\": 2, \"layers\": [[1, 2], [3, 4]]}",
            "version 2 is not supported"),
        Arguments.of("{\"format\": \"spacemoe-activation-stats\", \"layers\": [[1, 2], [3, 4]]}", "missing field 'version' (at version)"),
        Arguments.of("{\"format\": \"spacemoe-activation-stats\", \"version\": \"1\"}", "Cannot coerce String value (\"1\") to `int` value (at version)"),
        Arguments.of("{\"format\": \"spacemoe-activation-stats\", \"version\": 1}", "missing field 'layers' (at layers)"),
        Arguments.of("{\"format\": \"spacemoe-activation-stats\", \"version\": 1, \"layer\": [[1]], \"layers\": [[1, 2], [3, 4]]}",
            "unknown field 'layer' (at layer)"),
        Arguments.of("{\"format\": \"spacemoe-activation-stats\", \"version\": 1, \"source\": 3, \"layers\": [[1, 2], [3, 4]]}",
            "Integer value (3) to `java.lang.String` value"),
        Arguments.of(own.formatted("[[1, 2], [3]]"), "ragged array: layer 1 has length 1, layer 0 has length 2"),
        Arguments.of(sg.formatted("[[[1, 2], [3, 4]], [[1, 2], [3]]]"),
            "ragged array: step 1 layer 1 has length 1, step 1 layer 0 has length 2"),
        Arguments.of(sg.formatted("[[[1, 2], [3, 4]], [[1, 2]]]"), "step 1 has shape [1][2], step 0 has [2][2]"),
        Arguments.of(own.formatted("[[1, 2], [3, 4], [5, 6]]"), "has shape [3][2], the model needs [2][2]"),
        Arguments.of(own.formatted("[[1, \"a\"], [3, 4]]"), "String value (\"a\") to element of `double[]` (at layers[0][1])"),
        Arguments.of(own.formatted("[[1, 2], [null, 4]]"), "`null` to element of `double[]`"),
        Arguments.of(own.formatted("[[1, 2], [3, true]]"), "from Boolean value (token `JsonToken.VALUE_TRUE`) (at layers[1][1])"),
        Arguments.of(own.formatted("[[1, 2], [3, [4]]]"), "from Array value (token `JsonToken.START_ARRAY`) (at layers[1][1])"),
        Arguments.of(own.formatted("[[1, 2], 3]"), "`double[]` from Integer value (token `JsonToken.VALUE_NUMBER_INT`) (at layers[1])"),
        Arguments.of(own.formatted("[[1, NaN], [3, 4]]"), "layer 0 expert 1 is NaN, expected a finite number"),
        Arguments.of(sg.formatted("[[1, 2], [\"NaN\", 4]]"), "layer 1 expert 0 is NaN, expected a finite number"),
        Arguments.of(own.formatted("[[1, 2], [3, Infinity]]"), "layer 1 expert 1 is Infinity, expected a finite number"),
        Arguments.of(own.formatted("[[1, 2], [3, -Infinity]]"), "layer 1 expert 1 is -Infinity, expected a finite number"),
        Arguments.of(own.formatted("[[1, 2], [3, 1e400]]"), "layer 1 expert 1 is Infinity, expected a finite number"),
        Arguments.of(own.formatted("[[1, 2], [3, -4]]"), "layer 1 expert 1 is negative (-4), counts must be >= 0"),
        Arguments.of(sg.formatted("[[[1, 2], [3, 4]], [[1, -2], [3, 4]]]"), "step 1 layer 0 expert 1 is negative (-2)"),
        Arguments.of(own.formatted("[[1, 2], [0, 0]]"), "layer 1 is all zeros"),
        Arguments.of(sg.formatted("[[[1, 2], [0, 0]], [[1, 2], [0, 0]]]"), "layer 1 is all zeros"),
        Arguments.of(own.formatted("[[[1, 2], [3, 4]]]"), "\"layers\" is 3-dimensional, expected [layers][experts]"),
        Arguments.of(own.formatted("[1, 2]"), "\"layers\" is 1-dimensional, expected [layers][experts]"),
        Arguments.of(sg.formatted("[[[[1, 2], [3, 4]]]]"), "\"logical_count\" is 4-dimensional"),
        Arguments.of(own.formatted("[]"), "\"layers\" is empty"),
        Arguments.of(sg.formatted("[]"), "\"logical_count\" is empty"),
        Arguments.of(sg.formatted("[[], []]"), "layer 0 has no experts"),
        Arguments.of(sg.formatted("[[[1, 2], [3, 4]], []]"), "step 1 is empty"),
        Arguments.of(sg.formatted("{\"0\": [1, 2]}"), "\"logical_count\" is an object, expected an array"),
        Arguments.of(sg.formatted("[[1, \"a\"], [3, 4]]"), "(at logical_count[0][1])"),
        Arguments.of(sg.formatted("[[[1, 2], [3, 4]], [[1, null], [3, 4]]]"), "(at logical_count[1][0][1])"),
        Arguments.of(sg.formatted("null"), "\"logical_count\" is null, expected an array"));
  }

  @ParameterizedTest
  @MethodSource("badFiles")
  void badFileNamesFileAndProblem(String content, String problem) throws IOException {
    String f = file("bad-stats.json", content);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ActivationStatisticsSpecs.parse(f, TWO_BY_TWO));
    assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void shapeMismatchAgainstPaperModel() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int l = 0; l < 31; l++) {
      rows.append(l == 0 ? "" : ",").append("[1,1,1,1,1,1,1,1]");
    }
    String f = file("short.json", "{\"logical_count\": [" + rows + "]}");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ActivationStatisticsSpecs.parse(f, ModelPresets.LLAMA_MOE_3_5B_2OF8));
    assertTrue(e.getMessage().contains("short.json: has shape [31][8], the model needs [32][8]"), e.getMessage());
  }

  @Test
  void missingFileAndDirectory() {
    String missing = dir.resolve("nope.json").toString();
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ActivationStatisticsSpecs.parse(missing, TWO_BY_TWO));
    assertEquals(missing + ": no such file (statistics are uniform, zipf:S or a JSON file)", e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> ActivationStatisticsSpecs.parse(dir.toString(), TWO_BY_TWO));
    assertEquals(dir + ": is a directory, expected a JSON file", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"zipf", "zipf:", "zipf:abc", "zipf:-1", "zipf:NaN", "zipf:Infinity", "zipf:1e999", "zipf:1.2.3"})
  void badZipfNamesSpecAndProblem(String spec) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ActivationStatisticsSpecs.parse(spec, TWO_BY_TWO));
    assertTrue(e.getMessage().startsWith("--stats: '" + spec + "'"), e.getMessage());
    assertTrue(e.getMessage().matches(".*(needs an exponent|is not a number|must be finite and >= 0).*"), e.getMessage());
  }

  @Test
  void zipfMessages() {
    assertEquals("--stats: 'zipf:' needs an exponent S >= 0, e.g. zipf:1.2",
        assertThrows(InvalidInputException.class, () -> ActivationStatisticsSpecs.parse("zipf:", TWO_BY_TWO)).getMessage());
    assertEquals("--stats: 'zipf:abc': exponent 'abc' is not a number, e.g. zipf:1.2",
        assertThrows(InvalidInputException.class, () -> ActivationStatisticsSpecs.parse("zipf:abc", TWO_BY_TWO)).getMessage());
    assertEquals("--stats: 'zipf:-1': exponent must be finite and >= 0, got -1",
        assertThrows(InvalidInputException.class, () -> ActivationStatisticsSpecs.parse("zipf:-1", TWO_BY_TWO)).getMessage());
  }

  @Test
  void emptySpec() {
    assertEquals("--stats: is empty; use uniform, zipf:S or a JSON file",
        assertThrows(InvalidInputException.class, () -> ActivationStatisticsSpecs.parse(" ", TWO_BY_TWO)).getMessage());
  }
}
