package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.MqttProbe;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.runtime.Frames;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.frame.SequenceError;
import org.spacemoe.shared.frame.SequenceErrorCodec;
import org.spacemoe.shared.frame.SequenceErrorReason;

/**
 * SIGTERM to a real onboard process (the Micronaut application, as bin/spacemoe-onboard runs it) hosting the tiny
 * bench on a real broker, with an sd_notify socket like systemd's ({@code Type=notify}): READY=1 once it serves;
 * on SIGTERM STOPPING=1, a new sequence is refused with DRAINING, a short sequence in flight finishes, a long one
 * fails with DRAINING when {@code stop-drain-ms} runs out; the process exits (143, as systemd's
 * SuccessExitStatus expects) within the drain plus a few seconds, and nothing is published after it exited.
 */
class GracefulStopProcessTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  private static final long DRAIN_MS = 5_000;
  private static final ActivationFrameCodec CODEC = new ActivationFrameCodec();

  @Test
  @Timeout(180)
  void sigtermDrainsRefusesNewSequencesAndPublishesNothingAfterExit(
      @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir) throws Exception {
    assumeTrue(onPath("systemd-notify") && onPath("python3"), "needs systemd-notify and python3 (sd_notify socket)");
    TinyBench bench = TinyBench.prepare(dir.resolve("bench"));
    long v = bench.planVersion();
    Path socket = dir.resolve("notify.sock");
    List<String> notes = Collections.synchronizedList(new ArrayList<>());
    Process receiver = notifyReceiver(dir, socket, notes);
    Process node = null;
    try (MqttProbe probe = new MqttProbe(BROKER.uri())) {
      BlockingQueue<byte[]> shortTokens = probe.subscribe(FrameTopics.sequenceTokens(1));
      BlockingQueue<byte[]> shortErrors = probe.subscribe(FrameTopics.sequenceErrors(1));
      BlockingQueue<byte[]> longErrors = probe.subscribe(FrameTopics.sequenceErrors(2));
      BlockingQueue<byte[]> longTokens = probe.subscribe(FrameTopics.sequenceTokens(2));
      BlockingQueue<byte[]> lateErrors = probe.subscribe(FrameTopics.sequenceErrors(3));
      // last: on a shared broker '#' brings other tests' retained messages at once, and Paho 1.2.5 iterates its
      // subscription callbacks without a lock, so a SUBSCRIBE during that delivery threw ConcurrentModificationException
      BlockingQueue<MqttProbe.Arrived> everything = probe.subscribeWithTopics("#");

      node = startNode(dir, bench, socket);
      Process n = node;
      Await.until(Duration.ofSeconds(60), () -> notes.stream().anyMatch(l -> l.startsWith("READY=1")) || !n.isAlive(),
          () -> "no READY=1; notes " + notes + "; log " + log(dir));
      assertTrue(node.isAlive(), () -> "node exited: " + log(dir));
      String ready = notes.stream().filter(l -> l.startsWith("READY=1")).findFirst().orElseThrow();
      assertTrue(ready.contains("STATUS=UP"), "ready once plan, shards and broker are up: " + ready);

      String entry = FrameTopics.satelliteInbound(bench.entry());
      probe.publish(entry, CODEC.encode(Frames.start(v, 2, TinyBench.PROMPT, 2_000))); // far longer than the drain
      assertNotNull(longTokens.poll(30, TimeUnit.SECONDS), () -> "long sequence under way; log " + log(dir));
      probe.publish(entry, CODEC.encode(Frames.start(v, 1, TinyBench.PROMPT, 6)));
      byte[] firstShort = shortTokens.poll(30, TimeUnit.SECONDS);
      assertNotNull(firstShort, "short sequence under way");

      long term = System.nanoTime();
      node.destroy(); // SIGTERM
      Await.until(Duration.ofSeconds(10), () -> notes.stream().anyMatch(l -> l.startsWith("STOPPING=1")),
          () -> "no STOPPING=1; alive " + n.isAlive() + (n.isAlive() ? "" : " exit " + n.exitValue()) + "; notes " + notes + "; dir " + dir + "; threads " + threads(dir, n) + "; log " + log(dir));
      probe.publish(entry, CODEC.encode(Frames.start(v, 3, TinyBench.PROMPT, 2))); // during the drain

      assertTrue(node.waitFor(DRAIN_MS + 15_000, TimeUnit.MILLISECONDS), "exits after the drain");
      long exited = System.nanoTime();
      long tookMs = TimeUnit.NANOSECONDS.toMillis(exited - term);
      assertEquals(143, node.exitValue(), () -> "exit status; log " + log(dir));
      assertTrue(tookMs >= DRAIN_MS - 500, "waited for the drain: " + tookMs + " ms");

      SequenceError refused = SequenceErrorCodec.decode(assertPolled(lateErrors, "refusal of sequence 3"));
      assertEquals(SequenceErrorReason.DRAINING, refused.reason(), refused.describe());
      assertTrue(refused.detail().endsWith("is stopping: no new sequences"), refused.describe());

      SequenceError failed = SequenceErrorCodec.decode(assertPolled(longErrors, "failure of sequence 2"));
      assertEquals(SequenceErrorReason.DRAINING, failed.reason(), failed.describe());
      assertTrue(failed.detail().contains("stopped before the sequence finished"), failed.describe());

      Set<Long> steps = new TreeSet<>();
      for (byte[] b = firstShort; b != null; b = shortTokens.poll()) {
        long step = CODEC.decode(b).tokenStep();
        if (step >= TinyBench.PROMPT.length - 1) {
          steps.add(step);
        }
      }
      assertEquals(Set.of(3L, 4L, 5L, 6L, 7L, 8L), steps, "the short sequence's 6 tokens, finished while draining");
      assertTrue(shortErrors.isEmpty(), "the short sequence did not fail");

      // nothing after the exit: what arrives later than a delivery's margin would have been published by a ghost
      Thread.sleep(500);
      everything.clear();
      Thread.sleep(2_500);
      List<String> late = new ArrayList<>();
      for (MqttProbe.Arrived a : everything) {
        late.add(a.topic());
      }
      assertEquals(List.of(), late, "published after the process exited");
      assertTrue(notes.stream().noneMatch(l -> l.startsWith("READY=1") && notes.indexOf(l) > notes.indexOf(ready)),
          "READY=1 once");
    } finally {
      if (node != null) {
        node.destroyForcibly();
      }
      receiver.destroyForcibly();
    }
  }

  private static byte[] assertPolled(BlockingQueue<byte[]> q, String what) throws InterruptedException {
    byte[] b = q.poll(5, TimeUnit.SECONDS);
    assertNotNull(b, what);
    return b;
  }

  /** The onboard application in a JVM of its own, configured as a board would be, with NOTIFY_SOCKET set. */
  private static Process startNode(Path dir, TinyBench bench, Path socket) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    StringBuilder yml = new StringBuilder();
    yml.append("micronaut:\n  server:\n    port: ").append(port).append('\n');
    yml.append("spacemoe:\n  onboard:\n    satellites:\n");
    for (String sat : bench.satellites()) {
      yml.append("      - ").append(sat).append('\n');
    }
    yml.append("    broker: ").append(BROKER.uri()).append('\n');
    yml.append("    data-dir: ").append(bench.workspace.dataDir()).append('\n');
    yml.append("    time-scale: 1.0\n    pinned-slot: 0\n    stop-drain-ms: ").append(DRAIN_MS).append('\n');
    Path config = dir.resolve("application.yml");
    Files.writeString(config, yml.toString());
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp,
        "-Dmicronaut.config.files=" + config, "org.spacemoe.onboard.OnboardApplication")
        .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile());
    pb.environment().put("NOTIFY_SOCKET", socket.toString());
    pb.environment().put("WATCHDOG_USEC", "3000000");
    pb.environment().remove("WATCHDOG_PID");
    return pb.start();
  }

  /** An AF_UNIX datagram receiver like systemd's: each message as one line into {@code notes}. */
  private static Process notifyReceiver(Path dir, Path socket, List<String> notes) throws Exception {
    Path script = dir.resolve("receiver.py");
    Files.writeString(script, String.join("\n",
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
    Process py = new ProcessBuilder("python3", script.toString(), socket.toString()).redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8));
    assertEquals("bound", lines.readLine());
    Thread reader = new Thread(() -> {
      try {
        for (String l = lines.readLine(); l != null; l = lines.readLine()) {
          if (!l.startsWith("BARRIER")) {
            notes.add(l);
          }
        }
      } catch (IOException e) {
        // receiver gone
      }
    }, "notify-receiver");
    reader.setDaemon(true);
    reader.start();
    return py;
  }

  private static String threads(Path dir, Process p) {
    try {
      Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
          Long.toString(p.pid()), "Thread.print").redirectErrorStream(true)
          .redirectOutput(dir.resolve("threads.txt").toFile()).start();
      j.waitFor(20, TimeUnit.SECONDS);
      return dir.resolve("threads.txt").toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static String log(Path dir) {
    try {
      List<String> l = Files.readAllLines(dir.resolve("node.log"));
      return String.join("\n", l.subList(Math.max(0, l.size() - 40), l.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean onPath(String exe) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, exe))) {
        return true;
      }
    }
    return false;
  }
}
