package org.spacemoe.onboard.planstore;

import org.spacemoe.shared.plan.envelope.RejectReason;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spacemoe.onboard.shard.ShardLoadException;
import org.spacemoe.onboard.shard.ShardLoader;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ModelManifest;
import org.spacemoe.shared.model.onnx.ShardContract;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;

/**
 * The onboard plan store: stages uplinked plans into an inactive slot, validates them fully, and switches the
 * active plan with one atomic write, so that after a kill at any moment the node boots into exactly the old or
 * the new plan. See {@code package-info.java} for the layout and the protocol. One process owns a store at a time
 * (a file lock on {@code store/.lock}); the methods are synchronized.
 */
public final class PlanStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PlanStore.class);

  public static final String STORE_DIR = "store";
  public static final String PLANS_DIR = "plans";
  public static final String INCOMING_DIR = "incoming";
  public static final String TRASH_DIR = "trash";
  public static final String SIGNED_PLAN_FILE = "signed-plan.json";
  public static final String PLAN_FILE = "plan.json";
  public static final String MODEL_DIR = "model";
  /** The key of the model manifest in {@link #stage}'s file map (the shards are keyed by shard name). */
  public static final String MANIFEST_KEY = ShardContract.MANIFEST_FILE;
  private static final String LOCK_FILE = ".lock";

  private final Path storeDir;
  private final Path plansDir;
  private final Path incomingDir;
  private final Path trashDir;
  private final StateFile stateFile;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final List<String> recoveryNotes;
  private final Map<Long, StoredPlan> plans = new HashMap<>();
  private final CommandLedger ledger;
  private StoreState state;
  private boolean closed;

  private PlanStore(Path storeDir, FileChannel lockChannel, FileLock lock) {
    this.storeDir = storeDir;
    this.plansDir = storeDir.resolve(PLANS_DIR);
    this.incomingDir = storeDir.resolve(INCOMING_DIR);
    this.trashDir = storeDir.resolve(TRASH_DIR);
    this.stateFile = new StateFile(storeDir);
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.recoveryNotes = new ArrayList<>();
    this.ledger = CommandLedger.open(storeDir);
    if (ledger.problem() != null) {
      recoveryNotes.add("command ledger: " + ledger.problem());
    }
  }

  /** The command counters and key changes of this store (anti-replay), persisted like the state. */
  public CommandLedger commands() {
    return ledger;
  }

  /**
   * Opens (creating if needed) the store under {@code dataDir/store/} and recovers from whatever a kill left:
   * deletes {@code incoming/}, {@code trash/} and temp files, reads {@code state.json} (corrupt: its mirror
   * {@code state.json.bak}; both bad: the empty state), drops a slot whose directory is not complete, and removes
   * plan directories the state does not name (kept if the state had to fall back to empty, for inspection).
   *
   * @throws IllegalStateException if another process holds the store
   */
  public static PlanStore open(Path dataDir) throws IOException {
    Path storeDir = dataDir.resolve(STORE_DIR);
    Files.createDirectories(storeDir.resolve(PLANS_DIR));
    Files.createDirectories(storeDir.resolve(INCOMING_DIR));
    Files.createDirectories(storeDir.resolve(TRASH_DIR));
    FileChannel ch = FileChannel.open(storeDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      throw new IllegalStateException("plan store " + storeDir + " is in use by another process or PlanStore");
    }
    PlanStore store = new PlanStore(storeDir, ch, lock);
    try {
      store.recover();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void recover() throws IOException {
    int leftovers = Durable.deleteContents(incomingDir);
    if (leftovers > 0) {
      recoveryNotes.add("deleted " + leftovers + " unfinished staging director" + (leftovers == 1 ? "y" : "ies")
          + " from incoming/");
    }
    Durable.deleteContents(trashDir);
    deleteTempFiles(storeDir);
    for (Path dir : planDirs()) {
      if (Files.isDirectory(dir)) {
        deleteTempFiles(dir);
      }
    }
    StateFile.Loaded loaded = stateFile.load();
    recoveryNotes.addAll(loaded.notes());
    StoreState s = loaded.state();
    boolean rewrite = loaded.rewrite();
    boolean fellBackToEmpty = s.equals(StoreState.EMPTY) && !loaded.notes().isEmpty();
    for (long v : s.referenced()) {
      try {
        plans.put(v, readStored(v));
      } catch (IOException | RuntimeException e) {
        recoveryNotes.add("the state names v" + v + " but " + e.getMessage() + "; dropping it from the state");
        s = s.without(v);
        rewrite = true;
      }
    }
    state = s;
    if (rewrite) {
      stateFile.write(s);
    }
    for (String note : recoveryNotes) {
      LOG.warn("plan store {}: {}", storeDir, note);
    }
    if (fellBackToEmpty) {
      LOG.warn("plan store {}: plan directories kept for inspection until the next state write", storeDir);
    } else {
      gcQuietly();
    }
    LOG.info("plan store {}: {}", storeDir, state);
  }

  private static void deleteTempFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tmp")) {
      for (Path p : ds) {
        Durable.deleteTree(p);
      }
    }
  }

  /** What recovery at {@link #open} found wrong (empty after a clean shutdown or a kill at a safe point). */
  public synchronized List<String> recoveryNotes() {
    return Collections.unmodifiableList(new ArrayList<>(recoveryNotes));
  }

  public synchronized Optional<StoredPlan> activePlan() {
    return slot(state.active());
  }

  public synchronized Optional<StoredPlan> stagedPlan() {
    return slot(state.staged());
  }

  public synchronized Optional<StoredPlan> previousPlan() {
    return slot(state.previous());
  }

  /**
   * A shard file (or model manifest) this store already holds with SHA-256 {@code sha256} (hex), in the active,
   * staged or previous plan: a new version whose shard has the same bytes need not be sent again. The caller checks
   * the file's digest before using it.
   */
  public synchronized Optional<Path> heldShard(String sha256) {
    for (Long v : new Long[] {state.active(), state.staged(), state.previous()}) {
      if (v == null) {
        continue;
      }
      StoredPlan sp = plans.get(v);
      // the signed plan names every shard's digest and the manifest's; the store holds this node's shards of them
      for (Map.Entry<String, String> e : sp.plan().shardDigests().entrySet()) {
        String name = e.getKey();
        boolean manifest = ShardContract.MANIFEST_FILE.equals(name);
        if (!e.getValue().equalsIgnoreCase(sha256) || !(manifest || sp.shards().containsKey(name))) {
          continue;
        }
        Path f = sp.modelDir().resolve(manifest ? ShardContract.MANIFEST_FILE : ShardContract.fileName(name));
        if (Files.isRegularFile(f)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  private Optional<StoredPlan> slot(Long v) {
    return v == null ? Optional.empty() : Optional.of(plans.get(v));
  }

  /** {@code DATA_DIR/store/}. */
  public Path directory() {
    return storeDir;
  }

  /**
   * Stages an uplinked plan: authenticates it, checks it against this node, copies it and the shards this node's
   * satellites need into {@code incoming/<v>/}, checks the copies (digests, memory, ONNX Runtime load), moves the
   * directory to {@code plans/<v>/}, marks it {@code COMPLETE} and records it as staged. The active plan is never
   * touched. Checks, in order, each failure a {@link StagingRejectedException} (and {@code incoming/<v>/} deleted):
   * authenticate; version newer than the active one unless the envelope says rollback ({@code STALE_VERSION});
   * constellation and model identity; every layer and expert placed on satellites of the constellation
   * ({@code SEMANTIC}); the manifest and every needed shard received ({@code TRANSFER}) and matching the plan's
   * digests and the manifest ({@code DIGEST_MISMATCH}); per satellite, the fp32 weight bytes of its shards within
   * the device memory ({@code MEMORY}); every needed shard loads in ONNX Runtime ({@code SHARD_LOAD}).
   *
   * <p>Re-staging a version already staged (or kept as previous) replaces it: the state first stops naming it.
   *
   * @param signedPlanBytes the envelope exactly as received (kept as {@code signed-plan.json})
   * @param shardFiles the received files: {@value #MANIFEST_KEY} the model manifest, and shard name (e.g.
   *     {@code layer00.expert01}) to shard file; files not needed by this node are ignored
   * @param ctx what this node is, and its authenticator
   * @throws IOException if the store itself cannot be written once the plan is accepted (the state stays the old
   *     one)
   */
  public synchronized StoredPlan stage(byte[] signedPlanBytes, Map<String, Path> shardFiles, StagingContext ctx)
      throws StagingRejectedException, IOException {
    ensureOpen();
    PlacementPlan plan;
    try {
      plan = authenticate(ctx, signedPlanBytes);
    } catch (StagingRejectedException e) {
      LOG.warn("plan rejected: {}", e.getMessage());
      throw e;
    }
    long v = plan.planVersion();
    Path work = incomingDir.resolve(Long.toString(v));
    Map<String, String> held;
    try {
      Durable.deleteTree(work);
      held = validateInto(work, signedPlanBytes, shardFiles == null ? Map.of() : shardFiles, ctx, plan);
    } catch (StagingRejectedException e) {
      deleteQuietly(work);
      LOG.warn("plan v{} rejected: {}", v, e.getMessage());
      throw e;
    } catch (IOException | RuntimeException e) {
      deleteQuietly(work);
      throw e;
    }
    CrashPoints.hit(CrashPoints.VALIDATED);
    return commitStaged(v, work, plan, held);
  }

  private PlacementPlan authenticate(StagingContext ctx, byte[] bytes) throws StagingRejectedException {
    AuthenticatedPlan auth;
    try {
      auth = ctx.authenticator().authenticate(bytes);
    } catch (StagingRejectedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StagingRejectedException(RejectReason.MALFORMED_ENVELOPE, "authenticator failed: " + e, e);
    }
    if (auth == null) {
      throw new StagingRejectedException(RejectReason.MALFORMED_ENVELOPE, "authenticator returned nothing");
    }
    PlacementPlan plan = auth.plan();
    PlanChecks.wellFormed(plan);
    long v = plan.planVersion();
    Long active = state.active();
    if (active != null && v == active) {
      throw new StagingRejectedException(RejectReason.STALE_VERSION, "plan v" + v + " is already the active plan");
    }
    if (active != null && v < active && !auth.rollback()) {
      throw new StagingRejectedException(RejectReason.STALE_VERSION, "plan v" + v + " is not newer than the active v"
          + active + " and the envelope does not say rollback");
    }
    return plan;
  }

  /** Copies into {@code work} and runs every check after authentication; returns the shards held, name to SHA. */
  private Map<String, String> validateInto(Path work, byte[] signed, Map<String, Path> files, StagingContext ctx,
      PlacementPlan plan) throws StagingRejectedException, IOException {
    var constellation = PlanChecks.identity(plan, ctx);
    PlanChecks.semantic(plan, constellation);
    Map<String, SortedSet<String>> bySatellite = NodeShards.bySatellite(plan, ctx.satellites());
    SortedSet<String> needed = NodeShards.union(bySatellite);

    // copy: what is checked from here on is the copy that will be kept
    Path model = work.resolve(MODEL_DIR);
    Map<String, String> copied = new LinkedHashMap<>();
    ModelManifest manifest;
    try {
      Files.createDirectories(model);
      Durable.writeSynced(work.resolve(SIGNED_PLAN_FILE), signed, CrashPoints.FILE_WRITTEN, CrashPoints.FILE_SYNCED);
      Durable.writeSynced(work.resolve(PLAN_FILE), PlanJson.toBytes(plan), CrashPoints.FILE_WRITTEN,
          CrashPoints.FILE_SYNCED);
      Path manifestCopy = model.resolve(ShardContract.MANIFEST_FILE);
      Durable.copySynced(received(files, MANIFEST_KEY, "the model manifest"), manifestCopy);
      try {
        manifest = ModelManifest.read(manifestCopy);
      } catch (InvalidInputException e) {
        throw new StagingRejectedException(RejectReason.TRANSFER, "the received model manifest is not valid: "
            + e.getMessage());
      }
      PlanChecks.manifestModel(manifest.shape(), plan.inputs().model());
      for (String name : needed) {
        Path from = received(files, name, "shard " + name);
        copied.put(name, Durable.copySynced(from, model.resolve(ShardContract.fileName(name))));
      }
      Durable.fsyncDir(model);
      Durable.fsyncDir(work);
      Durable.fsyncDir(incomingDir);
      CrashPoints.hit(CrashPoints.INCOMING_SYNCED);
    } catch (NoSuchFileException e) {
      throw new StagingRejectedException(RejectReason.TRANSFER, "received file " + e.getFile() + " is missing");
    } catch (IOException e) {
      throw new StagingRejectedException(RejectReason.TRANSFER, "cannot store the received files: " + e);
    }

    checkDigests(plan, manifest, model, copied);
    checkMemory(manifest, bySatellite, ctx);
    checkLoads(manifest, model, needed, ctx.intraOpThreads());
    return copied;
  }

  private static Path received(Map<String, Path> files, String key, String what) throws StagingRejectedException {
    Path p = files.get(key);
    if (p == null) {
      throw new StagingRejectedException(RejectReason.TRANSFER, what + " was not received (no file for '" + key
          + "')");
    }
    if (!Files.isRegularFile(p)) {
      throw new StagingRejectedException(RejectReason.TRANSFER, what + ": received file " + p + " is missing");
    }
    return p;
  }

  private static void checkDigests(PlacementPlan plan, ModelManifest manifest, Path model,
      Map<String, String> copied) throws StagingRejectedException, IOException {
    Map<String, String> planDigests = plan.shardDigests();
    for (Map.Entry<String, String> c : copied.entrySet()) {
      String name = c.getKey();
      String actual = c.getValue();
      if (!planDigests.isEmpty()) {
        String want = planDigests.get(name);
        if (want == null) {
          throw new StagingRejectedException(RejectReason.DIGEST_MISMATCH, "the plan lists shard digests but none for "
              + name);
        }
        if (!want.equalsIgnoreCase(actual)) {
          throw new StagingRejectedException(RejectReason.DIGEST_MISMATCH, "shard " + name + " has SHA-256 " + actual
              + ", the plan says " + want);
        }
      }
      ShardEntry entry = manifest.shard(name);
      if (!entry.sha256().equals(actual)) {
        throw new StagingRejectedException(RejectReason.DIGEST_MISMATCH, "shard " + name + " has SHA-256 " + actual
            + ", the model manifest says " + entry.sha256());
      }
      long size = Files.size(model.resolve(ShardContract.fileName(name)));
      if (size != entry.bytes()) {
        throw new StagingRejectedException(RejectReason.DIGEST_MISMATCH, "shard " + name + " has " + size
            + " bytes, the model manifest says " + entry.bytes());
      }
    }
  }

  private static void checkMemory(ModelManifest manifest, Map<String, SortedSet<String>> bySatellite,
      StagingContext ctx) throws StagingRejectedException {
    long memory = ctx.device().memoryBytes();
    for (Map.Entry<String, SortedSet<String>> e : bySatellite.entrySet()) {
      long bytes = 0;
      for (String name : e.getValue()) {
        bytes += NodeShards.fp32Bytes(manifest.shard(name), manifest.shape());
      }
      if (bytes > memory) {
        throw new StagingRejectedException(RejectReason.MEMORY, "satellite " + e.getKey() + " must hold "
            + e.getValue().size() + " shards, " + bytes + " bytes as fp32, its device " + ctx.device().name()
            + " has " + memory + " bytes");
      }
    }
  }

  private static void checkLoads(ModelManifest manifest, Path model, SortedSet<String> needed, int threads)
      throws StagingRejectedException {
    ShardLoader loader = new ShardLoader(model, manifest, threads);
    for (String name : needed) {
      ShardEntry s = manifest.shard(name);
      try (AutoCloseable executor = switch (s.kind()) {
        case EMBED -> loader.embedding();
        case GATEWAY -> loader.gateway(s.layer());
        case EXPERT -> loader.expert(s.layer(), s.expert());
        case HEAD -> loader.head();
        case ATTENTION_PART -> loader.attentionPart(s.layer(), s.width(), s.part());
        case COMBINE -> loader.combine(s.layer());
        case HEAD_SLICE -> loader.headSlice(s.width(), s.part());
      }) {
        Objects.requireNonNull(executor);
      } catch (ShardLoadException e) {
        throw new StagingRejectedException(RejectReason.SHARD_LOAD, e.getMessage(), e);
      } catch (Exception e) {
        throw new StagingRejectedException(RejectReason.SHARD_LOAD, "shard " + name + ": " + e, e);
      }
    }
  }

  private StoredPlan commitStaged(long v, Path work, PlacementPlan plan, Map<String, String> held)
      throws IOException {
    Path dest = plansDir.resolve(Long.toString(v));
    if (state.references(v)) {
      // re-staging a version the state names (staged or previous): first stop naming it, so that no kill can leave
      // the state pointing at a directory being replaced; the state write's GC removes the old copy
      writeState(state.without(v));
    }
    if (Files.exists(dest)) {
      Path old = trashDir.resolve(v + "." + System.nanoTime());
      Durable.moveAtomically(dest, old);
      Durable.fsyncDir(plansDir);
      CrashPoints.hit(CrashPoints.OLD_COPY_TRASHED);
      Durable.deleteTree(old);
    }
    Durable.moveAtomically(work, dest);
    CrashPoints.hit(CrashPoints.PLAN_DIR_RENAMED);
    Durable.fsyncDir(plansDir);
    Durable.fsyncDir(incomingDir);
    CrashPoints.hit(CrashPoints.PLAN_DIR_SYNCED);
    Durable.replaceAtomically(dest.resolve(CompleteMarker.NAME), new CompleteMarker(v, held).toJson(),
        CrashPoints.COMPLETE_TMP_WRITTEN, CrashPoints.COMPLETE_TMP_SYNCED, CrashPoints.COMPLETE_RENAMED,
        CrashPoints.COMPLETE_SYNCED);
    StoredPlan sp = new StoredPlan(v, plan, dest, dest.resolve(MODEL_DIR), held);
    plans.put(v, sp);
    writeState(state.withStaged(v));
    LOG.info("plan v{} staged in {} ({} shards)", v, dest, held.size());
    return sp;
  }

  /**
   * Makes {@code version} the active plan: the staged one, or (a rollback) another complete plan in the store such
   * as the previous one. One atomic state write: previous = the active plan, active = {@code version}, staged =
   * none. The plan directory is re-verified first. Activating the active plan does nothing.
   *
   * @throws IllegalArgumentException if {@code version} is neither staged nor a complete plan in the store
   * @throws IllegalStateException if its directory no longer verifies
   */
  public synchronized StoredPlan activate(long version) throws IOException {
    ensureOpen();
    if (Objects.equals(state.active(), version)) {
      return plans.get(version);
    }
    StoredPlan sp = plans.get(version);
    if (sp == null) {
      try {
        sp = readStored(version);
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("plan v" + version + " is neither staged nor complete in the store: "
            + e.getMessage());
      }
    }
    requireIntact(sp);
    plans.put(version, sp);
    writeState(new StoreState(version, null, state.active()));
    LOG.info("plan v{} active ({})", version, state);
    return sp;
  }

  /**
   * Swaps the active and the previous plan (one atomic state write); the staged plan stays staged. A store
   * primitive: commands go through {@link #rollbackTo}.
   *
   * @throws IllegalStateException if there is no previous plan or its directory no longer verifies
   */
  public synchronized StoredPlan rollback() throws IOException {
    ensureOpen();
    Long prev = state.previous();
    if (prev == null) {
      throw new IllegalStateException("no previous plan to roll back to (" + state + ")");
    }
    StoredPlan sp = plans.get(prev);
    requireIntact(sp);
    writeState(new StoreState(prev, state.staged(), state.active()));
    LOG.info("rolled back to plan v{} ({})", prev, state);
    return sp;
  }

  /**
   * Goes back to exactly {@code version}: older than the active plan, and held as the previous plan (active and
   * previous swap) or staged from a signed rollback envelope (it becomes active, the active plan previous). One
   * atomic state write. Rolling back to the active version does nothing.
   *
   * @throws IllegalArgumentException if {@code version} is not older than the active one, or not held
   *     (message starts with {@code "not held"})
   * @throws IllegalStateException if its directory no longer verifies
   */
  public synchronized StoredPlan rollbackTo(long version) throws IOException {
    ensureOpen();
    Long active = state.active();
    if (Objects.equals(active, version)) {
      return plans.get(version);
    }
    if (active == null || version > active) {
      throw new IllegalArgumentException("v" + version + " is not older than the active v" + active
          + ": a rollback only goes back (activate goes forward)");
    }
    if (Objects.equals(state.previous(), version)) {
      return rollback();
    }
    if (!Objects.equals(state.staged(), version)) {
      throw new IllegalArgumentException("not held: v" + version + " is neither the previous nor a staged plan ("
          + state + ")");
    }
    StoredPlan sp = plans.get(version);
    requireIntact(sp);
    writeState(new StoreState(version, null, active));
    LOG.info("rolled back to staged plan v{} ({})", version, state);
    return sp;
  }

  private static void requireIntact(StoredPlan sp) {
    List<String> problems = PlanIntegrity.problems(sp);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("plan v" + sp.version() + " is damaged: " + String.join("; ", problems));
    }
  }

  /** Commits {@code next} (state.json, then its mirror), then removes the plan directories it does not name. */
  private void writeState(StoreState next) throws IOException {
    try {
      stateFile.write(next);
    } catch (IOException | RuntimeException e) {
      reloadState();
      throw e;
    }
    state = next;
    plans.keySet().retainAll(next.referenced());
    gcQuietly();
  }

  /** After a failed state write, whichever state is on disk is the state. */
  private void reloadState() {
    StoreState s = stateFile.load().state();
    for (long v : s.referenced()) {
      if (!plans.containsKey(v)) {
        try {
          plans.put(v, readStored(v));
        } catch (IOException | RuntimeException e) {
          s = s.without(v);
        }
      }
    }
    state = s;
  }

  private void gcQuietly() {
    try {
      List<String> removed = new ArrayList<>();
      for (Path dir : planDirs()) {
        String name = dir.getFileName().toString();
        Long v = parseVersion(name);
        if (v != null && state.references(v)) {
          continue;
        }
        Durable.moveAtomically(dir, trashDir.resolve(name + "." + System.nanoTime()));
        CrashPoints.hit(CrashPoints.GC_TRASHED);
        removed.add(name);
      }
      if (!removed.isEmpty()) {
        Durable.fsyncDir(plansDir);
        Durable.deleteContents(trashDir);
        CrashPoints.hit(CrashPoints.GC_DELETED);
        LOG.info("plan store {}: removed plan directories {}", storeDir, removed);
      }
    } catch (IOException e) {
      LOG.warn("plan store {}: garbage collection failed (retried after the next state write): {}", storeDir,
          e.toString());
    }
  }

  private List<Path> planDirs() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(plansDir)) {
      ds.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  private static Long parseVersion(String name) {
    if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(name);
  }

  /** A complete plan directory, or an exception saying why it is not one. */
  private StoredPlan readStored(long v) throws IOException {
    Path dir = plansDir.resolve(Long.toString(v));
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "its directory does not exist");
    }
    CompleteMarker marker;
    try {
      marker = CompleteMarker.parse(Files.readAllBytes(dir.resolve(CompleteMarker.NAME)));
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(dir + " has no " + CompleteMarker.NAME + " marker");
    }
    if (marker.version() != v) {
      throw new IllegalStateException(dir + "/" + CompleteMarker.NAME + " is for v" + marker.version());
    }
    PlacementPlan plan = PlanJson.read(dir.resolve(PLAN_FILE));
    if (plan.planVersion() != v) {
      throw new IllegalStateException(dir + "/" + PLAN_FILE + " is v" + plan.planVersion());
    }
    Path model = dir.resolve(MODEL_DIR);
    if (!Files.isDirectory(model)) {
      throw new IllegalStateException(dir + " has no " + MODEL_DIR + " directory");
    }
    return new StoredPlan(v, plan, dir, model, marker.shards());
  }

  private static void deleteQuietly(Path p) {
    try {
      Durable.deleteTree(p);
    } catch (IOException e) {
      LOG.warn("cannot delete {} (removed at the next start): {}", p, e.toString());
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("plan store " + storeDir + " is closed");
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }
}
