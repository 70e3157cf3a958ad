package org.spacemoe.hil.flash;

import java.nio.file.Files;
import java.nio.file.Path;
import org.spacemoe.hil.inventory.Inventory;
import org.spacemoe.hil.inventory.InventoryReader;
import org.spacemoe.shared.constellation.Constellation;
import org.spacemoe.shared.constellation.ConstellationSpecs;
import org.spacemoe.shared.constellation.IslRules;
import org.spacemoe.shared.constellation.TimeSlots;
import org.spacemoe.shared.routing.IslMesh;

/**
 * A small mesh bench for the derivation tests: a 12 x 16 Walker star, slot 0, three boards (two on one host with
 * their own ISL ports): {@code board-a} hosts p00s00, {@code board-b} p00s04 and {@code board-c} p06s08 (far from
 * both, so it shares no ISL with them).
 */
final class MeshBench {
  static final String CONSTELLATION = "walker-star:planes=12,sats=16";
  static final String SECRET = "correct horse battery staple";

  private MeshBench() {}

  static Inventory inventory(Path dir, String extraTop) throws Exception {
    Path f = dir.resolve("mesh.yaml");
    Files.writeString(f, """
        broker:
          uri: tcp://10.0.0.1:1883
        isl: mesh
        isl-secret: %s
        onboard:
          pinned-slot: 0
        %s
        boards:
          - {name: board-a, host: 10.0.0.21, user: pi, architecture: aarch64, satellites: [p00s00], service: script,
             install-dir: /opt/a}
          - {name: board-b, host: 10.0.0.21, user: pi, architecture: aarch64, satellites: [p00s04], service: script,
             install-dir: /opt/b, http-port: 8081, isl-port: 1884}
          - {name: board-c, host: 10.0.0.23, user: root, architecture: x86_64, satellites: [p06s08]}
        """.formatted(SECRET, extraTop));
    return InventoryReader.read(f);
  }

  static IslMesh islMesh() {
    Constellation c = ConstellationSpecs.parse(CONSTELLATION);
    return new IslMesh(c, IslRules.defaults(), TimeSlots.overOneOrbit(c, 20), 1e9);
  }

  static BenchMesh mesh(Path dir) throws Exception {
    return BenchMesh.of(inventory(dir, ""), islMesh(), 0);
  }
}
