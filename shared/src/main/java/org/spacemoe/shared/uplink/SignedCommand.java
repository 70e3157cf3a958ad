package org.spacemoe.shared.uplink;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Objects;
import org.spacemoe.shared.frame.FrameTopics;

/**
 * A command signed by a ground key for one satellite with a counter: the only way a command travels (binary,
 * {@link CommandEnvelopeCodec}). The Ed25519 signature covers {@link CommandEnvelopeCodec#DOMAIN} followed by
 * every envelope byte before the signature (key id, counter, target, command), so none of them can be changed.
 *
 * @param keyId id of the signing ground key (16 lower-case hex characters)
 * @param target the satellite the command is for (a topic-level name, 1 to 64 UTF-8 bytes)
 * @param counter per (ground key, target) counter in [1, 2^63-1]; a satellite accepts a command only if it is
 *     above the last counter it accepted for that pair
 * @param command what to do
 * @param signature 64 bytes; copied in and out
 */
public record SignedCommand(String keyId, String target, long counter, Command command, byte[] signature)
    implements UplinkMessage {
  /** Ed25519 signature length, bytes. */
  public static final int SIGNATURE_BYTES = 64;

  public SignedCommand {
    KeyIds.toBytes(keyId);
    FrameTopics.checkName(target);
    if (target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > CommandEnvelopeCodec.MAX_TARGET_BYTES) {
      throw new IllegalArgumentException("signed command: target must be at most "
          + CommandEnvelopeCodec.MAX_TARGET_BYTES + " UTF-8 bytes");
    }
    if (counter < 1) {
      throw new IllegalArgumentException("signed command: counter must be in [1, 2^63-1], got " + counter);
    }
    Objects.requireNonNull(command, "signed command: command");
    if (signature == null || signature.length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException("signed command: signature must be " + SIGNATURE_BYTES + " bytes");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Whether the signature verifies with {@code key} over the domain and this envelope's signed bytes. */
  public boolean verifiedBy(PublicKey key) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(CommandEnvelopeCodec.signedMessage(this));
      return s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public byte[] toBytes() {
    return CommandEnvelopeCodec.encode(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedCommand c && keyId.equals(c.keyId) && target.equals(c.target) && counter == c.counter
        && command.equals(c.command) && Arrays.equals(signature, c.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, target, counter, command) * 31 + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedCommand[" + command + " for " + target + ", key " + keyId + ", counter " + counter + "]";
  }
}
