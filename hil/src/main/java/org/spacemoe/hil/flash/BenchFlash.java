package org.spacemoe.hil.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.Inventory;
import org.spacemoe.hil.inventory.InventoryChecks;
import org.spacemoe.hil.inventory.IslMode;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/**
 * Flashes the boards of an inventory, up to four at a time; a board that is down or fails does not stop the
 * others.
 */
public final class BenchFlash {
  /**
   * What to flash.
   *
   * @param distributionZip the onboard distribution zip
   * @param planFile a plan to install with its shards, or null
   * @param shardsDir the exported model directory of that plan, or null
   * @param knownHosts SSH known-hosts file
   * @param sshTimeout SSH connect and authentication timeout
   * @param healthTimeout how long to wait for {@code /health} after a (re)start
   */
  public record Options(Path distributionZip, Path planFile, Path shardsDir, Path knownHosts, Duration sshTimeout,
      Duration healthTimeout) {}

  private BenchFlash() {}

  /**
   * @param boards the boards to flash (all of the inventory's, or those {@code --only} selects)
   * @param progress called with each board's result as it finishes
   */
  public static FlashReport run(Inventory inv, List<Board> boards, Options o, Consumer<BoardFlashResult> progress)
      throws IOException, InterruptedException {
    PlacementPlan plan = null;
    ModelManifest manifest = null;
    if (o.planFile() != null) {
      plan = PlanJson.read(o.planFile());
      InventoryChecks.againstPlan(inv, plan, o.planFile().toString());
      manifest = ModelManifest.read(o.shardsDir().resolve("manifest.json"));
    }
    BenchMesh mesh = null;
    if (inv.isl() == IslMode.MESH) {
      if (plan == null) {
        throw new InvalidInputException("--plan", "needed with isl: mesh in " + inv.source()
            + " (the boards' ISL neighbours and relays come from the plan's constellation)");
      }
      mesh = BenchMesh.forPlan(inv, plan);
    }
    Path scratch = Files.createTempDirectory("spacemoe-flash");
    try {
      Distribution dist = Distribution.unpack(o.distributionZip(), scratch.resolve("dist"));
      FlashSources src = new FlashSources(dist, o.planFile(), plan, o.shardsDir(), manifest);
      Digests digests = new Digests();
      Map<Board, FlashBundle> bundles = new LinkedHashMap<>();
      for (Board b : boards) {
        bundles.put(b, FlashBundle.build(inv, b, src, mesh, digests, scratch));
      }
      List<BoardFlashResult> results = new ArrayList<>();
      boolean planOptional = plan == null;
      try (SshConnector ssh = new SshConnector(o.knownHosts(), o.sshTimeout())) {
        BoardFlasher flasher = new BoardFlasher(ssh, o.healthTimeout());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, Math.max(1, boards.size())));
        try {
          List<Future<BoardFlashResult>> futures = new ArrayList<>();
          for (Board b : boards) {
            futures.add(pool.submit(() -> {
              BoardFlashResult r = flasher.flash(b, bundles.get(b), planOptional);
              progress.accept(r);
              return r;
            }));
          }
          for (Future<BoardFlashResult> f : futures) {
            results.add(f.get());
          }
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        } finally {
          pool.shutdownNow();
        }
      }
      Map<String, Integer> counts = new LinkedHashMap<>();
      for (FlashOutcome oc : FlashOutcome.values()) {
        counts.put(oc.name().toLowerCase(), (int) results.stream().filter(r -> r.outcome() == oc).count());
      }
      return new FlashReport(inv.source().toString(), o.distributionZip().toString(),
          o.planFile() == null ? null : o.planFile().toString(), results, counts,
          results.stream().allMatch(r -> r.outcome().ok()), inv.isl(), mesh == null ? null : mesh.relays());
    } finally {
      deleteTree(scratch);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
