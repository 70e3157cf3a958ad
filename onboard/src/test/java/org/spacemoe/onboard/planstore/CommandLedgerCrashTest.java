package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.uplink.CommandGate;
import org.spacemoe.onboard.uplink.CommandRefusedException;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.CommandSigner;
import org.spacemoe.shared.uplink.SignedCommand;

/**
 * The command counter survives a process kill: a child JVM admits a signed command and is halted at every write
 * point of the ledger, or killed with SIGKILL after admitting it; the next boot refuses the same command as
 * REPLAYED exactly when its counter was committed (from {@code ledger.renamed} on), and never loses a committed one.
 */
@Timeout(300)
class CommandLedgerCrashTest {
  private static final KeyPair GROUND = PlanKeys.generate();
  private static final CommandSigner SIGNER = new CommandSigner(GROUND.getPrivate(), GROUND.getPublic());
  private static final SignedCommand CMD = SIGNER.sign(Command.activate("c-1", 2), "S1", 5);

  @TempDir Path tmp;

  private String[] args(Path data, Path key, String... more) {
    List<String> a = new java.util.ArrayList<>(List.of("command", data.toString(), tmp.toString(), key.toString(),
        HexFormat.of().formatHex(CMD.toBytes()), "S1"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private Path key() throws Exception {
    Path key = tmp.resolve("ground.pub");
    PlanKeys.writePublic(GROUND.getPublic(), key);
    return key;
  }

  private static RejectReason replay(Path data, Path key) throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      CommandGate gate = new CommandGate(PlanKeys.readTrusted(List.of(key)), store.commands());
      try {
        gate.admit("S1", CMD);
        return null;
      } catch (CommandRefusedException e) {
        return e.reason();
      }
    }
  }

  @Test
  void aHaltAtAnyLedgerWritePointNeverLosesACommittedCounter() throws Exception {
    Path key = key();
    Path traced = tmp.resolve("trace");
    PlanStoreCrashTest.Run trace = PlanStoreCrashTest.run(traced.resolve("logs"),
        List.of(CrashPoints.TRACE_PROPERTY + "=true"), args(traced.resolve("data"), key));
    assertEquals(0, trace.exit(), trace.out());
    List<String> hits = trace.hits();
    assertEquals(List.of(CrashPoints.LEDGER_TMP_WRITTEN, CrashPoints.LEDGER_TMP_SYNCED, CrashPoints.LEDGER_RENAMED,
        CrashPoints.LEDGER_SYNCED, CrashPoints.LEDGER_BAK_TMP_WRITTEN, CrashPoints.LEDGER_BAK_TMP_SYNCED,
        CrashPoints.LEDGER_BAK_RENAMED, CrashPoints.LEDGER_BAK_SYNCED), hits);
    int committedFrom = hits.indexOf(CrashPoints.LEDGER_RENAMED);
    for (int i = 0; i < hits.size(); i++) {
      Path data = tmp.resolve("crash-" + i);
      PlanStoreCrashTest.Run r = PlanStoreCrashTest.run(data.resolve("logs"),
          List.of(CrashPoints.AT_PROPERTY + "=" + (i + 1)), args(data.resolve("data"), key));
      assertEquals(CrashPoints.EXIT_CODE, r.exit(), r.out());
      RejectReason after = replay(data.resolve("data"), key);
      if (i >= committedFrom) {
        assertEquals(RejectReason.REPLAYED, after, "halted at " + hits.get(i) + ": the counter was committed");
      } else {
        assertEquals(null, after, "halted at " + hits.get(i) + ": not committed, not carried out, accepted now");
      }
    }
  }

  @Test
  void aCommandReplayedAfterSigkillAndRestartIsRefused() throws Exception {
    Path key = key();
    Path data = tmp.resolve("data");
    Path logs = tmp.resolve("kill-logs");
    Process p = PlanStoreCrashTest.child(logs, List.of(), args(data, key, "hold")).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(logs.resolve("stdout.txt"), StandardCharsets.UTF_8).contains("admitted")) {
        assertTrue(p.isAlive() && System.nanoTime() < deadline, () -> "child did not admit the command");
        Thread.sleep(20);
      }
    } finally {
      p.destroyForcibly(); // SIGKILL on Linux
      p.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(137, p.exitValue(), "killed by SIGKILL (128 + 9)");
    assertEquals(RejectReason.REPLAYED, replay(data, key));
    CommandRefusedException e = assertThrows(CommandRefusedException.class, () -> {
      try (PlanStore store = PlanStore.open(data)) {
        new CommandGate(PlanKeys.readTrusted(List.of(key)), store.commands()).admit("S1", CMD);
      }
    });
    assertTrue(e.getMessage().contains("not above the last accepted 5"), e.getMessage());
  }
}
