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
  private final List<BundleFile> files;
  private final String releaseId;

  private FlashBundle(List<BundleFile> files) {
    this.files = List.copyOf(files);
    StringBuilder sb = new StringBuilder();
    files.forEach(f -> sb.append(f.relPath()).append(' ').append(f.sha256()).append('\n'));
    this.releaseId = Digests.of(sb.toString()).substring(0, 16);
  }

  static FlashBundle build(Inventory inv, Board b, FlashSources src, Digests digests, Path scratch)
      throws IOException {
    RemoteLayout layout = new RemoteLayout(b.installDir());
    List<BundleFile> out = new ArrayList<>();
    Distribution dist = src.distribution();
    for (String rel : dist.files()) {
      Path p = dist.dir().resolve(rel);
      out.add(new BundleFile(rel, p, digests.of(p)));
    }
    Path boardDir = Files.createDirectories(scratch.resolve("boards").resolve(b.name()));
    out.add(generated(boardDir, BoardConfig.APPLICATION_YML, BoardConfig.yaml(inv, b, layout), digests, true));
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
    return new FlashBundle(out);
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
