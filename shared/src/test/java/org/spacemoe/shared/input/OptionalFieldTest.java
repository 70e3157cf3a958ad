package org.spacemoe.shared.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@link StrictJson} document may leave out {@link OptionalField} components, and only those. */
class OptionalFieldTest {
  record Part(int size, @OptionalField String colour, @OptionalField Double weight) {}

  record Doc(String name, @OptionalField String note, List<Part> parts) {}

  private static Doc parse(String json) {
    return StrictJson.parse("doc.json", json.getBytes(StandardCharsets.UTF_8), Doc.class, 1 << 10);
  }

  @Test
  void absentOptionalFieldsAreNullAndPresentOnesAreRead() {
    Doc d = parse("{\"name\":\"a\",\"parts\":[{\"size\":1},{\"size\":2,\"colour\":\"red\",\"weight\":0.5}]}");
    assertNull(d.note());
    assertEquals(new Part(1, null, null), d.parts().get(0));
    assertEquals(new Part(2, "red", 0.5), d.parts().get(1));
    assertEquals("n", parse("{\"name\":\"a\",\"note\":\"n\",\"parts\":[]}").note());
  }

  @Test
  void aMissingRequiredFieldIsStillAnErrorNamingItsPath() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> parse("{\"name\":\"a\",\"parts\":[{\"size\":1},{\"colour\":\"red\"}]}"));
    assertEquals("doc.json", e.input());
    assertTrue(e.getMessage().contains("missing field 'size'") && e.getMessage().contains("(at parts[1]"),
        e.getMessage());
    e = assertThrows(InvalidInputException.class, () -> parse("{\"note\":\"n\",\"parts\":[]}"));
    assertTrue(e.getMessage().contains("missing field 'name'"), e.getMessage());
  }

  @Test
  void anOptionalFieldKeepsItsTypeCheck() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> parse("{\"name\":\"a\",\"parts\":[{\"size\":1,\"weight\":\"heavy\"}]}"));
    assertTrue(e.getMessage().contains("parts[0].weight"), e.getMessage());
  }

  @Test
  void absentOptionalFieldsAreLeftOutWhenWrittenOnlyWithJsonInclude() {
    String json = new String(StrictJson.toBytes(new Part(3, null, null)), StandardCharsets.UTF_8);
    assertEquals("{\"size\":3,\"colour\":null,\"weight\":null}", json);
  }
}
