package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spacemoe.ground.ops.uplink.UplinkSession.ChunkProgress;
import org.spacemoe.ground.ops.uplink.UplinkSession.SatelliteState;
import org.spacemoe.shared.uplink.UplinkStage;

class UplinkLiveTableTest {
  private static SatelliteState state(UplinkStage stage, String reason, String detail) {
    return new SatelliteState(stage, reason, detail, 0, 0);
  }

  private static Map<String, SatelliteState> states(SatelliteState a, SatelliteState b) {
    Map<String, SatelliteState> m = new LinkedHashMap<>();
    m.put("P01S01", a);
    m.put("P01S02", b);
    return m;
  }

  private static final Map<String, ChunkProgress> CHUNKS = Map.of("P01S01", new ChunkProgress(40, 30, 15),
      "P01S02", new ChunkProgress(10, -1, 0));

  @Test
  void rowsShowStageChunksBarAndReason() {
    List<String> rows = UplinkLiveTable.render(states(state(UplinkStage.RECEIVED, null, "waiting for chunks"),
        state(UplinkStage.REJECTED, "UNKNOWN_KEY", "key 0123 not trusted")), CHUNKS, 30);
    assertEquals(3, rows.size());
    assertTrue(rows.get(0).startsWith("satellite"), rows.get(0));
    assertTrue(rows.get(1).startsWith("P01S01       RECEIVED") && rows.get(1).contains("15/30")
        && rows.get(1).contains("##########..........") && rows.get(1).contains("waiting for chunks"), rows.get(1));
    assertTrue(rows.get(2).contains("REJECTED") && rows.get(2).contains("?/10")
        && rows.get(2).contains("UNKNOWN_KEY: key 0123 not trusted"), rows.get(2));
  }

  @Test
  void aLargeFleetShowsRejectedAndUnfinishedFirstAndCountsTheRest() {
    Map<String, SatelliteState> many = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      many.put(String.format("S%03d", i), state(UplinkStage.STAGED, null, "staged"));
    }
    many.put("S040", state(UplinkStage.REJECTED, "MEMORY", "does not fit"));
    many.put("S045", state(UplinkStage.RECEIVED, null, "waiting for chunks"));
    List<String> rows = UplinkLiveTable.render(many, Map.of(), 5);
    assertEquals(7, rows.size(), String.join("\n", rows));
    assertTrue(rows.get(1).startsWith("S040") && rows.get(1).contains("MEMORY"), rows.get(1));
    assertTrue(rows.get(2).startsWith("S045"), rows.get(2));
    assertEquals("(+45 more: 45 STAGED)", rows.get(6));
  }

  @Test
  void plainModePrintsOneLinePerStageChange() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    UplinkLiveTable t = new UplinkLiveTable(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 7);
    Map<String, SatelliteState> s = states(state(UplinkStage.SENT, null, null), state(UplinkStage.SENT, null, null));
    t.update(s, CHUNKS);
    t.update(s, CHUNKS);
    s.put("P01S02", state(UplinkStage.REJECTED, "DIGEST_MISMATCH", "shard embed"));
    t.update(s, CHUNKS);
    t.finish(s, CHUNKS);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(List.of("uplink v7: P01S01 SENT (15/30 chunks)", "uplink v7: P01S02 SENT",
        "uplink v7: P01S02 REJECTED DIGEST_MISMATCH: shard embed",
        "uplink v7: 1 SENT, 1 REJECTED, 15/30 chunks sent"), lines);
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("\033"), "no escape codes off a terminal");
  }

  @Test
  void terminalModeRedrawsTheTableInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    UplinkLiveTable t = new UplinkLiveTable(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 7);
    Map<String, SatelliteState> s = states(state(UplinkStage.SENT, null, null), state(UplinkStage.SENT, null, null));
    t.update(s, CHUNKS);
    s.put("P01S01", state(UplinkStage.STAGED, null, "staged"));
    t.finish(s, CHUNKS);
    String text = bytes.toString(StandardCharsets.UTF_8);
    // header + 2 rows + summary drawn, then the cursor goes up those 4 lines and the table is drawn again
    assertEquals(1, text.split("\033\\[4A", -1).length - 1, text);
    assertTrue(text.substring(text.indexOf("\033[4A")).contains("STAGED"), text);
    assertEquals(8, text.split("\033\\[2K", -1).length - 1, "every line cleared before it is drawn");
  }
}
