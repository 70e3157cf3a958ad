package org.spacemoe.onboard.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.onboard.planstore.PlanStore;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.CommandEnvelopeCodec;
import org.spacemoe.shared.uplink.CommandSigner;
import org.spacemoe.shared.uplink.SignedCommand;

/**
 * The command gate with real Ed25519 keys and the real plan store's ledger on disk: each refusal with its own
 * reason, counters per (key, satellite) that survive a reopen, key rotation by signed commands.
 */
class CommandGateTest {
  private static final KeyPair OLD = PlanKeys.generate();
  private static final KeyPair NEW = PlanKeys.generate();
  private static final CommandSigner BY_OLD = new CommandSigner(OLD.getPrivate(), OLD.getPublic());
  private static final CommandSigner BY_NEW = new CommandSigner(NEW.getPrivate(), NEW.getPublic());

  @TempDir Path data;

  private static Map<String, PublicKey> configured() {
    return Map.of(PlanKeys.keyId(OLD.getPublic()), OLD.getPublic());
  }

  private static RejectReason refusal(CommandGate gate, String sat, SignedCommand c) {
    return assertThrows(CommandRefusedException.class, () -> gate.admit(sat, c)).reason();
  }

  @Test
  void eachRefusalHasItsOwnReasonAndARefusalRecordsNothing() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      CommandGate gate = new CommandGate(configured(), store.commands());
      SignedCommand good = BY_OLD.sign(Command.activate("a-1", 2), "S1", 5);
      assertEquals(RejectReason.UNKNOWN_KEY, refusal(gate, "S1", BY_NEW.sign(Command.activate("a-1", 2), "S1", 5)));
      byte[] forged = good.toBytes();
      forged[forged.length - 1] ^= 1;
      assertEquals(RejectReason.BAD_SIGNATURE, refusal(gate, "S1", CommandEnvelopeCodec.decode(forged)));
      byte[] retargeted = BY_OLD.sign(Command.activate("a-1", 2), "S2", 5).toBytes();
      System.arraycopy(good.signature(), 0, retargeted, retargeted.length - 64, 64);
      assertEquals(RejectReason.BAD_SIGNATURE, refusal(gate, "S2", CommandEnvelopeCodec.decode(retargeted)),
          "the target is signed: another satellite's name breaks the signature");
      assertEquals(RejectReason.WRONG_TARGET, refusal(gate, "S2", good), "published on another satellite's topic");
      assertEquals(0, store.commands().lastCounter(BY_OLD.keyId(), "S1"), "nothing recorded by refusals");
      assertEquals(Command.activate("a-1", 2), gate.admit("S1", good));
      assertEquals(5, store.commands().lastCounter(BY_OLD.keyId(), "S1"));
      assertEquals(RejectReason.REPLAYED, refusal(gate, "S1", good));
      assertEquals(RejectReason.REPLAYED, refusal(gate, "S1", BY_OLD.sign(Command.activate("a-2", 3), "S1", 4)));
      gate.admit("S2", BY_OLD.sign(Command.activate("a-1", 2), "S2", 1)); // counters are per satellite
      gate.admit("S1", BY_OLD.sign(Command.activate("a-3", 3), "S1", 6));
    }
  }

  @Test
  void countersSurviveAReopenOfTheStore() throws Exception {
    SignedCommand c = BY_OLD.sign(Command.rollback("r-1", 1), "S1", 41);
    try (PlanStore store = PlanStore.open(data)) {
      new CommandGate(configured(), store.commands()).admit("S1", c);
    }
    assertTrue(Files.exists(data.resolve("store/command-ledger.json")));
    assertTrue(Files.exists(data.resolve("store/command-ledger.json.bak")));
    try (PlanStore store = PlanStore.open(data)) {
      CommandGate gate = new CommandGate(configured(), store.commands());
      assertEquals(RejectReason.REPLAYED, refusal(gate, "S1", c));
      assertEquals(41, store.commands().lastCounter(BY_OLD.keyId(), "S1"));
    }
    // the primary damaged: the mirror still knows the counter
    Files.writeString(data.resolve("store/command-ledger.json"), "{\"counters\": {");
    try (PlanStore store = PlanStore.open(data)) {
      assertEquals(RejectReason.REPLAYED, refusal(new CommandGate(configured(), store.commands()), "S1", c));
    }
    // both damaged: fail closed, every command refused, named in the recovery notes
    Files.writeString(data.resolve("store/command-ledger.json"), "{\"counters\": {");
    Files.writeString(data.resolve("store/command-ledger.json.bak"), "");
    try (PlanStore store = PlanStore.open(data)) {
      assertTrue(store.recoveryNotes().stream().anyMatch(n -> n.startsWith("command ledger:")),
          store.recoveryNotes()::toString);
      CommandRefusedException e = assertThrows(CommandRefusedException.class, () -> new CommandGate(configured(),
          store.commands()).admit("S1", BY_OLD.sign(Command.rollback("r-2", 1), "S1", 1000)));
      assertEquals(RejectReason.REPLAYED, e.reason());
      assertTrue(e.getMessage().contains("cannot check counters"), e.getMessage());
    }
  }

  @Test
  void aNewKeyIsAddedByACurrentKeyAndTheOldOneRevokedByTheNew() throws Exception {
    String oldId = PlanKeys.keyId(OLD.getPublic());
    String newId = PlanKeys.keyId(NEW.getPublic());
    try (PlanStore store = PlanStore.open(data)) {
      CommandGate gate = new CommandGate(configured(), store.commands());
      assertEquals(RejectReason.UNKNOWN_KEY, refusal(gate, "S1",
          BY_NEW.sign(Command.addKey("k-0", NEW.getPublic().getEncoded()), "S1", 1)), "a key cannot add itself");
      assertEquals(RejectReason.KEY_CHANGE, refusal(gate, "S1",
          BY_OLD.sign(Command.addKey("k-1", HexFormat.of().parseHex("00".repeat(44))), "S1", 1)));
      gate.admit("S1", BY_OLD.sign(Command.addKey("k-2", NEW.getPublic().getEncoded()), "S1", 2));
      gate.admit("S2", BY_OLD.sign(Command.addKey("k-2", NEW.getPublic().getEncoded()), "S2", 2)); // idempotent
      assertEquals(Set.of(oldId, newId), gate.trusted().keySet());
      assertEquals(Set.of(oldId, newId), gate.planVerifier().trustedKeyIds(), "plans are verified with the same set");
      gate.admit("S1", BY_NEW.sign(Command.activate("a-1", 2), "S1", 1));
      assertEquals(RejectReason.KEY_CHANGE, refusal(gate, "S1",
          BY_OLD.sign(Command.revokeKey("rv-0", oldId), "S1", 3)), "a key cannot revoke itself");
      gate.admit("S1", BY_NEW.sign(Command.revokeKey("rv-1", oldId), "S1", 2));
      assertEquals(Set.of(newId), gate.trusted().keySet());
      CommandRefusedException e = assertThrows(CommandRefusedException.class,
          () -> gate.admit("S1", BY_OLD.sign(Command.activate("a-9", 9), "S1", 99)));
      assertEquals(RejectReason.UNKNOWN_KEY, e.reason());
      assertTrue(e.getMessage().contains("was revoked"), e.getMessage());
      assertEquals(RejectReason.KEY_CHANGE, refusal(gate, "S1",
          BY_NEW.sign(Command.addKey("k-3", OLD.getPublic().getEncoded()), "S1", 3)), "revoked for good");
    }
    try (PlanStore store = PlanStore.open(data)) {
      CommandGate gate = new CommandGate(configured(), store.commands());
      assertEquals(Set.of(newId), gate.trusted().keySet(), "rotation survives a restart; config cannot undo it");
      assertFalse(gate.trusted().containsKey(oldId));
      KeyPair third = PlanKeys.generate();
      gate.admit("S1", BY_NEW.sign(Command.revokeKey("rv-2", PlanKeys.keyId(third.getPublic())), "S1", 4));
      assertEquals(RejectReason.KEY_CHANGE, refusal(gate, "S1",
          BY_NEW.sign(Command.addKey("k-4", third.getPublic().getEncoded()), "S1", 5)), "revoked before added");
    }
  }

  @Test
  void aRevokedKeyCannotRevokeBackSoOneKeyAlwaysRemains() throws Exception {
    try (PlanStore store = PlanStore.open(data)) {
      CommandGate gate = new CommandGate(configured(), store.commands());
      gate.admit("S1", BY_OLD.sign(Command.addKey("k-1", NEW.getPublic().getEncoded()), "S1", 1));
      gate.admit("S1", BY_OLD.sign(Command.revokeKey("rv-1", BY_NEW.keyId()), "S1", 2));
      assertEquals(RejectReason.UNKNOWN_KEY, refusal(gate, "S1", BY_NEW.sign(Command.revokeKey("rv-2",
          BY_OLD.keyId()), "S1", 1)));
      assertEquals(Set.of(BY_OLD.keyId()), gate.trusted().keySet());
    }
  }
}
