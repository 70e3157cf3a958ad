package org.spacemoe.onboard.uplink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import org.spacemoe.onboard.planstore.AuthenticatedPlan;
import org.spacemoe.onboard.planstore.CrashPoints;
import org.spacemoe.onboard.planstore.PlanStore;
import org.spacemoe.onboard.planstore.StagingContext;
import org.spacemoe.onboard.planstore.StagingRejectedException;
import org.spacemoe.onboard.planstore.StoredPlan;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.envelope.PlanRejectedException;
import org.spacemoe.shared.plan.envelope.PlanVerifier;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.plan.envelope.SignedPlan;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.SignedCommand;
import org.spacemoe.shared.uplink.MissingChunks;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.ShardAssembler;
import org.spacemoe.shared.uplink.ShardChunk;
import org.spacemoe.shared.uplink.ShardOffer;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.TransferOffer;
import org.spacemoe.shared.uplink.UplinkMessage;
import org.spacemoe.shared.uplink.UplinkStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The satellite side of an uplink: offers, chunks and commands arrive on each hosted satellite's command topic;
 * each offer is verified (signature first), its shards assembled chunk by chunk (resumable: a re-sent offer
 * reports only the chunks still missing), and once every hosted satellite's transfer of a plan version is
 * complete the node stages it in the {@link PlanStore} and installs it beside the running plan. Commands
 * activate or roll back. Every step is reported on the satellite's status topic (retained). Work runs on one
 * thread of its own, never on the MQTT thread; nothing here throws.
 *
 * <p>A transfer's work directory is deleted once its plan is staged (the store keeps its own synced copy), and at
 * start-up those of versions the store already holds or older than the active one ({@link TransferDirs}); an
 * offer of a version already staged or active whose directory is gone is answered with that stage, not
 * transferred again.
 */
public final class UplinkReceiver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UplinkReceiver.class);
  /** Under a transfer's work directory: the shards whose every chunk arrived and whose SHA-256 matched. */
  static final String DONE_DIR = "done";

  /** What the receiver needs from the running node. */
  public interface Node {
    void install(PlacementPlan plan, Path modelDir) throws Exception;

    void activate(long version);

    void setStagedVersion(long version);

    long activePlanVersion();

    /** A command was refused for {@code reason} (counted in telemetry). */
    default void commandRefused(RejectReason reason) {}
  }

  private final PlanStore store;
  private volatile PreparedActivation prepared =
      new PreparedActivation(PreparedActivation.DEFAULT_TIMEOUT_MS, System::nanoTime);
  private final java.util.function.Function<PlacementPlan, StagingContext> contexts;
  private final CommandGate gate;
  private final Node node;
  private final BiConsumer<String, StatusReport> report;
  private final Path work;
  private final List<String> hosted;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "spacemoe-uplink");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Transfer> transfers = new HashMap<>();

  private static final class Transfer {
    final TransferOffer offer;
    final byte[] signedBytes;
    final PlacementPlan plan;
    final Map<Integer, ShardAssembler> assemblers = new TreeMap<>();
    final Map<String, Path> finished = new HashMap<>();
    /** Shards found in a stored plan version by their SHA-256: not transferred. */
    final java.util.Set<String> reused = new java.util.TreeSet<>();
    boolean verified;

    Transfer(TransferOffer offer, byte[] signedBytes, PlacementPlan plan) {
      this.offer = offer;
      this.signedBytes = signedBytes;
      this.plan = plan;
    }
  }

  /**
   * @param contexts what this node is, given the plan offered (the node's identity comes from its active plan,
   *     or, on a node that has none yet, from the first plan it is offered)
   * @param hosted the satellites this node plays
   * @param gate admits signed commands and supplies the plan verifier (the keys trusted now)
   */
  public UplinkReceiver(PlanStore store, java.util.function.Function<PlacementPlan, StagingContext> contexts,
      List<String> hosted, CommandGate gate, Node node, BiConsumer<String, StatusReport> report, Path workDir) {
    this.store = store;
    this.contexts = contexts;
    this.gate = gate;
    this.node = node;
    this.report = report;
    this.work = workDir;
    this.hosted = List.copyOf(hosted);
    removeFinishedTransfers();
  }

  /**
   * Start-up: deletes the directories of transfers whose plan version the store already holds (staged, active or
   * previous) or that is older than the active one; they would never be staged again.
   */
  private void removeFinishedTransfers() {
    try {
      long active = store.activePlan().map(StoredPlan::version).orElse(0L);
      java.util.Set<Long> stored = new java.util.HashSet<>();
      store.activePlan().ifPresent(p -> stored.add(p.version()));
      store.stagedPlan().ifPresent(p -> stored.add(p.version()));
      store.previousPlan().ifPresent(p -> stored.add(p.version()));
      List<Path> gone = TransferDirs.deleteFinished(work, v -> v < active || stored.contains(v));
      if (!gone.isEmpty()) {
        LOG.info("removed {} finished transfer directories: {}", gone.size(), gone);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot clean up transfer directories under {}: {}", work, e.toString());
    }
  }

  /** Handles one message on {@code satellite}'s command topic (called on the MQTT thread: only hands over). */
  public void onMessage(String satellite, byte[] payload) {
    worker.execute(() -> {
      try {
        UplinkMessage m;
        try {
          m = UplinkMessage.decode(payload);
        } catch (org.spacemoe.shared.input.InvalidInputException e) {
          if (String.valueOf(e.getMessage()).startsWith("command envelope")) {
            refuse(satellite, null, 0, RejectReason.MALFORMED_ENVELOPE, e.getMessage());
            return;
          }
          throw e;
        }
        if (m instanceof ShardChunk c) {
          onChunk(satellite, c);
        } else if (m instanceof TransferOffer o) {
          onOffer(satellite, o);
        } else {
          onCommand(satellite, (SignedCommand) m);
        }
      } catch (PlanRejectedException e) {
        send(satellite, 0, 0, UplinkStage.REJECTED, e.reason(), e.getMessage(), Map.of(), null);
      } catch (RuntimeException | IOException e) {
        send(satellite, 0, 0, UplinkStage.REJECTED, RejectReason.TRANSFER, String.valueOf(e.getMessage()), Map.of(), null);
      }
    });
  }

  private void onOffer(String sat, TransferOffer offer) throws IOException {
    PlacementPlan plan;
    try {
      plan = gate.planVerifier().verify(offer.plan());
      offer.checkAgainst(plan);
    } catch (PlanRejectedException e) {
      send(sat, offer.transferId(), offer.planVersion(), UplinkStage.REJECTED, e.reason(), e.getMessage(), Map.of(),
          null);
      return;
    }
    Transfer t = transfers.get(sat);
    if (t == null || t.offer.transferId() != offer.transferId()) {
      Path dir = work.resolve(sat).resolve(Long.toString(offer.transferId()));
      if (!Files.exists(dir) && answeredFromStore(sat, offer)) {
        return; // staged before a restart, its directory deleted: not transferred again
      }
      closeTransfer(t);
      t = new Transfer(offer, offer.plan().toJson(), plan);
      TransferDirs.markVersion(dir, offer.planVersion());
      for (int i = 0; i < offer.shards().size(); i++) {
        ShardOffer shard = offer.shards().get(i);
        Path done = dir.resolve(DONE_DIR).resolve(shard.name());
        if (isIntact(done, shard)) {
          t.finished.put(shard.name(), done); // finished before a restart: not asked for again
        } else if (reuseHeld(shard, done)) {
          t.finished.put(shard.name(), done); // the same bytes are in a stored plan: not asked for
          t.reused.add(shard.name());
        } else {
          t.assemblers.put(i, ShardAssembler.open(dir, shard));
        }
      }
      transfers.put(sat, t);
    } else if (t.verified) {
      reportVerified(sat, t);
      return;
    }
    reportProgress(sat, t);
  }

  /** An offer of the version the store already holds as staged or active: reports that stage; false otherwise. */
  private boolean answeredFromStore(String sat, TransferOffer offer) {
    long v = offer.planVersion();
    if (store.stagedPlan().map(StoredPlan::version).orElse(0L) == v) {
      send(sat, offer.transferId(), v, UplinkStage.STAGED, null, "staged", Map.of(), null);
      return true;
    }
    if (store.activePlan().map(StoredPlan::version).orElse(0L) == v) {
      send(sat, offer.transferId(), v, UplinkStage.ACTIVE, null, "active", Map.of(), null);
      return true;
    }
    return false;
  }

  /**
   * Puts a shard the store holds with the offer's SHA-256 (in any stored plan version) at {@code done} (a hard
   * link, or a copy where links are not possible) and checks it; false when none is held or it does not check.
   */
  private boolean reuseHeld(ShardOffer shard, Path done) throws IOException {
    Optional<Path> held = store.heldShard(shard.sha256());
    if (held.isEmpty()) {
      return false;
    }
    Files.createDirectories(done.getParent());
    Files.deleteIfExists(done);
    try {
      Files.createLink(done, held.get());
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(held.get(), done, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (isIntact(done, shard)) {
      return true;
    }
    Files.deleteIfExists(done);
    return false;
  }

  /** Whether {@code file} is the whole shard: its size and SHA-256 match the offer. */
  private static boolean isIntact(Path file, ShardOffer shard) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) != shard.bytes()) {
      return false;
    }
    java.security.MessageDigest md;
    try {
      md = java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return java.util.HexFormat.of().formatHex(md.digest()).equals(shard.sha256());
  }

  /** A re-sent offer of a transfer verified already: says how far it got (staged, active, or still verified). */
  private void reportVerified(String sat, Transfer t) {
    long v = t.offer.planVersion();
    if (store.stagedPlan().map(StoredPlan::version).orElse(0L) == v) {
      send(sat, t.offer.transferId(), v, UplinkStage.STAGED, null, "staged", Map.of(), null);
    } else if (node.activePlanVersion() == v) {
      send(sat, t.offer.transferId(), v, UplinkStage.ACTIVE, null, "active", Map.of(), null);
    } else {
      send(sat, t.offer.transferId(), v, UplinkStage.VERIFIED, null, "all shards verified", Map.of(), null);
    }
  }

  private void onChunk(String sat, ShardChunk chunk) throws IOException {
    Transfer t = transfers.get(sat);
    if (t == null || t.offer.transferId() != chunk.transferId()) {
      return;
    }
    ShardAssembler a = t.assemblers.get(chunk.shardIndex());
    if (a == null) {
      return;
    }
    a.accept(chunk);
    if (!t.verified && t.assemblers.values().stream().allMatch(ShardAssembler::isComplete)) {
      CrashPoints.hit(CrashPoints.UPLINK_CHUNKS_COMPLETE);
      onChunkComplete(sat, t);
    }
  }

  /**
   * Stages a plan version once every hosted satellite that has a role in it holds a verified transfer of it (after
   * a restart the transfers come back one offer at a time: one satellite's is not enough).
   */
  private void maybeStage(long version) {
    PlacementPlan offered = null;
    byte[] signed = null;
    for (String sat : hosted) {
      Transfer t = transfers.get(sat);
      if (t != null && t.offer.planVersion() == version) {
        offered = t.plan;
        signed = t.signedBytes;
        break;
      }
    }
    if (offered == null) {
      return;
    }
    java.util.Set<String> roles = PlanShards.satellites(offered);
    Map<String, Path> files = new HashMap<>();
    for (String sat : hosted) {
      if (!roles.contains(sat)) {
        continue;
      }
      Transfer t = transfers.get(sat);
      if (t == null || t.offer.planVersion() != version || !t.verified) {
        return;
      }
      files.putAll(t.finished);
    }
    try {
      StoredPlan sp = store.stage(signed, files, contexts.apply(offered));
      node.install(sp.plan(), sp.modelDir());
      node.setStagedVersion(version);
      deleteTransfers(version); // before STAGED is reported: a ground that saw STAGED finds no leftovers
      for (String sat : hosted) {
        Transfer t = transfers.get(sat);
        if (t != null && t.offer.planVersion() == version) {
          send(sat, t.offer.transferId(), version, UplinkStage.STAGED, null, "staged", Map.of(), null);
        }
      }
    } catch (StagingRejectedException e) {
      rejectAll(version, e.code(), e.detail());
    } catch (Exception e) {
      rejectAll(version, RejectReason.SHARD_LOAD, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Deletes the work directories of {@code version}'s transfers: called once it is staged, when the store holds its
   * own synced copy. The transfers stay known (verified), so a re-sent offer is still answered with its stage.
   */
  private void deleteTransfers(long version) {
    for (String sat : hosted) {
      Transfer t = transfers.get(sat);
      if (t != null && t.offer.planVersion() == version) {
        closeTransfer(t);
        TransferDirs.delete(work.resolve(sat).resolve(Long.toString(t.offer.transferId())));
      }
    }
  }

  private void rejectAll(long version, RejectReason reason, String detail) {
    for (String sat : hosted) {
      Transfer t = transfers.get(sat);
      if (t != null && t.offer.planVersion() == version) {
        send(sat, t.offer.transferId(), version, UplinkStage.REJECTED, reason, detail, Map.of(), null);
      }
    }
  }

  /**
   * A signed command: admitted by the {@link CommandGate} (its counter on disk first), then carried out. ACTIVATE
   * goes only forward, to a plan the store holds ({@code STALE_VERSION} otherwise); ROLLBACK goes to exactly its
   * version, older than the active one and held as previous or staged ({@code NOT_HELD}, {@code STALE_VERSION});
   * either is done already when its version is active (a node playing several satellites gets one per satellite).
   */
  private void onCommand(String sat, SignedCommand signed) throws IOException {
    Command c;
    try {
      c = gate.admit(sat, signed);
    } catch (CommandRefusedException e) {
      refuse(sat, signed.command().commandId(), signed.command().planVersion(), e.reason(), e.getMessage());
      return;
    }
    if (c.action() == Command.Action.ADD_KEY || c.action() == Command.Action.REVOKE_KEY) {
      LOG.info("{}: {} applied; trusted keys now {}", sat, c, gate.trusted().keySet());
      long active = node.activePlanVersion();
      send(sat, 0, active, UplinkStage.ACTIVE, null, c.action() + " done", Map.of(), c.commandId());
      return;
    }
    try {
      if (onTwoPhase(sat, c)) {
        return;
      }
      long active = store.activePlan().map(StoredPlan::version).orElse(0L);
      if (c.action() == Command.Action.ACTIVATE || c.action() == Command.Action.COMMIT) {
        if (c.planVersion() < active) {
          throw new CommandRefusedException(RejectReason.STALE_VERSION, "ACTIVATE v" + c.planVersion()
              + " would go back from the active v" + active + " (use ROLLBACK)");
        }
        if (c.planVersion() != active) {
          try {
            store.activate(c.planVersion());
          } catch (IllegalArgumentException e) {
            throw new CommandRefusedException(RejectReason.NOT_HELD, "ACTIVATE v" + c.planVersion() + ": "
                + e.getMessage());
          }
        }
      } else if (c.planVersion() != active) {
        try {
          store.rollbackTo(c.planVersion());
        } catch (IllegalArgumentException e) {
          throw new CommandRefusedException(e.getMessage().startsWith("not held") ? RejectReason.NOT_HELD
              : RejectReason.STALE_VERSION, "ROLLBACK v" + c.planVersion() + ": " + e.getMessage());
        }
      }
      StoredPlan now = store.activePlan().orElseThrow();
      if (node.activePlanVersion() != now.version()) {
        try {
          node.install(now.plan(), now.modelDir());
        } catch (Exception e) {
          // already installed when it was staged: activate below uses it
        }
        try {
          node.activate(now.version());
        } catch (RuntimeException e) {
          // the store must never be ahead of the runtime: back to the version the runtime still runs
          String back = revertStore(active);
          throw new CommandRefusedException(RejectReason.SHARD_LOAD, c.action() + " v" + now.version()
              + ": the runtime could not switch (" + e.getMessage() + "); " + back);
        }
      }
      node.setStagedVersion(store.stagedPlan().map(StoredPlan::version).orElse(0L));
      send(sat, 0, now.version(), UplinkStage.ACTIVE, null, c.action() + " done", Map.of(), c.commandId());
    } catch (CommandRefusedException e) {
      refuse(sat, c.commandId(), c.planVersion(), e.reason(), e.getMessage());
    } catch (IllegalArgumentException | IllegalStateException e) {
      refuse(sat, c.commandId(), c.planVersion(), RejectReason.STALE_VERSION, e.getMessage());
    }
  }

  /** How long a PREPARE is held without COMMIT or ABORT, milliseconds (>= 1); call before messages arrive. */
  public void setPrepareTimeoutMs(long timeoutMs) {
    prepared = new PreparedActivation(timeoutMs, System::nanoTime);
  }

  /**
   * Two-phase activation on this node. PREPARE V: V must be newer than the active plan ({@code STALE_VERSION}) and
   * staged ({@code NOT_HELD}); its shards are loaded into the runtime beside the active plan ({@code SHARD_LOAD} if
   * they cannot be) and held: answers {@code PREPARED}. The store and the active plan do not change. COMMIT V: only
   * if V is prepared ({@code NOT_PREPARED}), then the ACTIVATE path (store, then runtime, store reverted if the
   * runtime cannot switch). ABORT V: releases the prepare; answers {@code ACTIVE} with the plan still running.
   *
   * @return true if {@code c} was a two-phase action and has been answered; false for COMMIT that may go on
   */
  private boolean onTwoPhase(String sat, Command c) throws CommandRefusedException {
    long active = store.activePlan().map(StoredPlan::version).orElse(0L);
    switch (c.action()) {
      case PREPARE -> {
        if (c.planVersion() == active) {
          send(sat, 0, active, UplinkStage.ACTIVE, null, "PREPARE v" + active + ": already active", Map.of(),
              c.commandId());
          return true;
        }
        if (c.planVersion() < active) {
          throw new CommandRefusedException(RejectReason.STALE_VERSION, "PREPARE v" + c.planVersion()
              + " would go back from the active v" + active + " (use ROLLBACK)");
        }
        StoredPlan staged = store.stagedPlan().filter(p -> p.version() == c.planVersion()).orElseThrow(
            () -> new CommandRefusedException(RejectReason.NOT_HELD, "PREPARE v" + c.planVersion()
                + ": not staged (staged: v" + store.stagedPlan().map(StoredPlan::version).orElse(0L) + ")"));
        try {
          node.install(staged.plan(), staged.modelDir());
        } catch (OutOfMemoryError e) {
          throw new CommandRefusedException(RejectReason.MEMORY, "PREPARE v" + c.planVersion()
              + ": the shards do not fit in memory");
        } catch (Exception e) {
          throw new CommandRefusedException(RejectReason.SHARD_LOAD, "PREPARE v" + c.planVersion()
              + ": cannot load its shards (" + e.getMessage() + ")");
        }
        prepared.prepare(c.planVersion());
        send(sat, 0, c.planVersion(), UplinkStage.PREPARED, null, "PREPARE v" + c.planVersion()
            + " done; held for " + prepared.timeoutMs() + " ms", Map.of(), c.commandId());
        return true;
      }
      case ABORT -> {
        boolean released = prepared.release(c.planVersion());
        send(sat, 0, active, UplinkStage.ACTIVE, null, "ABORT v" + c.planVersion() + ": "
            + (released ? "released" : "was not prepared") + "; v" + active + " keeps running", Map.of(),
            c.commandId());
        return true;
      }
      case COMMIT -> {
        if (c.planVersion() == active) {
          return false;
        }
        if (!prepared.take(c.planVersion())) {
          throw new CommandRefusedException(RejectReason.NOT_PREPARED, "COMMIT v" + c.planVersion()
              + ": not prepared (never, aborted, timed out after " + prepared.timeoutMs()
              + " ms, or the node restarted); v" + active + " keeps running");
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /** Makes {@code version} the store's active plan again after the runtime failed to switch; says what it did. */
  private String revertStore(long version) {
    if (version == 0) {
      return "the store names a plan no runtime runs until the next activation";
    }
    try {
      store.activate(version);
      return "the store is back on v" + version;
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot revert the plan store to v{}: {}", version, e.toString());
      return "the store could not go back to v" + version + ": " + e.getMessage();
    }
  }

  /** Reports and counts a refused command. */
  private void refuse(String sat, String commandId, long version, RejectReason reason, String detail) {
    LOG.warn("{}: command refused, {}: {}", sat, reason, detail);
    node.commandRefused(reason);
    send(sat, 0, version, UplinkStage.REJECTED, reason, detail, Map.of(), commandId);
  }

  private void reportProgress(String sat, Transfer t) {
    Map<String, MissingChunks> missing = new TreeMap<>();
    for (ShardAssembler a : t.assemblers.values()) {
      if (!a.isComplete()) {
        missing.put(a.shard().name(), a.missing());
      }
    }
    String reused = t.reused.isEmpty() ? "" : "; " + t.reused.size() + " shard(s) already held, not sent again";
    send(sat, t.offer.transferId(), t.offer.planVersion(), UplinkStage.RECEIVED, null,
        (missing.isEmpty() ? "complete" : "waiting for chunks") + reused, missing, null);
    if (missing.isEmpty() && !t.verified) {
      try {
        onChunkComplete(sat, t);
      } catch (IOException e) {
        send(sat, t.offer.transferId(), t.offer.planVersion(), UplinkStage.REJECTED, RejectReason.TRANSFER,
            e.getMessage(), Map.of(), null);
      }
    }
  }

  private void onChunkComplete(String sat, Transfer t) throws IOException {
    Path dir = work.resolve(sat).resolve(Long.toString(t.offer.transferId())).resolve(DONE_DIR);
    Files.createDirectories(dir);
    for (ShardAssembler s : t.assemblers.values()) {
      t.finished.put(s.shard().name(), s.finish(dir.resolve(s.shard().name())));
    }
    t.verified = true;
    send(sat, t.offer.transferId(), t.offer.planVersion(), UplinkStage.VERIFIED, null, "all shards verified", Map.of(), null);
    maybeStage(t.offer.planVersion());
  }

  private void send(String sat, long transferId, long version, UplinkStage stage, RejectReason reason, String detail,
      Map<String, MissingChunks> missing, String commandId) {
    try {
      long active = node.activePlanVersion();
      long staged = store.stagedPlan().map(StoredPlan::version).orElse(0L);
      String d = detail == null ? null : detail.length() > StatusReport.MAX_DETAIL_CHARS
          ? detail.substring(0, StatusReport.MAX_DETAIL_CHARS) : detail;
      report.accept(sat, StatusReport.of(sat, transferId, version, stage, reason, d, missing, commandId, active,
          staged, System.currentTimeMillis()));
    } catch (RuntimeException e) {
      LOG.warn("cannot report {} for {}: {}", stage, sat, e.getMessage());
    }
  }

  private static void closeTransfer(Transfer t) {
    if (t == null) {
      return;
    }
    for (ShardAssembler a : t.assemblers.values()) {
      try {
        a.close();
      } catch (IOException ignored) {
        // replaced by a new transfer
      }
    }
  }

  /** A PlanStore authenticator that verifies the envelope with the trusted keys. */
  public static org.spacemoe.onboard.planstore.PlanAuthenticator authenticator(PlanVerifier verifier) {
    return bytes -> {
      try {
        SignedPlan env = SignedPlan.parse("signed plan", bytes);
        return new AuthenticatedPlan(verifier.verify(env), env.rollback());
      } catch (PlanRejectedException e) {
        throw new StagingRejectedException(e.reason(),
            e.getMessage());
      } catch (RuntimeException e) {
        throw new StagingRejectedException(RejectReason.MALFORMED_ENVELOPE,
            String.valueOf(e.getMessage()));
      }
    };
  }

  @Override
  public void close() {
    worker.shutdownNow();
    transfers.values().forEach(UplinkReceiver::closeTransfer);
  }
}
