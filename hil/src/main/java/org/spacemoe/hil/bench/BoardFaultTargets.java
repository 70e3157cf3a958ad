package org.spacemoe.hil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.spacemoe.hil.flash.BoardKiller;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.Inventory;

/**
 * {@code kill:} faults on a bench of boards: the board hosting the target satellite has its service killed with
 * SIGKILL over SSH (every satellite it hosts goes with it) and its service manager restarts it. Hangs need an
 * in-process runtime and are refused.
 */
final class BoardFaultTargets implements FaultTargets {
  private final BoardKiller killer;
  private final Map<String, Board> bySatellite = new HashMap<>();
  private final List<FaultsReport.NodeRestart> restarts = new ArrayList<>();
  private final Set<Board> killed = ConcurrentHashMap.newKeySet();
  private volatile long t0Nanos = System.nanoTime();

  BoardFaultTargets(Inventory inv, BoardKiller killer) {
    this.killer = killer;
    for (Board b : inv.boards()) {
      b.satellites().forEach(s -> bySatellite.put(s, b));
    }
  }

  /** Restart times are counted from {@code t0Nanos} (the start frame). */
  void startClock(long t0Nanos) {
    this.t0Nanos = t0Nanos;
  }

  @Override
  public void kill(String satellite) {
    Board b = bySatellite.get(satellite);
    if (b == null) {
      throw new IllegalArgumentException("no board hosts " + satellite);
    }
    try {
      killer.kill(b, outcome -> {
        synchronized (restarts) {
          restarts.add(new FaultsReport.NodeRestart(b.satellites(), (System.nanoTime() - t0Nanos) / 1e9,
              "board " + b.name() + " killed (SIGKILL); " + outcome));
        }
      });
      killed.add(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void hang(String satellite) {
    throw new UnsupportedOperationException("hang faults need an in-process runtime (not --inventory)");
  }

  /** The boards killed so far. */
  Set<Board> killed() {
    return Set.copyOf(killed);
  }

  /** The boards restarted so far (script boards: when the bench started them again). */
  List<FaultsReport.NodeRestart> restarts() {
    synchronized (restarts) {
      return List.copyOf(restarts);
    }
  }
}
