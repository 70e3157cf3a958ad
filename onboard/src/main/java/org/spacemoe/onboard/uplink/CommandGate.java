package org.spacemoe.onboard.uplink;

import java.io.IOException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.spacemoe.onboard.planstore.CommandLedger;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanVerifier;
import org.spacemoe.shared.plan.envelope.RejectReason;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.KeyIds;
import org.spacemoe.shared.uplink.SignedCommand;

/**
 * Admits signed commands on a satellite computer, checking in this order (the first failure is the reason):
 * the key is trusted ({@code UNKNOWN_KEY}), the signature verifies ({@code BAD_SIGNATURE}), the target is the
 * satellite whose topic carried it ({@code WRONG_TARGET}), the counter is above the last one accepted for
 * (key, target) ({@code REPLAYED}), and a key command can be applied ({@code KEY_CHANGE}). An admitted command's
 * counter, and its key change, are on disk ({@link CommandLedger}) before this returns.
 *
 * <p>Trusted keys = the configured ones, plus those added by command, minus those revoked by command. Key rules:
 * a revoked key is never trusted again; a key cannot revoke itself (revoke an old key with a command signed by
 * another current key); the last trusted key cannot be revoked; adding a key already trusted, or revoking one
 * already revoked, is accepted and changes nothing (a node playing several satellites gets one per satellite).
 * The same trusted set verifies plans ({@link #planVerifier()}). Thread-safe.
 */
public final class CommandGate {
  private final Map<String, PublicKey> configured;
  private final CommandLedger ledger;

  /** @param configured key id to key, from the node's configuration */
  public CommandGate(Map<String, PublicKey> configured, CommandLedger ledger) {
    this.configured = Map.copyOf(configured);
    this.ledger = ledger;
  }

  /** The keys trusted now, key id to key. */
  public synchronized Map<String, PublicKey> trusted() {
    Map<String, PublicKey> keys = new LinkedHashMap<>(configured);
    ledger.addedKeys().forEach((id, x509) -> {
      PublicKey k = parseKey(x509);
      if (k != null) {
        keys.put(id, k);
      }
    });
    keys.keySet().removeAll(ledger.revokedKeys());
    return keys;
  }

  /** A plan verifier over the keys trusted now. */
  public PlanVerifier planVerifier() {
    return new PlanVerifier(trusted());
  }

  /**
   * Checks {@code c}, which arrived on {@code satellite}'s command topic, and records it.
   *
   * @throws CommandRefusedException with the reason, naming what is wrong; nothing is recorded then
   * @throws IOException if the ledger cannot be written (the command is not carried out)
   */
  public synchronized Command admit(String satellite, SignedCommand c) throws CommandRefusedException, IOException {
    String from = "command " + c.command().commandId() + " (key " + c.keyId() + ", counter " + c.counter() + ")";
    if (ledger.problem() != null) {
      throw new CommandRefusedException(RejectReason.REPLAYED, from + ": cannot check counters, "
          + ledger.problem());
    }
    Map<String, PublicKey> trusted = trusted();
    PublicKey key = trusted.get(c.keyId());
    if (key == null) {
      throw new CommandRefusedException(RejectReason.UNKNOWN_KEY, from + ": key " + c.keyId()
          + (ledger.revokedKeys().contains(c.keyId()) ? " was revoked" : " is not trusted") + " (trusted: "
          + String.join(", ", trusted.keySet()) + ")");
    }
    if (!c.verifiedBy(key)) {
      throw new CommandRefusedException(RejectReason.BAD_SIGNATURE, from + ": signature does not verify");
    }
    if (!c.target().equals(satellite)) {
      throw new CommandRefusedException(RejectReason.WRONG_TARGET, from + ": signed for " + c.target()
          + ", arrived for " + satellite);
    }
    long last = ledger.lastCounter(c.keyId(), satellite);
    if (c.counter() <= last) {
      throw new CommandRefusedException(RejectReason.REPLAYED, from + ": counter is not above the last accepted "
          + last + " for key " + c.keyId() + " and " + satellite);
    }
    Command cmd = c.command();
    String addId = null;
    byte[] addX509 = null;
    String revokeId = null;
    if (cmd.action() == Command.Action.ADD_KEY) {
      PublicKey added = parseKey(cmd.argument());
      if (added == null) {
        throw new CommandRefusedException(RejectReason.KEY_CHANGE, from + ": the argument is not an Ed25519 public"
            + " key (X.509)");
      }
      addId = PlanKeys.keyId(added);
      if (ledger.revokedKeys().contains(addId)) {
        throw new CommandRefusedException(RejectReason.KEY_CHANGE, from + ": key " + addId + " was revoked and is"
            + " never trusted again");
      }
      addX509 = trusted.containsKey(addId) ? null : cmd.argument();
      addId = addX509 == null ? null : addId;
    } else if (cmd.action() == Command.Action.REVOKE_KEY) {
      String id = KeyIds.of(cmd.argument(), 0);
      if (id.equals(c.keyId())) {
        throw new CommandRefusedException(RejectReason.KEY_CHANGE, from + ": a key cannot revoke itself; sign the"
            + " revocation with another trusted key");
      }
      if (trusted.containsKey(id) && trusted.size() == 1) {
        throw new CommandRefusedException(RejectReason.KEY_CHANGE, from + ": " + id + " is the last trusted key");
      }
      revokeId = ledger.revokedKeys().contains(id) ? null : id;
    }
    ledger.record(c.keyId(), satellite, c.counter(), addId, addX509, revokeId);
    return cmd;
  }

  private static PublicKey parseKey(byte[] x509) {
    try {
      PublicKey k = KeyFactory.getInstance(PlanKeys.ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
      return k;
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }
}
