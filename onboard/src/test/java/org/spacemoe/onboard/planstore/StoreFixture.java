package org.spacemoe.onboard.planstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.spacemoe.onboard.shard.TinyModel;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.model.onnx.WeightFormat;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.PlanJson;

/**
 * The tiny model (2 layers x 4 experts) on {@code walker-star:planes=6,sats=12}, a node playing {@code p00s00} and
 * {@code p01s06}, and two hand-built plan layouts: odd versions (layout A) give the node the embedding, layer 0's
 * gateway and expert 0 of layer 1; even versions (layout B) layer 1's gateway, the head and expert 2 of layer 0.
 */
final class StoreFixture {
  static final String SPEC = "walker-star:planes=6,sats=12";
  static final String CONSTELLATION_ID = ConstellationSpecs.parse(SPEC).id();
  static final PlanInputs.ModelDims MODEL = new PlanInputs.ModelDims("tiny", 2, 4, 2, 32, 64, 64);
  static final List<String> SATELLITES = List.of("p00s00", "p01s06");

  private StoreFixture() {}

  /** The exported tiny model (fp32, seed 7, Zipf 1.0), once per JVM. */
  static Path modelDir() {
    return TinyModel.tiny(WeightFormat.FP32);
  }

  static StagingContext ctx() {
    return ctx(PlainPlanAuthenticator.PLAIN);
  }

  static StagingContext ctx(PlanAuthenticator auth) {
    return new StagingContext(auth, CONSTELLATION_ID, MODEL, DeviceProfile.SBC_2A72, SATELLITES);
  }

  /** Plan {@code version} (layout A if odd, B if even) with every shard's digest from the model manifest. */
  static PlacementPlan plan(long version, Path modelDir) {
    return plan(version, layers(version % 2 == 1), digests(modelDir));
  }

  static PlacementPlan plan(long version, List<LayerPlacement> layers, Map<String, String> digests) {
    PlanInputs inputs = new PlanInputs(SPEC, MODEL, new PlanInputs.DeviceSpec("sbc-2a72", 7e9, 8L << 30), "fp32", 64,
        100e9, 0.12, 0.95, 200, 42L, "zipf:1.0",
        List.of(new double[] {0.4, 0.3, 0.2, 0.1}, new double[] {0.4, 0.3, 0.2, 0.1}));
    return new PlacementPlan(PlacementPlan.SCHEMA_VERSION, version, "hand", CONSTELLATION_ID, layers, digests, inputs);
  }

  static List<LayerPlacement> layers(boolean layoutA) {
    if (layoutA) {
      return List.of(
          layer(0, "p00s00", "p01s00", "p02s00", "p03s00", "p04s00"),
          layer(1, "p00s06", "p01s06", "p02s06", "p03s06", "p04s06"));
    }
    return List.of(
        layer(0, "p00s03", "p01s03", "p02s03", "p01s06", "p04s03"),
        layer(1, "p00s00", "p01s09", "p02s09", "p03s09", "p04s09"));
  }

  static LayerPlacement layer(int l, String gateway, String... experts) {
    List<String> subnet = new ArrayList<>();
    subnet.add(gateway);
    List<List<String>> hosts = new ArrayList<>();
    for (String e : experts) {
      subnet.add(e);
      hosts.add(List.of(e));
    }
    return new LayerPlacement(l, subnet, gateway, hosts);
  }

  /** The shards the node holds for a version's layout. */
  static TreeSet<String> neededShards(long version) {
    return version % 2 == 1
        ? new TreeSet<>(List.of("embed", "layer00.gateway", "layer01.expert00"))
        : new TreeSet<>(List.of("head", "layer01.gateway", "layer00.expert02"));
  }

  static Map<String, String> digests(Path modelDir) {
    Map<String, String> m = new TreeMap<>();
    for (ShardEntry s : ModelManifest.read(modelDir).shards()) {
      m.put(s.name(), s.sha256());
    }
    return m;
  }

  /** Every file of the model, as received: the manifest and every shard by name. */
  static Map<String, Path> shardFiles(Path modelDir) {
    Map<String, Path> m = new TreeMap<>();
    m.put(PlanStore.MANIFEST_KEY, modelDir.resolve(ShardContract.MANIFEST_FILE));
    for (ShardEntry s : ModelManifest.read(modelDir).shards()) {
      m.put(s.name(), modelDir.resolve(s.file()));
    }
    return m;
  }

  static byte[] bytes(PlacementPlan plan) {
    return PlanJson.toBytes(plan);
  }

  /** Stages {@code version} with the plain authenticator and every model file. */
  static StoredPlan stage(PlanStore store, long version) throws Exception {
    Path model = modelDir();
    return store.stage(bytes(plan(version, model)), shardFiles(model), ctx());
  }

  /**
   * The plan in {@code slot} (if any) is whole: complete, verified, of the expected version, holding exactly the
   * shards its layout gives the node; returns its version.
   */
  static Optional<Long> assertIntact(Optional<StoredPlan> slot) {
    if (slot.isEmpty()) {
      return Optional.empty();
    }
    StoredPlan sp = slot.get();
    List<String> problems = PlanIntegrity.problems(sp);
    assertTrue(problems.isEmpty(), "plan v" + sp.version() + ": " + problems);
    assertEquals(sp.version(), sp.plan().planVersion());
    assertEquals(neededShards(sp.version()), new TreeSet<>(sp.shards().keySet()), "shards held by v"
        + sp.version());
    assertTrue(Files.isRegularFile(sp.directory().resolve(CompleteMarker.NAME)));
    return Optional.of(sp.version());
  }

  /** Names in a directory, sorted (empty if it does not exist). */
  static List<String> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
