package org.spacemoe.hil.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onboard/src/dist/bin/spacemoe-onboard-service} with a stand-in launcher (a shell that sleeps): start
 * writes the pid file and is idempotent, status says running (0) or not (3), stop ends the launcher's whole
 * process group and removes the pid file, a missing config fails the start, a bad command is a usage error (2).
 */
@Timeout(60)
class ServiceScriptTest {
  @TempDir Path dir;

  private record Run(int code, String out) {}

  private Run run(Path script, String cmd, Path config) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(script.toString(), cmd).redirectErrorStream(true);
    pb.environment().put("SPACEMOE_CONFIG", config.toString());
    pb.environment().put("SPACEMOE_RUN_DIR", dir.resolve("run").toString());
    pb.environment().put("SPACEMOE_STOP_S", "5");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out);
  }

  @Test
  void startStatusStop() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("dist/bin"));
    Path script = Files.copy(Path.of("..", "onboard", "src", "dist", "bin", "spacemoe-onboard-service"),
        bin.resolve("spacemoe-onboard-service"), StandardCopyOption.COPY_ATTRIBUTES);
    Path launcher = bin.resolve("spacemoe-onboard");
    // the child sleep stands for the JVM: stop must end it too (same process group)
    Files.writeString(launcher, "#!/bin/sh\necho \"launched $*\"\nsleep 300 &\nwait\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path config = Files.writeString(dir.resolve("application.yml"), "spacemoe: {}\n");

    assertEquals(3, run(script, "status", config).code());
    Run start = run(script, "start", config);
    assertEquals(0, start.code(), start.out());
    Path pidFile = dir.resolve("run/spacemoe-onboard.pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle h = ProcessHandle.of(pid).orElseThrow();
    assertTrue(h.isAlive());
    long children = h.descendants().count();
    assertTrue(children >= 1, "the launcher's child runs");
    assertTrue(run(script, "start", config).out().contains("already running"));
    assertEquals(0, run(script, "status", config).code());
    assertTrue(Files.readString(dir.resolve("run/spacemoe-onboard.log")).contains("launched run --config " + config));

    java.util.List<ProcessHandle> group = h.descendants().toList();
    Run stop = run(script, "stop", config);
    assertEquals(0, stop.code(), stop.out());
    assertFalse(Files.exists(pidFile));
    h.onExit().get(10, TimeUnit.SECONDS);
    for (ProcessHandle c : group) {
      c.onExit().get(10, TimeUnit.SECONDS);
    }
    assertEquals(3, run(script, "status", config).code());

    Run missing = run(script, "start", dir.resolve("nope.yml"));
    assertEquals(1, missing.code());
    assertTrue(missing.out().contains("nope.yml: no such configuration file"), missing.out());
    assertEquals(2, run(script, "reload", config).code());
  }
}
