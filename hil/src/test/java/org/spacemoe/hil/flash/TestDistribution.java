package org.spacemoe.hil.flash;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An onboard distribution zip with the layout of the distribution contract, assembled from this test run's class
 * path instead of the onboard module's packaging (which another change builds): {@code lib/spacemoe-onboard.jar}
 * is a manifest-only jar whose {@code Class-Path} names the onboard classes and their dependencies,
 * {@code bin/spacemoe-onboard} a launcher honouring {@code run}, {@code --config}, {@code SPACEMOE_CONFIG},
 * {@code JAVA} and {@code JAVA_OPTS}, and {@code bin/spacemoe-onboard-service} the real script from
 * {@code onboard/src/dist/bin}.
 */
final class TestDistribution {
  private TestDistribution() {}

  static final String LAUNCHER = """
      #!/bin/sh
      # test launcher with the distribution contract's interface
      home=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
      case "${1:-run}" in run) ;; *) echo "test launcher: only run" >&2; exit 2 ;; esac
      [ $# -gt 0 ] && shift
      config=${SPACEMOE_CONFIG:-$home/config/application.yml}
      while [ $# -gt 0 ]; do
        case "$1" in --config) config=$2; shift 2 ;; *) echo "unknown option $1" >&2; exit 2 ;; esac
      done
      exec "${JAVA:-java}" ${JAVA_OPTS:--Xmx256m -XX:TieredStopAtLevel=1} -Dmicronaut.config.files="$config" \\
        -jar "$home/lib/spacemoe-onboard.jar"
      """;

  static final String UNIT = """
      [Unit]
      Description=SpaceMoE onboard runtime (test distribution)
      [Service]
      Type=notify
      NotifyAccess=all
      ExecStart=/bin/false
      TimeoutStopSec=30s
      SuccessExitStatus=143
      Restart=on-failure
      [Install]
      WantedBy=multi-user.target
      """;

  /** Writes the zip; {@code version} goes into {@code VERSION} (a different version changes one file). */
  static Path write(Path zip, String version) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> urls = new ArrayList<>();
    for (String e : cp.split(File.pathSeparator)) {
      if (!e.isBlank()) {
        urls.add(Path.of(e).toUri().toString());
      }
    }
    Manifest mf = new Manifest();
    mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.spacemoe.onboard.OnboardApplication");
    mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    Path jar = zip.resolveSibling("spacemoe-onboard.jar");
    if (!Files.exists(jar)) { // written once: a jar's entry times would make every copy differ
      try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar), mf)) {
        // manifest only
      }
    }
    Path script = Path.of("..", "onboard", "src", "dist", "bin", "spacemoe-onboard-service");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(z, "spacemoe-onboard/bin/spacemoe-onboard", LAUNCHER.getBytes(StandardCharsets.UTF_8));
      put(z, "spacemoe-onboard/bin/spacemoe-onboard-service", Files.readAllBytes(script));
      put(z, "spacemoe-onboard/lib/spacemoe-onboard.jar", Files.readAllBytes(jar));
      put(z, "spacemoe-onboard/config/application.yml", "spacemoe:\n  onboard:\n    satellites: []\n".getBytes(StandardCharsets.UTF_8));
      put(z, "spacemoe-onboard/systemd/spacemoe-onboard.service", UNIT.getBytes(StandardCharsets.UTF_8));
      put(z, "spacemoe-onboard/VERSION", (version + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return zip;
  }

  private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
    z.putNextEntry(new ZipEntry(name));
    z.write(data);
    z.closeEntry();
  }

}
