package org.spacemoe.hil.flash;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * The onboard distribution zip ({@code onboard/target/spacemoe-onboard-dist.zip}), unpacked once into a local
 * directory: its files under {@code spacemoe-onboard/}, with {@code bin/*} executable. The layout must hold
 * {@code bin/spacemoe-onboard}, {@code bin/spacemoe-onboard-service} and {@code lib/spacemoe-onboard.jar}.
 */
final class Distribution {
  static final String ROOT = "spacemoe-onboard/";
  static final String LAUNCHER = ROOT + "bin/spacemoe-onboard";
  static final String SERVICE_SCRIPT = ROOT + "bin/spacemoe-onboard-service";
  static final String UNIT = ROOT + "systemd/spacemoe-onboard.service";

  private final Path dir;
  private final List<String> files;

  private Distribution(Path dir, List<String> files) {
    this.dir = dir;
    this.files = List.copyOf(files);
  }

  /** Unpacks {@code zip} under {@code into}. */
  static Distribution unpack(Path zip, Path into) throws IOException {
    String name = zip.toString();
    if (!Files.isRegularFile(zip)) {
      throw new InvalidInputException(name, "no such file (build it with mvn -DskipTests package, or pass --dist)");
    }
    List<String> files = new ArrayList<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        String p = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        if (!p.startsWith(ROOT) || p.contains("..") || p.contains("\\") || p.contains("'")) {
          throw new InvalidInputException(name, "entry '" + p + "' is not a plain path under " + ROOT);
        }
        Path target = into.resolve(p);
        Files.createDirectories(target.getParent());
        try (InputStream in = z.getInputStream(e)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        if (p.startsWith(ROOT + "bin/")) {
          Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        files.add(p);
      }
    } catch (java.util.zip.ZipException e) {
      throw new InvalidInputException(name, "not a zip file: " + e.getMessage());
    }
    for (String need : List.of(LAUNCHER, SERVICE_SCRIPT, ROOT + "lib/spacemoe-onboard.jar")) {
      if (!files.contains(need)) {
        throw new InvalidInputException(name, "has no " + need + " (not an onboard distribution)");
      }
    }
    files.sort(null);
    return new Distribution(into, files);
  }

  Path dir() {
    return dir;
  }

  /** Paths relative to the unpack directory, each starting with {@link #ROOT}. */
  List<String> files() {
    return files;
  }

  boolean has(String relPath) {
    return files.contains(relPath);
  }
}
