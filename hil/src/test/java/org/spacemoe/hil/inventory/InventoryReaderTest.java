package org.spacemoe.hil.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/** Bench inventories: a good one reads with its defaults; each kind of bad one fails with one line naming file and path. */
class InventoryReaderTest {
  @TempDir Path dir;

  private static final String GOOD = """
      broker:
        uri: tcp://10.0.0.1:1883
      ground:
        host: 10.0.0.2
      onboard:
        pinned-slot: 0
        compute-emulation: true
      boards:
        - name: pi4-a
          host: 10.0.0.21
          user: pi
          architecture: aarch64
          device: sbc-2a72
          satellites: [s0, s1]
        - name: nuc
          host: 10.0.0.22
          user: root
          port: 2222
          architecture: x86_64
          satellites: [s2]
          install-dir: /srv/spacemoe
          http-port: 8081
          service: script
      """;

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("bench.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private String error(String yaml) throws Exception {
    Path f = write(yaml);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> InventoryReader.read(f));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  @Test
  void readsBoardsWithDefaults() throws Exception {
    Inventory inv = InventoryReader.read(write(GOOD));
    assertEquals("tcp://10.0.0.1:1883", inv.broker().uri());
    assertNull(inv.broker().tls());
    assertEquals("10.0.0.2", inv.groundHost());
    assertEquals(Map.of("pinned-slot", 0, "compute-emulation", true), inv.onboard());
    Board a = inv.boards().get(0);
    assertEquals(22, a.sshPort());
    assertEquals("/opt/spacemoe", a.installDir());
    assertEquals(8080, a.httpPort());
    assertEquals(ServiceManager.SYSTEMD, a.service());
    assertEquals(Architecture.AARCH64, a.architecture());
    Board b = inv.boards().get(1);
    assertEquals(2222, b.sshPort());
    assertEquals(ServiceManager.SCRIPT, b.service());
    assertEquals(List.of("s0", "s1", "s2"), List.copyOf(inv.satellites()));
    assertEquals(List.of(b), inv.select("10.0.0.22"));
    assertEquals(List.of(a), inv.select("pi4-a"));
  }

  @Test
  void theExampleInDeployReads() {
    Inventory inv = InventoryReader.read(Path.of("..", "deploy", "examples", "inventory-pi-bench.yaml"));
    assertEquals(3, inv.boards().size());
    assertEquals(10, inv.satellites().size());
    assertEquals(ServiceManager.SCRIPT, inv.boards().get(2).service());
  }

  @Test
  void missingHost() throws Exception {
    String m = error(GOOD.replace("    host: 10.0.0.22\n", ""));
    assertEquals(dir.resolve("bench.yaml") + ": boards[1].host: missing", m);
  }

  @Test
  void unknownArchitecture() throws Exception {
    String m = error(GOOD.replace("architecture: aarch64", "architecture: armv7l"));
    assertEquals(dir.resolve("bench.yaml") + ": boards[0].architecture: unknown architecture 'armv7l' (known: aarch64, x86_64)", m);
  }

  @Test
  void duplicateSatelliteId() throws Exception {
    String m = error(GOOD.replace("satellites: [s2]", "satellites: [s2, s1]"));
    assertEquals(dir.resolve("bench.yaml") + ": boards[1].satellites[1]: duplicate satellite id 's1' (already hosted by boards[0])", m);
  }

  @Test
  void unknownKeys() throws Exception {
    assertEquals(dir.resolve("bench.yaml") + ": boards[0].hostname: unknown key (known: architecture, device, host, "
        + "http-port, identity-file, install-dir, isl-port, name, port, satellites, service, tls-key-store, user)",
        error(GOOD.replace("    user: pi\n", "    user: pi\n    hostname: x\n")));
    assertEquals(dir.resolve("bench.yaml") + ": onboard.time-scal: unknown spacemoe.onboard key",
        error(GOOD.replace("  pinned-slot: 0", "  time-scal: 2")));
    assertEquals(dir.resolve("bench.yaml") + ": onboard.broker: is written by hil flash from the inventory "
        + "(set it on the board or the broker instead)", error(GOOD.replace("  pinned-slot: 0", "  broker: tcp://x:1")));
    assertEquals(dir.resolve("bench.yaml") + ": brokers: unknown key (known: boards, broker, ground, isl, isl-secret, "
        + "onboard)",
        error(GOOD + "brokers: 1\n"));
  }

  @Test
  void otherBadValues() throws Exception {
    assertEquals(dir.resolve("bench.yaml") + ": boards[1].port: must be a port number 1..65535, got '70000'",
        error(GOOD.replace("port: 2222", "port: 70000")));
    assertEquals(dir.resolve("bench.yaml") + ": broker.uri: must be tcp://HOST:PORT or ssl://HOST:PORT, got 'mqtt://x'",
        error(GOOD.replace("tcp://10.0.0.1:1883", "mqtt://x")));
    assertEquals(dir.resolve("bench.yaml") + ": boards[1].service: unknown service manager 'openrc' (known: systemd, script)",
        error(GOOD.replace("service: script", "service: openrc")));
    assertEquals(dir.resolve("bench.yaml") + ": boards[1].http-port: duplicate HTTP port 8080 on 10.0.0.21 (already used by boards[0].http-port)",
        error(GOOD.replace("host: 10.0.0.22", "host: 10.0.0.21").replace("http-port: 8081", "http-port: 8080")));
    assertEquals(dir.resolve("bench.yaml") + ": boards[0].identity-file: no such file: " + dir.resolve("nope.key"),
        error(GOOD.replace("    user: pi\n", "    user: pi\n    identity-file: nope.key\n")));
    assertEquals(dir.resolve("bench.yaml") + ": boards[1].service: duplicate systemd service on 10.0.0.21 (one "
        + "spacemoe-onboard unit per host; use service: script for more boards on one host) (already used by boards[0].service)",
        error(GOOD.replace("host: 10.0.0.22", "host: 10.0.0.21").replace("service: script", "service: systemd")));
    String yaml = error("boards: [\n");
    assertEquals(true, yaml.startsWith(dir.resolve("bench.yaml") + ": not valid YAML: "), yaml);
  }

  @Test
  void shapeAndTypeErrorsNameThePath() throws Exception {
    String f = dir.resolve("bench.yaml") + ": ";
    assertEquals(f + "empty, expected a bench inventory", error("# nothing here\n"));
    assertEquals(f + "must be a mapping", error("- broker\n"));
    assertEquals(f + "broker: missing", error(GOOD.replace("broker:\n  uri: tcp://10.0.0.1:1883\n", "")));
    assertEquals(f + "broker: must be a mapping", error(GOOD.replace("broker:\n  uri: tcp://10.0.0.1:1883\n",
        "broker: tcp://10.0.0.1:1883\n")));
    assertEquals(f + "ground.host: missing", error(GOOD.replace("  host: 10.0.0.2\n", "  {}\n")));
    assertEquals(f + "boards: must list at least one board",
        error(GOOD.substring(0, GOOD.indexOf("boards:")) + "boards: []\n"));
    assertEquals(f + "boards[0].satellites: must be a list", error(GOOD.replace("[s0, s1]", "s0")));
    assertEquals(f + "boards[0].satellites[1]: missing", error(GOOD.replace("[s0, s1]", "[s0, ~]")));
    assertEquals(f + "boards[1].port: must be an integer", error(GOOD.replace("port: 2222", "port: ssh")));
    assertEquals(f + "boards[1].http-port: must be an integer, got '80.5'",
        error(GOOD.replace("http-port: 8081", "http-port: 80.5")));
    assertEquals(f + "boards[0].name: must be a non-empty string", error(GOOD.replace("name: pi4-a", "name: ' '")));
    assertEquals(f + "boards[1].service: must be a string", error(GOOD.replace("service: script", "service: [a]")));
    assertEquals(f + "onboard.pinned-slot: missing value", error(GOOD.replace("pinned-slot: 0", "pinned-slot:")));
    assertEquals(f + "broker.tls: missing (the broker is ssl://)",
        error(GOOD.replace("tcp://10.0.0.1:1883", "ssl://10.0.0.1:8883")));
    assertEquals(f + "broker.tls.trust-store: no such file: " + dir.resolve("ca.p12"),
        error(GOOD.replace("tcp://10.0.0.1:1883", "ssl://10.0.0.1:8883\n  tls: {trust-store: ca.p12, password: pw}")));
    Files.writeString(dir.resolve("ca.p12"), "ca");
    assertEquals(f + "broker.tls.password: missing",
        error(GOOD.replace("tcp://10.0.0.1:1883", "ssl://10.0.0.1:8883\n  tls: {trust-store: ca.p12}")));
    assertEquals(f + "not valid YAML: Duplicate field 'user' (line 12)",
        error(GOOD.replace("    user: pi\n", "    user: pi\n    user: root\n")));
  }

  private static final String MESH = GOOD.replace("boards:\n", "isl: mesh\nisl-secret: sixteen-chars-or-more\nboards:\n");

  @Test
  void meshModeWithIslPorts() throws Exception {
    Inventory shared = InventoryReader.read(write(GOOD));
    assertEquals(IslMode.SHARED, shared.isl());
    assertEquals(1883, shared.boards().get(0).islPort());
    Inventory mesh = InventoryReader.read(write(MESH.replace("service: script", "service: script\n    isl-port: 1884")));
    assertEquals(IslMode.MESH, mesh.isl());
    assertEquals("sixteen-chars-or-more", mesh.islSecret());
    assertEquals(1884, mesh.boards().get(1).islPort());
    assertEquals(IslMode.SHARED, mesh.withIsl(IslMode.SHARED).isl());
  }

  @Test
  void meshErrorsNameTheKey() throws Exception {
    String f = dir.resolve("bench.yaml") + ": ";
    assertEquals(f + "isl: unknown ISL mode 'bus' (known: shared, mesh)", error(MESH.replace("isl: mesh", "isl: bus")));
    assertEquals(f + "boards[1].isl-port: must be a port number 1..65535, got '0'",
        error(MESH.replace("service: script", "service: script\n    isl-port: 0")));
    assertEquals(f + "boards[0].isl-port: must be an integer",
        error(GOOD.replace("device: sbc-2a72", "device: sbc-2a72\n    isl-port: high")));
    assertEquals(f + "isl-secret: missing (isl: mesh derives each board's password on the other boards' ISL brokers "
        + "from it)", error(MESH.replace("isl-secret: sixteen-chars-or-more\n", "")));
    assertEquals(f + "isl-secret: must have at least 16 characters", error(MESH.replace("sixteen-chars-or-more", "short")));
    assertEquals(f + "boards[1].isl-port: duplicate port 1883 on 10.0.0.21 (already used by boards[0].isl-port)",
        error(MESH.replace("host: 10.0.0.22", "host: 10.0.0.21")));
    assertEquals(f + "boards[1].isl-port: duplicate port 8081 on 10.0.0.22 (already used by boards[1].http-port)",
        error(MESH.replace("service: script", "service: script\n    isl-port: 8081")));
    assertEquals(f + "boards[0].name: with isl: mesh a board name is its user name on the ISL brokers: 1-64 letters, "
        + "digits, '.', '_' or '-', got 'pi 4'", error(MESH.replace("name: pi4-a", "name: pi 4")));
    assertEquals(f + "onboard.isl-endpoints: is written by hil flash from the inventory (set it on the board or the "
        + "broker instead)", error(MESH.replace("  pinned-slot: 0", "  isl-endpoints: [a=tcp://x:1]")));
    Files.writeString(dir.resolve("ca.p12"), "ca");
    assertEquals(f + "isl: mesh needs a tcp:// broker for now (the boards' ISL brokers listen on plain TCP with a "
        + "password per board; TLS ISL brokers are not written yet), got ssl://10.0.0.1:8883",
        error(MESH.replace("tcp://10.0.0.1:1883", "ssl://10.0.0.1:8883\n  tls: {trust-store: ca.p12, password: pw}")));
    Inventory shared = InventoryReader.read(write(GOOD));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> shared.withIsl(IslMode.MESH));
    assertEquals(f + "isl-secret: missing (isl: mesh derives each board's password on the other boards' ISL brokers "
        + "from it) (isl: mesh asked for on the command line)", e.getMessage());
  }

  @Test
  void satelliteNotInThePlan() throws Exception {
    Inventory inv = InventoryReader.read(write(GOOD));
    PlacementPlan plan = planOf("s0", List.of("s1", "s2"));
    InventoryChecks.againstPlan(inv, plan, "plan.json");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> InventoryChecks.againstPlan(inv, planOf("s0", List.of("s1", "s3")), "plan.json"));
    assertEquals(dir.resolve("bench.yaml") + ": boards[1].satellites[0]: satellite 's2' is not in the plan plan.json",
        e.getMessage());
    Inventory small = InventoryReader.read(write(GOOD.replace("satellites: [s2]", "satellites: [s9]")
        .replace("satellites: [s0, s1]", "satellites: [s0]")));
    e = assertThrows(InvalidInputException.class,
        () -> InventoryChecks.againstPlan(small, planOf("s0", List.of("s9", "s1")), "plan.json"));
    assertEquals(dir.resolve("bench.yaml") + ": boards: no board hosts 1 satellite(s) of the plan plan.json: s1",
        e.getMessage());
  }

  private static PlacementPlan planOf(String gateway, List<String> experts) {
    return new PlacementPlan(1, 1, "spacemoe", "c",
        List.of(new LayerPlacement(0, List.of(), gateway, experts.stream().map(List::of).toList())), Map.of(), null);
  }
}
