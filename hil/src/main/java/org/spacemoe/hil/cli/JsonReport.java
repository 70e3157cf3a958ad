package org.spacemoe.hil.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spacemoe.shared.plan.PlanJson;

/** Writes a command's report as JSON. */
final class JsonReport {
  private JsonReport() {}

  static void write(Path report, Object value, PrintWriter out) throws IOException {
    if (report == null) {
      return;
    }
    Path parent = report.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(report, PlanJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
    out.printf("wrote %s%n", report);
  }
}
