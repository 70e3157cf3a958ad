package org.spacemoe.hil.flash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.spacemoe.hil.inventory.Board;
import org.spacemoe.hil.inventory.Inventory;
import org.spacemoe.hil.inventory.ServiceManager;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.model.onnx.ShardEntry;
import org.spacemoe.shared.uplink.PlanShards;

/**
 * The files one board should have, with their digests: the distribution, the generated configuration (and
 * systemd drop-in), the TLS stores, and with a plan the plan and only the shards its satellites need (plus the
 * manifest). Its release id is a digest over the sorted (path, digest) list, so the same inputs give the same id.
 */
final class FlashBundle {
  /** Release-relative paths of the ISL broker's files (isl: mesh): a change to one restarts the broker. */
  static final List<String> ISL_BROKER_FILES = List.of(IslBrokerFiles.CONF, IslBrokerFiles.ACL, IslBrokerFiles.PASSWD,
      RemoteScripts.ISL_UNIT, RemoteScripts.ISL_DROP_IN);

  private final List<BundleFile> files;
  private final String releaseId;
  private final boolean islBroker;

  private FlashBundle(List<BundleFile> files, boolean islBroker) {
    this.files = List.copyOf(files);
    this.islBroker = islBroker;
    StringBuilder sb = new StringBuilder();
    files.forEach(f -> sb.append(f.relPath()).append(' ').append(f.sha256()).append('\n'));
    this.releaseId = Digests.of(sb.toString()).substring(0, 16);
  }

  /** @param mesh the bench's ISL mesh with {@code isl: mesh} (the board then gets its ISL broker's files), else null */
  static FlashBundle build(Inventory inv, Board b, FlashSources src, BenchMesh mesh, Digests digests, Path scratch)
      throws IOException {
    RemoteLayout layout = new RemoteLayout(b.installDir());
    List<BundleFile> out = new ArrayList<>();
    Distribution dist = src.distribution();
    for (String rel : dist.files()) {
      Path p = dist.dir().resolve(rel);
      out.add(new BundleFile(rel, p, digests.of(p)));
    }
    Path boardDir = Files.createDirectories(scratch.resolve("boards").resolve(b.name()));
    out.add(generated(boardDir, BoardConfig.APPLICATION_YML, BoardConfig.yaml(inv, b, layout, mesh), digests, true));
    if (mesh != null) {
      out.add(generated(boardDir, IslBrokerFiles.CONF, IslBrokerFiles.conf(b, layout), digests, false));
      out.add(generated(boardDir, IslBrokerFiles.ACL, IslBrokerFiles.acl(mesh, b), digests, false));
      out.add(generated(boardDir, IslBrokerFiles.PASSWD,
          IslBrokerFiles.passwords(mesh, b, new IslCredentials(inv.islSecret())), digests, true));
      if (b.service() == ServiceManager.SYSTEMD) {
        out.add(generated(boardDir, RemoteScripts.ISL_UNIT, islUnit(), digests, false));
        out.add(generated(boardDir, RemoteScripts.ISL_DROP_IN, BoardConfig.islBrokerDropIn(b, layout), digests, false));
      }
    }
    if (b.service() == ServiceManager.SYSTEMD) {
      if (!dist.has(Distribution.UNIT)) {
        throw new InvalidInputException("--dist", "has no " + Distribution.UNIT + ", needed by board " + b.name()
            + " (service: systemd)");
      }
      out.add(generated(boardDir, "config/spacemoe-onboard.service.d/10-flash.conf",
          BoardConfig.systemdDropIn(b, layout), digests, false));
    }
    if (inv.broker().tls() != null) {
      out.add(new BundleFile(BoardConfig.TRUST_STORE, inv.broker().tls().trustStore(),
          digests.of(inv.broker().tls().trustStore())));
      Path ks = BoardConfig.keyStore(inv, b);
      if (ks != null) {
        out.add(new BundleFile(BoardConfig.KEY_STORE, ks, digests.of(ks), true));
      }
    }
    if (src.plan() != null) {
      out.add(new BundleFile("data/plan.json", src.planFile(), digests.of(src.planFile())));
      Path manifest = src.shardsDir().resolve("manifest.json");
      out.add(new BundleFile("data/model/manifest.json", manifest, digests.of(manifest)));
      SortedSet<String> names = new TreeSet<>();
      b.satellites().forEach(s -> names.addAll(PlanShards.needed(src.plan(), s)));
      for (String n : names) {
        ShardEntry e = src.manifest().shard(n);
        if (e == null) {
          throw new InvalidInputException(src.shardsDir().resolve("manifest.json").toString(),
              "has no shard '" + n + "' that the plan gives board " + b.name());
        }
        Path f = src.shardsDir().resolve(e.file());
        if (!Files.isRegularFile(f)) {
          throw new InvalidInputException(f.toString(), "no such shard file (listed in the manifest)");
        }
        out.add(new BundleFile("data/model/" + e.file(), f, digests.of(f)));
      }
    }
    out.sort(java.util.Comparator.comparing(BundleFile::relPath));
    return new FlashBundle(out, mesh != null);
  }

  /** The ISL broker's systemd unit, as in {@code deploy/systemd/spacemoe-isl-broker.service}. */
  static String islUnit() throws IOException {
    try (var in = FlashBundle.class.getResourceAsStream("spacemoe-isl-broker.service")) {
      if (in == null) {
        throw new IllegalStateException("spacemoe-isl-broker.service is missing from the hil jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The board runs an ISL broker (isl: mesh). */
  boolean islBroker() {
    return islBroker;
  }

  /** Writes a generated file to the local scratch directory (mode 0600 there too when {@code secret}). */
  private static BundleFile generated(Path dir, String rel, String text, Digests digests, boolean secret)
      throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.deleteIfExists(p);
    if (secret) {
      try {
        Files.createFile(p, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(p);
      }
    }
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return new BundleFile(rel, p, Digests.of(text), secret);
  }

  /** Release-relative paths of the files that hold secrets (mode 0600 on the board). */
  List<String> secretPaths() {
    return files.stream().filter(BundleFile::secret).map(BundleFile::relPath).toList();
  }

  List<BundleFile> files() {
    return files;
  }

  String releaseId() {
    return releaseId;
  }
}
