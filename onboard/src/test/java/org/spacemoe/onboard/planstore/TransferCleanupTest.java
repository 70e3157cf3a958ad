package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.uplink.UplinkReceiver;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * At start-up the uplink receiver deletes the work directories of transfers whose plan version the store already
 * holds or that is older than the active one, and keeps those still in progress (or of unknown version).
 */
@Timeout(60)
class TransferCleanupTest {
  @TempDir Path data;

  @Test
  void finishedTransferDirectoriesAreDeletedAtStartUp() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      StoreFixture.stage(store, 3);
      store.activate(3);
      StoreFixture.stage(store, 4);
      Path work = data.resolve(PlanStore.STORE_DIR).resolve("transfers");
      transfer(work, "p00s00", 11, "2"); // older than the active v3
      transfer(work, "p00s00", 12, "3"); // active
      transfer(work, "p01s06", 13, "4"); // staged
      transfer(work, "p01s06", 14, "5"); // still coming in
      transfer(work, "p01s06", 15, null); // no version recorded: kept
      UplinkReceiver receiver = new UplinkReceiver(store, offered -> StoreFixture.ctx(), StoreFixture.SATELLITES,
          null, new UplinkReceiver.Node() {
            @Override
            public void install(PlacementPlan plan, Path modelDir) {}

            @Override
            public void activate(long version) {}

            @Override
            public void setStagedVersion(long version) {}

            @Override
            public long activePlanVersion() {
              return 3;
            }
          }, (sat, report) -> { }, work);
      receiver.close();
      assertEquals(List.of(), StoreFixture.list(work.resolve("p00s00")));
      assertEquals(List.of("14", "15"), StoreFixture.list(work.resolve("p01s06")));
      assertEquals(List.of("done", "layer00.expert00.part", "plan-version"),
          StoreFixture.list(work.resolve("p01s06").resolve("14")));
    }
  }

  private static void transfer(Path work, String sat, long id, String version) throws Exception {
    Path dir = work.resolve(sat).resolve(Long.toString(id));
    Files.createDirectories(dir.resolve("done"));
    Files.write(dir.resolve("done").resolve("layer00.gateway"), new byte[] {1, 2, 3});
    Files.write(dir.resolve("layer00.expert00.part"), new byte[] {4});
    if (version != null) {
      Files.writeString(dir.resolve("plan-version"), version);
    }
  }
}
