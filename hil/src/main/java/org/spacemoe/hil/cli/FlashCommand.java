package org.spacemoe.hil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spacemoe.hil.flash.BenchFlash;
import org.spacemoe.hil.flash.BoardFlashResult;
import org.spacemoe.hil.flash.FlashReport;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.Inventory;
import org.spacemoe.hil.inventory.InventoryReader;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.cli.JsonReportWriter;
import org.spacemoe.shared.cli.Progress;
import org.spacemoe.shared.cli.QuietOption;
import org.spacemoe.hil.logs.LogOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flash}: installs the onboard distribution on the boards of an inventory over SSH. */
@Command(name = "flash", mixinStandardHelpOptions = true,
    description = {"Installs or updates the onboard distribution on the boards of a bench inventory over SSH.",
        "Per board, it compares the SHA-256 of every file with the board's current release and copies only what "
            + "differs: the distribution, the generated application.yml and systemd drop-in, the TLS stores, and "
            + "with --plan the plan and the shards of the board's satellites.",
        "It then switches the release atomically, restarts the service (systemd or the distribution's pid-file "
            + "script) and waits until GET /health says UP.",
        "A current board is reported unchanged and not restarted; a board that is down is reported and the rest "
            + "still flash.",
        "With isl: mesh in the inventory each board also gets its own ISL broker (Mosquitto on its isl-port, with a "
            + "password file and an ACL for the neighbouring boards), the ISL endpoints of its satellites' neighbours "
            + "and the relay satellites nearest to it; --plan is then required.",
        "Exit code: 0 every board changed or unchanged, 1 a board failed or is down, 2 bad input."})
final class FlashCommand implements Callable<Integer> {
  @Option(names = "--inventory", required = true, description = "the bench inventory (YAML, see docs/bench.md)")
  Path inventory;

  @Option(names = "--only", description = "flash only this board (its name) or the boards on this host; repeatable")
  List<String> only;

  @Option(names = "--plan", description = "also install this placement plan (data/plan.json on each board)")
  Path plan;

  @Option(names = "--shards", description = "the plan's exported model directory (manifest.json and shards); with --plan")
  Path shards;

  @Mixin SshFlashOptions ssh;

  @Option(names = "--report", description = "write the JSON report here")
  Path report;

  @Mixin QuietOption quiet;

  @Mixin LogOptions logs;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((plan == null) != (shards == null)) {
      throw new InvalidInputException(plan == null ? "--shards" : "--plan", "needs " + (plan == null ? "--plan" : "--shards") + " too");
    }
    Inventory inv = InventoryReader.read(inventory);
    List<Board> boards = inv.boards();
    if (only != null && !only.isEmpty()) {
      boards = inv.boards().stream().filter(b -> only.contains(b.name()) || only.contains(b.host())).toList();
      for (String o : only) {
        if (inv.select(o).isEmpty()) {
          throw new InvalidInputException("--only", "no board named or on host '" + o + "' in " + inventory);
        }
      }
    }
    BenchFlash.Options o = ssh.options(plan, shards);
    PrintWriter out = spec.commandLine().getOut();
    FlashReport r;
    logs.apply(null);
    try (Progress bar = quiet.progress("boards", boards.size())) {
      r = BenchFlash.run(inv, boards, o, x -> {
        bar.message(x.board() + " " + x.outcome().name().toLowerCase());
        bar.step();
      });
    }
    print(out, r);
    JsonReportWriter.write(report, r, out);
    out.flush();
    return r.ok() ? 0 : 1;
  }

  private static void print(PrintWriter o, FlashReport r) {
    o.printf("%n%-14s %-16s %-9s %-16s %7s %10s %-4s %-6s %s%n", "board", "host", "outcome", "release", "files",
        "copied MB", "restarted", "health", "reason");
    for (BoardFlashResult b : r.boards()) {
      o.printf("%-14s %-16s %-9s %-16s %3d/%-3d %10.1f %-9s %-6s %s%n", b.board(), b.host(),
          b.outcome().name().toLowerCase(), b.release() == null ? "-" : b.release(), b.filesChanged(), b.filesTotal(),
          b.bytesCopied() / 1e6, b.serviceStarted() ? "yes" : "no", b.health() == null ? "-" : b.health(),
          b.reason() == null ? "" : b.reason());
    }
    o.printf("boards: %s%n", r.outcomes());
    if (r.relays() != null) {
      StringBuilder sb = new StringBuilder();
      r.relays().forEach((board, sats) -> sb.append(sb.length() == 0 ? "" : "; ").append(board).append(' ')
          .append(sats.size()).append(sats.isEmpty() ? "" : " (" + String.join(", ", sats) + ")"));
      o.printf("isl: mesh, relays per board: %s%n", sb);
    }
  }
}
