package org.spacemoe.shared.uplink;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.PlanSigner;

/** Signs commands with a ground key (Ed25519, deterministic: same inputs, same envelope). Thread-safe. */
public final class CommandSigner {
  private final PrivateKey key;
  private final String keyId;

  /** @param key the ground's Ed25519 private key; its key id is derived from the public key */
  public CommandSigner(PrivateKey key) {
    this(key, PlanSigner.publicKeyOf(key));
  }

  public CommandSigner(PrivateKey key, PublicKey pub) {
    this.key = key;
    this.keyId = PlanKeys.keyId(pub);
  }

  /** Id of the signing key. */
  public String keyId() {
    return keyId;
  }

  /** {@code command} for {@code target} with {@code counter} (>= 1), signed. */
  public SignedCommand sign(Command command, String target, long counter) {
    try {
      Signature s = Signature.getInstance(PlanKeys.ALGORITHM);
      s.initSign(key);
      s.update(CommandEnvelopeCodec.signedMessage(keyId, target, counter, command));
      return new SignedCommand(keyId, target, counter, command, s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key (Ed25519 expected): " + e.getMessage(), e);
    }
  }
}
