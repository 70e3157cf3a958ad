package org.spacemoe.shared.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-line error of a document that binds but breaks a record's own rule, or has a wrong scalar type. */
class StrictJsonProblemTest {
  record Window(long startMs, long endMs) {
    Window {
      if (endMs < startMs) {
        throw new IllegalArgumentException("endMs " + endMs + " is before startMs " + startMs);
      }
    }
  }

  record Windows(List<Window> windows) {}

  private static String error(String json) {
    return assertThrows(InvalidInputException.class,
        () -> StrictJson.parse("w.json", json.getBytes(StandardCharsets.UTF_8), Windows.class, 1 << 16)).getMessage();
  }

  @Test
  void aRecordRuleIsReportedInItsOwnWordsWithThePath() {
    assertEquals("w.json: not valid JSON for this message: endMs 1 is before startMs 5 (at windows[1])",
        error("{\"windows\":[{\"startMs\":0,\"endMs\":1},{\"startMs\":5,\"endMs\":1}]}"));
  }

  @Test
  void aStringForANumberNamesThePathWithoutJacksonsCoercionHint() {
    String m = error("{\"windows\":[{\"startMs\":\"0\",\"endMs\":1}]}");
    assertEquals(false, m.contains("CoercionConfig"), m);
    assertEquals(true, m.endsWith("(at windows[0].startMs)"), m);
  }
}
