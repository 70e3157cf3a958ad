package org.spacemoe.ground.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spacemoe.shared.plan.PlanJson;

/** Writes a report as deterministic, indented JSON, creating parent directories. */
final class JsonReports {
  private JsonReports() {}

  static void write(Path file, Object report) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(file, PlanJson.mapper().writeValueAsBytes(report));
  }
}
