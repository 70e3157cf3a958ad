package org.spacemoe.hil.flash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.broker.MosquittoBroker;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.ServiceManager;

/**
 * The pid-file start of a script board's ISL broker ({@link RemoteScripts#islBroker}) run by {@code /bin/sh} here:
 * it starts, a second call finds it running, a restart replaces it, and a taken port is an error with the log's
 * reason. Skipped without mosquitto.
 */
class IslBrokerScriptTest {
  @TempDir Path dir;
  private RemoteLayout layout;

  @AfterEach
  void stop() throws Exception {
    if (layout != null) {
      sh(RemoteScripts.stopIslBroker(layout));
    }
  }

  @Test
  void startsOnceRestartsAndReportsATakenPort() throws Exception {
    Assumptions.assumeTrue(MosquittoBroker.executable() != null, "no mosquitto");
    BenchMesh m = MeshBench.mesh(Files.createDirectories(dir.resolve("inv")));
    Board b = m.inventory().boards().get(1);
    layout = new RemoteLayout(dir.resolve("install").toString());
    Path config = Files.createDirectories(Path.of(layout.current(), "config"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(config.resolve("mosquitto-isl.conf"), IslBrokerFiles.conf(b, layout)
        .replace("\nuser pi\n", "\nuser " + System.getProperty("user.name") + "\n")
        .replace("\nlistener 1884\n", "\nlistener " + port + " 127.0.0.1\n"));
    Files.writeString(config.resolve("mosquitto-isl.acl"), IslBrokerFiles.acl(m, b));
    Files.writeString(config.resolve("mosquitto-isl.passwd"),
        IslBrokerFiles.passwords(m, b, new IslCredentials(MeshBench.SECRET)));
    ExecResult first = sh(RemoteScripts.islBroker(layout, ServiceManager.SCRIPT, false));
    assertTrue(first.ok() && first.stdout().startsWith("isl broker started "), first.toString());
    String pid = Files.readString(Path.of(layout.runDir(), IslBrokerFiles.PID_FILE)).trim();
    ExecResult again = sh(RemoteScripts.islBroker(layout, ServiceManager.SCRIPT, false));
    assertEquals("isl broker running " + pid, again.stdout().trim(), again.toString());
    ExecResult restart = sh(RemoteScripts.islBroker(layout, ServiceManager.SCRIPT, true));
    assertTrue(restart.ok() && restart.stdout().startsWith("isl broker started "), restart.toString());
    String newPid = Files.readString(Path.of(layout.runDir(), IslBrokerFiles.PID_FILE)).trim();
    assertTrue(!newPid.equals(pid), "restarted");

    RemoteLayout other = new RemoteLayout(dir.resolve("other").toString());
    Path otherConfig = Files.createDirectories(Path.of(other.current(), "config"));
    for (String f : new String[] {"mosquitto-isl.acl", "mosquitto-isl.passwd"}) {
      Files.copy(config.resolve(f), otherConfig.resolve(f));
    }
    Files.writeString(otherConfig.resolve("mosquitto-isl.conf"),
        Files.readString(config.resolve("mosquitto-isl.conf")).replace(layout.installDir(), other.installDir()));
    ExecResult taken = sh(RemoteScripts.islBroker(other, ServiceManager.SCRIPT, false));
    assertTrue(!taken.ok() && taken.lastLine().startsWith("the ISL broker did not start"), taken.toString());
    assertTrue(taken.stderr().contains("Address already in use"), taken.toString());
  }

  private static ExecResult sh(String script) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return new ExecResult(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
