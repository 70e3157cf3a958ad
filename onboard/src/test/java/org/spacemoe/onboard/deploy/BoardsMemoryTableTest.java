package org.spacemoe.onboard.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.planstore.NodeShards;
import org.spacemoe.shared.model.onnx.MoeModelShape;
import org.spacemoe.shared.model.onnx.ShardKind;

/** The memory-per-shard table of docs/boards.md is the one the presets give (fp32 bytes, 3 significant digits). */
class BoardsMemoryTableTest {
  private static final List<MoeModelShape> PRESETS = List.of(MoeModelShape.TINY, MoeModelShape.BENCH,
      MoeModelShape.PAPER);

  @Test
  void theDocumentedSizesAreComputedFromThePresets() throws Exception {
    List<String> doc = Files.readAllLines(Path.of("..", "docs", "boards.md"));
    check(doc, "| embed ", ShardKind.EMBED);
    check(doc, "| gateway, per layer ", ShardKind.GATEWAY);
    check(doc, "| expert ", ShardKind.EXPERT);
    check(doc, "| head ", ShardKind.HEAD);
    String whole = row(doc, "| the whole model ");
    for (MoeModelShape s : PRESETS) {
      long bytes = NodeShards.fp32Bytes(ShardKind.EMBED, s) + NodeShards.fp32Bytes(ShardKind.HEAD, s)
          + (long) s.layers() * (NodeShards.fp32Bytes(ShardKind.GATEWAY, s)
              + (long) s.experts() * NodeShards.fp32Bytes(ShardKind.EXPERT, s));
      assertTrue(whole.contains("| " + human(bytes) + " "), whole + " lacks " + human(bytes) + " for " + s.name());
    }
  }

  @Test
  void sizesAreWrittenWithThreeSignificantDigits() {
    assertEquals("8.19 kB", human(8192));
    assertEquals("67.6 MB", human(67_633_152));
    assertEquals("524 MB", human(524_288_000));
    assertEquals("27.0 GB", human(26_957_852_416L));
  }

  private static void check(List<String> doc, String rowStart, ShardKind kind) {
    String row = row(doc, rowStart);
    String[] cells = row.split("\\|");
    // | name | formula | tiny | bench | paper |
    for (int i = 0; i < PRESETS.size(); i++) {
      assertEquals(human(NodeShards.fp32Bytes(kind, PRESETS.get(i))), cells[3 + i].trim(),
          kind + " of " + PRESETS.get(i).name() + " in: " + row);
    }
  }

  private static String row(List<String> doc, String start) {
    Optional<String> row = doc.stream().filter(l -> l.startsWith(start)).findFirst();
    assertTrue(row.isPresent(), "docs/boards.md has no row starting " + start);
    return row.get();
  }

  /** Decimal units, three significant digits (trailing zeros kept: 27.0 GB). */
  static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return new BigDecimal(v).round(new MathContext(3)).toPlainString() + " " + units[u];
  }
}
