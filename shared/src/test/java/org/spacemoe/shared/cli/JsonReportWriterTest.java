package org.spacemoe.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportWriterTest {
  record Report(String name, boolean ok, Map<String, Integer> counts) {}

  @Test
  void writesIndentedSortedJsonCreatingDirectoriesAndNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a/b/report.json");
    Map<String, Integer> counts = new TreeMap<>(Map.of("z", 1, "a", 2));
    JsonReportWriter.write(file, new Report("bench", true, counts));
    String json = Files.readString(file);
    assertEquals("{\n  \"name\" : \"bench\",\n  \"ok\" : true,\n  \"counts\" : {\n    \"a\" : 2,\n    \"z\" : 1\n  }\n}",
        json);
    JsonReportWriter.write(file, List.of(1));
    assertEquals("[ 1 ]", Files.readString(file));
    try (var s = Files.list(file.getParent())) {
      assertEquals(List.of(file), s.toList());
    }
  }
}
