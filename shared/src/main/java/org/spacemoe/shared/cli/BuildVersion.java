package org.spacemoe.shared.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The version of this build: Maven writes the project version into {@code version.properties} when it builds shared,
 * and the onboard distribution's {@code VERSION} file starts with the same version, so every jar of one build prints
 * the same string.
 */
public final class BuildVersion {
  private static final String RESOURCE = "version.properties";
  private static final String VERSION = load();

  private BuildVersion() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String version() {
    return VERSION;
  }

  /** {@code TOOL VERSION}, the line a tool's version option prints. */
  public static String line(String tool) {
    return tool + " " + VERSION;
  }

  /** A picocli version provider printing {@link #line(String)}. */
  public static CommandLine.IVersionProvider provider(String tool) {
    return () -> new String[] {line(tool)};
  }

  static String load() {
    try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing next to " + BuildVersion.class.getName());
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "").trim();
      if (v.isEmpty() || v.contains("${")) {
        throw new IllegalStateException(RESOURCE + " was not filtered by the build: version=" + v);
      }
      return v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
