package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.ops.uplink.CommandIssuer;
import org.spacemoe.ground.ops.uplink.PlanForUplink;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.hil.Await;
import org.spacemoe.hil.TestBroker;
import org.spacemoe.onboard.config.OnboardConfig;
import org.spacemoe.onboard.runtime.OnboardRuntime;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.UplinkStage;

/**
 * Two-phase activation through a real broker with real signatures: two nodes share the tiny plan's satellites
 * (the victim alone on the second). v1 is activated by the protocol; v2 is staged everywhere, then the victim's
 * node goes down, so it never answers PREPARE: {@code ground activate --version 2} aborts everywhere (exit 1, the
 * victim named), the other node stays on v1, and after the victim's node restarts {@code ground status} shows every
 * satellite on v1 and the tokens equal v1's reference.
 */
@Timeout(300)
class TwoPhaseActivationTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @TempDir Path dir;

  /**
   * A node restarted between PREPARE and COMMIT forgets the prepare: its COMMIT is refused ({@code NOT_PREPARED})
   * and it runs v1 while the others committed v2; re-running {@code ground activate --version 2} finishes the job.
   */
  @Test
  void aNodeRestartedBetweenPrepareAndCommitRefusesTheCommitAndActivateFinishesIt() throws Exception {
    Fixture f = new Fixture(dir);
    TinyBench bench = f.bench;
    String plan = f.plan;
    Path key = f.key;
    String victim = f.victim;
    List<String> others = f.others;
    OnboardConfig cfgA = f.cfgA;
    OnboardConfig cfgB = f.cfgB;
    int[] want = f.want;
    CommandIssuer issuer = f.issuer;

    try (OnboardRuntime a = new OnboardRuntime(cfgA).start()) {
      OnboardRuntime b = new OnboardRuntime(cfgB).start();
      try {
        f.activateV1AndStageV2();
        try (UplinkSession s = new UplinkSession(BROKER.uri())) {
          s.command(bench.satellites(), Command.prepare("p2", 2), issuer, 20_000)
              .forEach((sat, st) -> assertEquals(UplinkStage.PREPARED, st.stage(), sat + " " + st));
          b.close();
          b = new OnboardRuntime(cfgB).start();
          OnboardRuntime back = b;
          Await.until(Duration.ofSeconds(30), () -> back.activePlanVersion() == 1, () -> "victim back on v1");
          Map<String, UplinkSession.SatelliteState> commit = s.command(bench.satellites(), Command.commit("c2", 2),
              issuer, 20_000);
          assertEquals(UplinkStage.REJECTED, commit.get(victim).stage(), commit::toString);
          assertEquals("NOT_PREPARED", commit.get(victim).reason(), commit::toString);
          assertEquals(UplinkStage.ACTIVE, commit.get(others.get(0)).stage(), commit::toString);
          assertEquals(2, a.activePlanVersion());
          assertEquals(1, b.activePlanVersion(), "the restarted node is not on the new version");
        }
        GroundRun again = GroundRun.of("activate", "--version", "2", "--plan", plan, "--broker", BROKER.uri(),
            "--key", key.toString());
        assertEquals(0, again.code(), () -> again.out() + again.err());
        assertEquals(2, b.activePlanVersion());
        try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
          assertTrue(driver.run(2, bench.entry(), 71L, TinyBench.PROMPT, 5, false, 30_000, x -> { }),
              () -> "errors " + driver.errors() + ", arrivals " + driver.arrivals());
          assertArrayEquals(want, driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray());
        }
      } finally {
        b.close();
      }
    }
  }

  /**
   * The victim's node, a child process, is killed with SIGKILL right after its COMMIT is published: the others
   * committed v2; the victim, restarted on its data, runs whichever version its store reached (never a store ahead
   * of its runtime, as it loads the store's active plan), and re-running {@code ground activate --version 2}
   * brings every satellite to v2 with the reference tokens.
   */
  @Test
  void aNodeKilledDuringCommitIsFinishedByReRunningActivate() throws Exception {
    Fixture f = new Fixture(dir);
    TinyBench bench = f.bench;
    String plan = f.plan;
    Path key = f.key;
    String victim = f.victim;
    List<String> others = f.others;
    OnboardConfig cfgA = f.cfgA;
    OnboardConfig cfgB = f.cfgB;
    int[] want = f.want;
    CommandIssuer issuer = f.issuer;
    Path dataB = f.dataB;
    Path pub = f.pub;
    Path logs = Files.createDirectories(dir.resolve("child"));
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());

    try (OnboardRuntime a = new OnboardRuntime(cfgA).start()) {
      Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", NodeChild.class.getName(), BROKER.uri(), dataB.toString(),
          pub.toString(), victim).redirectErrorStream(true).redirectOutput(logs.resolve("out.txt").toFile()).start();
      try {
        Await.until(Duration.ofSeconds(60), () -> read(logs).contains("node-child started"), () -> read(logs));
        f.activateV1AndStageV2();
        try (UplinkSession s = new UplinkSession(BROKER.uri())) {
          s.command(bench.satellites(), Command.prepare("p2", 2), issuer, 20_000)
              .forEach((sat, st) -> assertEquals(UplinkStage.PREPARED, st.stage(), sat + " " + st));
          s.command(List.of(victim), Command.commit("c2", 2), issuer, 1);
          child.destroyForcibly(); // SIGKILL during its COMMIT
          assertTrue(child.waitFor(30, TimeUnit.SECONDS));
          s.command(others, Command.commit("c2", 2), issuer, 20_000)
              .forEach((sat, st) -> assertEquals(UplinkStage.ACTIVE, st.stage(), sat + " " + st));
          assertEquals(2, a.activePlanVersion());
        }
      } finally {
        child.destroyForcibly();
      }
      try (OnboardRuntime b = new OnboardRuntime(cfgB).start()) {
        Await.until(Duration.ofSeconds(30), () -> b.activePlanVersion() >= 1, () -> "victim back");
        long reached = b.activePlanVersion();
        assertTrue(reached == 1 || reached == 2, "victim on a whole version: " + reached);
        GroundRun again = GroundRun.of("activate", "--version", "2", "--plan", plan, "--broker", BROKER.uri(),
            "--key", key.toString());
        assertEquals(0, again.code(), () -> again.out() + again.err());
        assertEquals(2, b.activePlanVersion());
        try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
          assertTrue(driver.run(2, bench.entry(), 81L, TinyBench.PROMPT, 5, false, 30_000, x -> { }),
              () -> "errors " + driver.errors() + ", arrivals " + driver.arrivals());
          assertArrayEquals(want, driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray());
        }
      }
    }
  }

  private static String read(Path logs) {
    try {
      return Files.readString(logs.resolve("out.txt"));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void aSatelliteThatFailsPrepareAbortsTheActivationEverywhere() throws Exception {
    Fixture f = new Fixture(dir);
    TinyBench bench = f.bench;
    String plan = f.plan;
    Path key = f.key;
    String victim = f.victim;
    List<String> others = f.others;
    OnboardConfig cfgA = f.cfgA;
    OnboardConfig cfgB = f.cfgB;
    int[] want = f.want;

    try (OnboardRuntime a = new OnboardRuntime(cfgA).start()) {
      OnboardRuntime b = new OnboardRuntime(cfgB).start();
      try {
        f.activateV1AndStageV2();
        b.close(); // the victim's node goes down with v2 staged: its retained status still says so
        Path json = dir.resolve("activate-2.json");
        GroundRun act2 = GroundRun.of("activate", "--version", "2", "--plan", plan, "--broker", BROKER.uri(),
            "--key", key.toString(), "--timeout", "3", "--json", json.toString());
        assertEquals(1, act2.code(), () -> act2.out() + act2.err());
        assertTrue(act2.out().contains("ABORTED") && act2.out().contains(victim), act2.out());
        JsonNode report = PlanJson.mapper().readTree(json.toFile());
        assertEquals("aborted", report.get("phase").asText(), report::toString);
        assertEquals("PREPARED", report.get("prepare").get(others.get(0)).get("stage").asText(), report::toString);
        assertEquals("SENT", report.get("prepare").get(victim).get("stage").asText(), "victim silent " + report);
        assertEquals(1, a.activePlanVersion(), "the old plan keeps running on the prepared node");

        b = new OnboardRuntime(cfgB).start(); // the victim comes back
        OnboardRuntime back = b;
        Await.until(Duration.ofSeconds(30), () -> back.activePlanVersion() == 1, () -> "victim on v1");
        Path st = dir.resolve("status.json");
        GroundRun status = GroundRun.of("status", "--broker", BROKER.uri(), "--wait-ms", "1500", "--json",
            st.toString());
        assertEquals(0, status.code(), status::err);
        // The class shares one broker: other tests' retained heartbeats may be heard too, so judge the plan's own.
        List<JsonNode> sats = new ArrayList<>();
        PlanJson.mapper().readTree(st.toFile()).get("satellites").forEach(s -> {
          if (bench.satellites().contains(s.get("satellite").asText())) {
            sats.add(s);
          }
        });
        assertEquals(bench.satellites().size(), sats.size(), sats::toString);
        for (JsonNode s : sats) {
          assertEquals(1, s.get("heartbeat").get("activePlanVersion").asLong(), s::toString);
        }
        try (TokenDriver driver = new TokenDriver(BROKER.uri())) {
          assertTrue(driver.run(1, bench.entry(), 61L, TinyBench.PROMPT, 5, false, 30_000, x -> { }),
              () -> "errors " + driver.errors() + ", arrivals " + driver.arrivals());
          assertArrayEquals(want, driver.arrivals().stream().mapToInt(TokenDriver.Arrival::token).toArray(),
              "v1 reference tokens after the aborted activation");
        }
      } finally {
        b.close();
      }
    }
  }

  /** The tiny bench split over two nodes (the victim, an expert host, alone on node B), trusting one ground key. */
  private static final class Fixture {
    final TinyBench bench;
    final Path model;
    final String plan;
    final KeyPair pair;
    final Path pub;
    final Path key;
    final String victim;
    final List<String> others;
    final Path dataB;
    final OnboardConfig cfgA;
    final OnboardConfig cfgB;
    final int[] want;
    final CommandIssuer issuer;

    Fixture(Path dir) throws Exception {
      bench = TinyBench.prepare(dir.resolve("bench"));
      model = bench.workspace.modelDir();
      plan = bench.workspace.dataDir().resolve("plan.json").toString();
      pair = PlanKeys.generate();
      pub = dir.resolve("ground.pub");
      PlanKeys.writePublic(pair.getPublic(), pub);
      key = dir.resolve("ground.key");
      PlanKeys.writePrivate(pair.getPrivate(), key);
      victim = bench.expertHost(0, 0);
      others = new ArrayList<>(bench.satellites());
      others.remove(victim);
      cfgA = bench.config(BROKER.uri(), others, Files.createDirectories(dir.resolve("nodeA")));
      cfgA.setTrustedKeys(List.of(pub.toString()));
      dataB = Files.createDirectories(dir.resolve("nodeB"));
      cfgB = bench.config(BROKER.uri(), List.of(victim), dataB);
      cfgB.setTrustedKeys(List.of(pub.toString()));
      want = bench.reference(TinyBench.PROMPT, 5).generated();
      issuer = CommandIssuer.fromKeyFile(key);
    }

    /** Uplinks v1 and activates it everywhere (signed ACTIVATE), then uplinks v2 and sees it STAGED everywhere. */
    void activateV1AndStageV2() throws Exception {
      for (long v = 1; v <= 2; v++) {
        PlacementPlan pv = PlanForUplink.withDigests(bench.plan(), model, v);
        try (UplinkSession s = new UplinkSession(BROKER.uri())) {
          s.uplink(pv, PlanSigner.sign(PlanJson.toBytes(pv), pair.getPrivate(), false), model, 60_000, x -> { })
              .forEach((sat, st) -> assertEquals(UplinkStage.STAGED, st.stage(), sat + " " + st));
          if (v == 1) {
            s.command(bench.satellites(), Command.activate("a1", 1), issuer, 20_000)
                .forEach((sat, st) -> assertEquals(UplinkStage.ACTIVE, st.stage(), sat + " " + st));
          }
        }
      }
    }
  }
}
