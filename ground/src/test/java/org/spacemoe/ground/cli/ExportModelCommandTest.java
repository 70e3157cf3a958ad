package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.WeightFormat;
import picocli.CommandLine;

class ExportModelCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = GroundCli.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void exportsTheTinyModelAndPrintsAShardTable() throws Exception {
    Path dir = tmp.resolve("tiny");
    assertEquals(0, run("export-model", "--preset", "tiny", "--weights", "fp16", "--seed", "11", "--zipf", "1.5",
        "--out", dir.toString()), err.toString());
    ModelManifest m = ModelManifest.read(dir);
    assertEquals(12, m.shards().size());
    assertEquals(11, m.seed());
    assertEquals(1.5, m.zipf());
    assertEquals(WeightFormat.FP16, m.weights());
    String text = out.toString();
    assertTrue(text.contains("layer01.expert03"), text);
    assertTrue(text.contains("MFLOP/token"), text);
    assertTrue(text.contains("12 shards"), text);
    assertTrue(text.contains("manifest.json"), text);
    for (var s : m.shards()) {
      assertTrue(Files.size(dir.resolve(s.file())) == s.bytes());
    }
  }

  @Test
  void tensorParallelWidthsAddTheSplitShards() throws Exception {
    Path dir = tmp.resolve("split");
    assertEquals(0, run("export-model", "--preset", "tiny", "--tensor-parallel-widths", "2,4", "--out",
        dir.toString()), err.toString());
    ModelManifest m = ModelManifest.read(dir);
    assertEquals(12 + 3 * (2 + 4) + 2, m.shards().size());
    String text = out.toString();
    assertTrue(text.contains("layer01.attn-w4-p3"), text);
    assertTrue(text.contains("layer00.combine"), text);
    assertTrue(text.contains("head-w2-p1"), text);
    assertTrue(text.contains("32 shards"), text);
  }

  @Test
  void badFlagsPrintOneLineAndExitTwo() throws Exception {
    Files.writeString(tmp.resolve("file"), "x");
    String[][] cases = {
      {"--preset", "huge", "--out", tmp.toString()},
      {"--preset", "tiny", "--weights", "int8", "--out", tmp.toString()},
      {"--preset", "tiny", "--seed", "x1", "--out", tmp.toString()},
      {"--preset", "tiny", "--zipf", "-1", "--out", tmp.toString()},
      {"--preset", "tiny", "--zipf", "many", "--out", tmp.toString()},
      {"--preset", "tiny", "--out", tmp.resolve("file").toString()},
      {"--preset", "tiny", "--tensor-parallel-widths", "2,5", "--out", tmp.toString()},
      {"--preset", "tiny", "--tensor-parallel-widths", "two", "--out", tmp.toString()},
    };
    String[] flags = {"--preset", "--weights", "--seed", "--zipf", "--zipf", "--out", "--tensor-parallel-widths",
        "--tensor-parallel-widths"};
    for (int i = 0; i < cases.length; i++) {
      err.getBuffer().setLength(0);
      String[] args = new String[cases[i].length + 1];
      args[0] = "export-model";
      System.arraycopy(cases[i], 0, args, 1, cases[i].length);
      assertEquals(GroundCli.EXIT_BAD_INPUT, run(args), String.join(" ", args));
      String e = err.toString().trim();
      assertTrue(e.startsWith("error: " + flags[i] + ": "), e);
      assertEquals(1, e.lines().count(), e);
    }
    assertEquals(GroundCli.EXIT_BAD_INPUT, run("export-model", "--preset", "tiny"));
  }
}
