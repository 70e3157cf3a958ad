package org.spacemoe.ground.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.DeviceProfile;

/** Fleet files: satellites override planes override the default; each bad file is one line naming it and the field. */
class FleetSpecsTest {
  @TempDir Path dir;

  private final Constellation c = ConstellationSpecs.parse("walker-star:planes=4,sats=3");
  private final DeviceProfile sbc = DeviceProfile.parse("sbc-2a72");

  private Fleet fleet(String json) throws Exception {
    Path f = dir.resolve("fleet.json");
    Files.writeString(f, json);
    return FleetSpecs.parse(f.toString(), sbc, c);
  }

  private String error(String json) throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> fleet(json));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage().replace(dir.resolve("fleet.json").toString(), "fleet.json");
  }

  @Test
  void satellitesOverridePlanesOverrideTheDefault() throws Exception {
    Fleet f = fleet("""
        {"format": "spacemoe-fleet", "version": 1, "default": "rad5545", "planes": {"2": "ix10"},
         "satellites": {"%s": "sbc-2a72"}}""".formatted(c.satellites().get(7).name()));
    for (int i = 0; i < c.size(); i++) {
      int plane = c.satellites().get(i).plane();
      String want = i == 7 ? "sbc-2a72" : plane == 2 ? "ix10" : "rad5545";
      assertEquals(DeviceProfile.parse(want), f.device(i), "satellite " + i);
    }
    Fleet plain = fleet("{\"format\": \"spacemoe-fleet\", \"version\": 1}");
    assertEquals(sbc, plain.device(0));
  }

  @Test
  void badFilesNameTheFileAndTheField() throws Exception {
    String head = "{\"format\": \"spacemoe-fleet\", \"version\": 1, ";
    assertEquals("fleet.json: field format must be \"spacemoe-fleet\"", error("{\"format\": \"fleet\", \"version\": 1}"));
    assertEquals("fleet.json: field version must be 1", error("{\"format\": \"spacemoe-fleet\"}"));
    assertEquals("fleet.json: field version must be 1", error("{\"format\": \"spacemoe-fleet\", \"version\": 2}"));
    assertEquals("fleet.json: field planes.1 must be a device name string", error(head + "\"planes\": {\"1\": null}}"));
    assertEquals("fleet.json: plane 4 is not in the constellation (0..3)", error(head + "\"planes\": {\"4\": \"ix10\"}}"));
    assertEquals("fleet.json: satellite 'x' is not in the constellation " + c.id(),
        error(head + "\"satellites\": {\"x\": \"ix10\"}}"));
    assertEquals(true, error(head + "\"default\": \"nope\"}").startsWith("fleet.json default: "));
    assertEquals("fleet.json: a fleet file is a JSON object", error("null"));
    String m = error(head + "\"sats\": {}}");
    assertEquals(true, m.startsWith("fleet.json: ") && m.contains("unknown field 'sats'"), m);
    m = error(head + "\"planes\": {\"two\": \"ix10\"}}");
    assertEquals(true, m.startsWith("fleet.json: ") && m.contains("(at planes") && m.contains("two"), m);
    m = error(head + "\"planes\": [\"ix10\"]}");
    assertEquals(true, m.startsWith("fleet.json: ") && m.contains("(at planes)"), m);
    m = error(head + "\"satellites\": {\"p00s00\": {\"gflops\": 1}}}");
    assertEquals(true, m.startsWith("fleet.json: ") && m.contains("(at satellites.p00s00)"), m);
  }
}
