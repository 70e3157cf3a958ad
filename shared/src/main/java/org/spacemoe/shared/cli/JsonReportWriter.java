package org.spacemoe.shared.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.spacemoe.shared.plan.PlanJson;

/**
 * Writes a command's report as indented JSON with map keys sorted (the same bytes for the same report), creating the
 * parent directories. The file is written next to its target and moved into place, so a reader never sees half a
 * report.
 */
public final class JsonReportWriter {
  private JsonReportWriter() {}

  /** Writes {@code report} to {@code file} when a file is given and prints {@code wrote FILE} to {@code out}. */
  public static void write(Path file, Object report, PrintWriter out) throws IOException {
    if (file == null) {
      return;
    }
    write(file, report);
    out.printf("wrote %s%n", file);
  }

  /** Writes {@code report} to {@code file}. */
  public static void write(Path file, Object report) throws IOException {
    Path target = file.toAbsolutePath();
    Path parent = target.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    byte[] bytes = PlanJson.mapper().writeValueAsBytes(report);
    Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
