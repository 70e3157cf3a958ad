package org.spacemoe.shared.uplink;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What a command asks a satellite to do: the unsigned body of a {@link SignedCommand}. A command never travels
 * alone: the ground signs it for one target satellite with a counter ({@link CommandSigner}), and the envelope's
 * codec ({@link CommandEnvelopeCodec}) is its only wire form.
 *
 * @param commandId chosen by the ground, echoed in the status report that answers it; 1 to 64 characters of
 *     {@code [A-Za-z0-9._:-]}
 * @param action what to do
 * @param planVersion ACTIVATE, ROLLBACK, PREPARE, COMMIT, ABORT: the target plan version, >= 1; ADD_KEY and
 *     REVOKE_KEY: 0
 * @param argument ADD_KEY: the new key's X.509 SubjectPublicKeyInfo encoding ({@value #X509_ED25519_BYTES}
 *     bytes); REVOKE_KEY: the revoked key id ({@value #KEY_ID_BYTES} bytes, the 16 hex characters of
 *     {@code PlanKeys.keyId} as bytes); otherwise empty. Copied in and out.
 */
public record Command(String commandId, Action action, long planVersion, byte[] argument) {
  /** Length of an Ed25519 public key's X.509 encoding, bytes. */
  public static final int X509_ED25519_BYTES = 44;
  /** Length of a binary key id, bytes (64 bits). */
  public static final int KEY_ID_BYTES = 8;
  /** Longest command id, characters (ASCII, so also bytes). */
  public static final int MAX_ID_CHARS = 64;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_CHARS + "}");

  /** What a command asks for; {@link #code} is its byte on the wire. */
  public enum Action {
    /** Switch token processing to the staged plan {@code planVersion}, which must be newer than the active one. */
    ACTIVATE(1),
    /** Go back to exactly {@code planVersion}, older than the active plan and held by the satellite. */
    ROLLBACK(2),
    /** Trust one more ground key (the argument) for commands and plans. */
    ADD_KEY(3),
    /** Stop trusting a ground key (the argument is its key id); never the last trusted key. */
    REVOKE_KEY(4),
    /**
     * Two-phase activation, phase 1: confirm {@code planVersion} (staged, newer than the active plan) can be
     * switched to, load its shards and hold them until COMMIT, ABORT or the node's prepare timeout. Never switches.
     */
    PREPARE(5),
    /** Two-phase activation, phase 2: switch to {@code planVersion} between tokens, only if it is prepared. */
    COMMIT(6),
    /** Two-phase activation: release the prepared {@code planVersion}; the active plan keeps running. */
    ABORT(7);

    private final int code;

    Action(int code) {
      this.code = code;
    }

    /** The action's byte on the wire, 1 to 7. */
    public int code() {
      return code;
    }

    /** The action of a wire byte, or null if none has it. */
    public static Action ofCode(int code) {
      for (Action a : values()) {
        if (a.code == code) {
          return a;
        }
      }
      return null;
    }

    /** Bytes of this action's argument. */
    public int argumentBytes() {
      return switch (this) {
        case ADD_KEY -> X509_ED25519_BYTES;
        case REVOKE_KEY -> KEY_ID_BYTES;
        default -> 0;
      };
    }

    /** Whether this action names a plan version (>= 1); key actions carry 0. */
    public boolean hasPlanVersion() {
      return this != ADD_KEY && this != REVOKE_KEY;
    }
  }

  public Command {
    if (commandId == null || !ID.matcher(commandId).matches()) {
      throw new IllegalArgumentException("command: commandId must be 1 to 64 characters of [A-Za-z0-9._:-], got "
          + (commandId == null ? "null" : "'" + commandId.substring(0, Math.min(commandId.length(), 70))
          .replaceAll("[^\\x20-\\x7e]", "?") + "'"));
    }
    if (action == null) {
      throw new IllegalArgumentException("command: action must be one of " + Arrays.toString(Action.values()));
    }
    if (action.hasPlanVersion() ? planVersion < 1 : planVersion != 0) {
      throw new IllegalArgumentException("command: " + action + " needs planVersion "
          + (action.hasPlanVersion() ? ">= 1" : "0") + ", got " + planVersion);
    }
    argument = argument == null ? new byte[0] : argument.clone();
    if (argument.length != action.argumentBytes()) {
      throw new IllegalArgumentException("command: " + action + " takes a " + action.argumentBytes()
          + "-byte argument, got " + argument.length);
    }
  }

  public static Command activate(String commandId, long planVersion) {
    return new Command(commandId, Action.ACTIVATE, planVersion, null);
  }

  public static Command rollback(String commandId, long planVersion) {
    return new Command(commandId, Action.ROLLBACK, planVersion, null);
  }

  public static Command prepare(String commandId, long planVersion) {
    return new Command(commandId, Action.PREPARE, planVersion, null);
  }

  public static Command commit(String commandId, long planVersion) {
    return new Command(commandId, Action.COMMIT, planVersion, null);
  }

  public static Command abort(String commandId, long planVersion) {
    return new Command(commandId, Action.ABORT, planVersion, null);
  }

  /** Trust {@code x509} (an Ed25519 public key's {@code getEncoded()}) from now on. */
  public static Command addKey(String commandId, byte[] x509) {
    return new Command(commandId, Action.ADD_KEY, 0, x509);
  }

  /** Stop trusting the key with this id (16 lower-case hex characters). */
  public static Command revokeKey(String commandId, String keyId) {
    return new Command(commandId, Action.REVOKE_KEY, 0, KeyIds.toBytes(keyId));
  }

  @Override
  public byte[] argument() {
    return argument.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Command c && commandId.equals(c.commandId) && action == c.action
        && planVersion == c.planVersion && Arrays.equals(argument, c.argument);
  }

  @Override
  public int hashCode() {
    return (commandId.hashCode() * 31 + action.hashCode()) * 31 + Long.hashCode(planVersion) * 31
        + Arrays.hashCode(argument);
  }

  @Override
  public String toString() {
    return action + (action.hasPlanVersion() ? " v" + planVersion : " " + java.util.HexFormat.of()
        .formatHex(argument)) + " (" + commandId + ")";
  }
}
