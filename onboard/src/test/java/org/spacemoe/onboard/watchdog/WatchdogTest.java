package org.spacemoe.onboard.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;

class WatchdogTest {
  @Test
  void theIntervalIsAThirdOfWatchdogUsecForThisProcessOnly() {
    assertEquals(10_000L, SystemdWatchdog.pingIntervalMs(Map.of("WATCHDOG_USEC", "30000000"), 42));
    assertEquals(10_000L, SystemdWatchdog.pingIntervalMs(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42));
    assertNull(SystemdWatchdog.pingIntervalMs(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42));
    assertNull(SystemdWatchdog.pingIntervalMs(Map.of("WATCHDOG_USEC", "0"), 42));
    assertNull(SystemdWatchdog.pingIntervalMs(Map.of("WATCHDOG_USEC", "soon"), 42));
    assertNull(SystemdWatchdog.pingIntervalMs(Map.of(), 42));
  }

  @Test
  void aLiveRuntimeAnswersTheProbeAClosedOneDoesNot() {
    OnboardConfig config = new OnboardConfig();
    config.setSatellites(List.of("p00s00"));
    OnboardRuntime runtime = new OnboardRuntime(config);
    assertTrue(runtime.responsive(2_000));
    runtime.close();
    assertFalse(runtime.responsive(2_000));
  }

  @Test
  void pingsStopWhileTheRuntimeIsStuckAndResumeWhenItIsFree() throws Exception {
    // a real single-thread executor standing in for the runtime's worker: blocked on a latch, it cannot answer
    ExecutorService worker = Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    List<String> sent = Collections.synchronizedList(new ArrayList<>());
    WatchdogPinger p = new WatchdogPinger(a -> sent.add(String.join(" ", a)) || true, timeoutMs -> {
      try {
        worker.submit(() -> { }).get(timeoutMs, TimeUnit.MILLISECONDS);
        return true;
      } catch (Exception e) {
        return false;
      }
    }, () -> "UP", 400); // ticked by hand: the probe waits up to 200 ms
    p.tick();
    assertEquals(1, p.pings());
    worker.submit(() -> {
      release.await();
      return null;
    });
    p.tick();
    p.tick();
    assertEquals(1, p.pings(), "no ping while stuck");
    assertEquals(2, p.missed());
    release.countDown();
    p.tick();
    assertEquals(2, p.pings());
    assertEquals(List.of("WATCHDOG=1 STATUS=UP", "WATCHDOG=1 STATUS=UP"), sent);
    p.close();
    worker.shutdownNow();
  }

  @Test
  void readyIsSentOnceWhenTheRuntimeIsReadyAndNotBefore() {
    List<String> sent = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicBoolean ready = new java.util.concurrent.atomic.AtomicBoolean();
    ReadyNotifier n = new ReadyNotifier(a -> sent.add(String.join(" ", a)), ready::get, () -> "UP");
    n.check();
    assertEquals(List.of(), sent, "not ready: no READY=1");
    ready.set(true);
    n.check();
    n.check();
    assertEquals(List.of("READY=1 STATUS=UP"), sent);
    assertTrue(n.sent());
    n.close();
  }

  @Test
  void theRealSystemdNotifyDeliversToTheNotifySocket(@TempDir Path tmp) throws Exception {
    assumeTrue(onPath("systemd-notify") && onPath("python3"), "needs systemd-notify and python3");
    Path socket = tmp.resolve("notify.sock");
    Path receiver = tmp.resolve("receiver.py");
    // an AF_UNIX datagram receiver like systemd's: prints each message, closes passed fds (the barrier's)
    Files.writeString(receiver, String.join("\n",
        "import socket, sys, os, array",
        "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
        "s.bind(sys.argv[1])",
        "print('bound', flush=True)",
        "while True:",
        "    msg, anc, flags, addr = s.recvmsg(4096, socket.CMSG_SPACE(16 * 4))",
        "    for level, kind, data in anc:",
        "        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:",
        "            fds = array.array('i'); fds.frombytes(data[:len(data) - len(data) % 4])",
        "            for fd in fds: os.close(fd)",
        "    print(msg.decode().replace('\\n', ' '), flush=True)",
        ""));
    Process py = new ProcessBuilder("python3", receiver.toString(), socket.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader lines = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("bound", lines.readLine());
      ProcessBuilder.Redirect inherit = ProcessBuilder.Redirect.INHERIT;
      // systemd-notify reads NOTIFY_SOCKET from its environment: run it through a shell that sets it
      NotifySender sender = a -> {
        List<String> cmd = new ArrayList<>(List.of("env", "NOTIFY_SOCKET=" + socket, "systemd-notify"));
        cmd.addAll(List.of(a));
        try {
          Process p = new ProcessBuilder(cmd).redirectOutput(inherit).redirectError(inherit).start();
          return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
          return false;
        }
      };
      WatchdogPinger pinger = new WatchdogPinger(sender, ms -> true, () -> "DOWN: no plan", 60_000);
      assertTrue(sender.send("READY=1"));
      pinger.tick();
      assertEquals(1, pinger.pings());
      List<String> got = new ArrayList<>();
      while (got.size() < 2) {
        String l = lines.readLine();
        if (l != null && !l.startsWith("BARRIER")) {
          got.add(l);
        }
      }
      assertEquals("READY=1", got.get(0));
      assertEquals("WATCHDOG=1 STATUS=DOWN: no plan", got.get(1));
    } finally {
      py.destroyForcibly();
    }
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
