package org.spacemoe.ground.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.ground.broker.MosquittoPasswords;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.PlanInputs;
import org.spacemoe.shared.plan.PlanJson;
import org.spacemoe.shared.plan.envelope.PlanKeys;

class KeysAndAclCommandTest {
  @TempDir Path dir;

  private static void assertBadInput(CliRun r, String... fragments) {
    assertEquals(2, r.exit(), r.describe());
    assertEquals(1, r.err().strip().split("\n").length, r.describe());
    assertTrue(r.err().startsWith("error: "), r.describe());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), f + "\n" + r.describe());
    }
  }

  @Test
  void keysGenerate() throws IOException {
    Path keys = dir.resolve("keys");
    CliRun r = CliRun.of("keys", "generate", "--out", keys.toString());
    assertEquals(0, r.exit(), r.describe());
    String id = PlanKeys.keyId(PlanKeys.readPublic(keys.resolve("ground.pub")));
    assertTrue(r.out().startsWith("key id " + id + "\n"), r.out());
    PlanKeys.readPrivate(keys.resolve("ground.key"));
    if (Files.getFileStore(keys).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("ground.key"))));
    }
    // refuses to overwrite, unless --force
    String before = Files.readString(keys.resolve("ground.key"));
    assertBadInput(CliRun.of("keys", "generate", "--out", keys.toString()), "ground.key", "exists", "--force");
    assertEquals(before, Files.readString(keys.resolve("ground.key")));
    CliRun forced = CliRun.of("keys", "generate", "--out", keys.toString(), "--force");
    assertEquals(0, forced.exit(), forced.describe());
    assertFalse(before.equals(Files.readString(keys.resolve("ground.key"))));
    // another name
    CliRun named = CliRun.of("keys", "generate", "--out", keys.toString(), "--name", "backup");
    assertEquals(0, named.exit(), named.describe());
    assertTrue(Files.exists(keys.resolve("backup.pub")));
    assertBadInput(CliRun.of("keys", "generate", "--out", keys.toString(), "--name", "../x"), "--name");
    Files.writeString(dir.resolve("file"), "x");
    assertBadInput(CliRun.of("keys", "generate", "--out", dir.resolve("file").toString()), "--out", "is a file");
    CliRun missing = CliRun.of("keys", "generate");
    assertEquals(2, missing.exit(), missing.describe());
    assertTrue(missing.err().contains("--out"), missing.describe());
  }

  static PlacementPlan plan() {
    PlanInputs inputs = new PlanInputs("walker-star:planes=2,sats=3", new PlanInputs.ModelDims("tiny", 1, 2, 1, 8, 4,
        16), new PlanInputs.DeviceSpec("board", 1e9, 1L << 30), "fp32", 16, 1e11, 0.12, 0.95, 10, 1, "test",
        List.of());
    return new PlacementPlan(1, 5, "hand", "bench", List.of(new LayerPlacement(0, List.of("A", "B", "C"), "A",
        List.of(List.of("B"), List.of("C")))), Map.of(), inputs);
  }

  @Test
  void aclAndPasswords() throws IOException {
    Path planFile = dir.resolve("plan.json");
    PlanJson.write(plan(), planFile);
    Path acl = dir.resolve("broker/spacemoe.acl");
    Path pw = dir.resolve("broker/passwords.txt");
    CliRun r = CliRun.of("acl", "--plan", planFile.toString(), "--out", acl.toString(), "--passwords", pw.toString());
    assertEquals(0, r.exit(), r.describe());
    assertTrue(r.out().contains("3 satellites and user ground"), r.out());
    String text = Files.readString(acl);
    assertTrue(text.contains("#   plan.json: plan version 5, constellation bench, 1 layers\n"), text);
    assertTrue(text.contains("\nuser B\ntopic read spacemoe/v1/sat/B/cmd\n"), text);
    Map<String, String> first = MosquittoPasswords.read(pw);
    assertEquals(List.of("ground", "A", "B", "C"), List.copyOf(first.keySet()));
    first.values().forEach(p -> assertTrue(p.matches("[A-Za-z0-9_-]{24}"), p));
    if (Files.getFileStore(pw).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pw)));
    }
    // again: the same passwords
    assertEquals(0, CliRun.of("acl", "--plan", planFile.toString(), "--out", acl.toString(), "--passwords",
        pw.toString()).exit());
    assertEquals(first, MosquittoPasswords.read(pw));
    // a hashed file is refused
    Files.writeString(pw, "A:$7$101$abc$def\n");
    assertBadInput(CliRun.of("acl", "--plan", planFile.toString(), "--out", acl.toString(), "--passwords",
        pw.toString()), pw.toString(), "hashed");
  }

  @Test
  void aclBadInput() throws IOException {
    Path acl = dir.resolve("x.acl");
    assertBadInput(CliRun.of("acl", "--plan", dir.resolve("missing.json").toString(), "--out", acl.toString()),
        "missing.json", "no such file");
    Path notPlan = dir.resolve("notaplan.json");
    Files.writeString(notPlan, "{\"hello\": 1}");
    assertBadInput(CliRun.of("acl", "--plan", notPlan.toString(), "--out", acl.toString()), "notaplan.json");
    Path planFile = dir.resolve("plan.json");
    PlanJson.write(plan(), planFile);
    assertBadInput(CliRun.of("acl", "--plan", planFile.toString(), "--out", acl.toString(), "--ground-user", "A"),
        "plan.json", "--ground-user");
    assertBadInput(CliRun.of("acl", "--plan", planFile.toString(), "--out", dir.toString()), "--out", "directory");
    assertFalse(Files.exists(acl));
  }
}
