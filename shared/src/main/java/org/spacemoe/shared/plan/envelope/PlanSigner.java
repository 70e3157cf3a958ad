package org.spacemoe.shared.plan.envelope;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;

/**
 * Signs plan JSON into a {@link SignedPlan}. Ed25519 is deterministic: the same key, flag and bytes always
 * give the same envelope.
 */
public final class PlanSigner {
  /**
   * Domain separation prefix of every signed message: the ASCII text {@code spacemoe-plan-v1} and a NUL byte
   * (17 bytes). A signature over a plan can therefore never be a valid signature of anything else this
   * project signs with the same key, nor of a later envelope version.
   */
  public static final byte[] DOMAIN = "spacemoe-plan-v1\0".getBytes(StandardCharsets.US_ASCII);

  private PlanSigner() {}

  /**
   * Signs {@code planJson} as it is (it is not re-serialised: satellites parse exactly these bytes).
   *
   * @param planJson the plan's JSON bytes, e.g. {@code PlanJson.toBytes(plan)} or a plan file's content
   * @param key the ground's Ed25519 private key; the key id is derived from its public key
   * @param rollback true to sign a request to go back to this (older) plan version
   */
  public static SignedPlan sign(byte[] planJson, PrivateKey key, boolean rollback) {
    return sign(planJson, key, publicKeyOf(key), rollback);
  }

  /** As {@link #sign(byte[], PrivateKey, boolean)}, with the pair's public key for the key id. */
  public static SignedPlan sign(byte[] planJson, KeyPair pair, boolean rollback) {
    return sign(planJson, pair.getPrivate(), pair.getPublic(), rollback);
  }

  private static SignedPlan sign(byte[] planJson, PrivateKey key, PublicKey pub, boolean rollback) {
    try {
      Signature s = Signature.getInstance(PlanKeys.ALGORITHM);
      s.initSign(key);
      s.update(signedMessage(rollback, planJson));
      byte[] sig = s.sign();
      Base64.Encoder b64 = Base64.getEncoder();
      return new SignedPlan(SignedPlan.FORMAT, SignedPlan.VERSION, PlanKeys.keyId(pub), SignedPlan.ALGORITHM,
          rollback, b64.encodeToString(planJson), b64.encodeToString(sig));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key (Ed25519 expected): " + e.getMessage(), e);
    }
  }

  /**
   * The exact bytes the signature covers: {@link #DOMAIN}, then {@code 0x01} for a rollback or {@code 0x00},
   * then {@code payload}.
   */
  public static byte[] signedMessage(boolean rollback, byte[] payload) {
    byte[] m = new byte[DOMAIN.length + 1 + payload.length];
    System.arraycopy(DOMAIN, 0, m, 0, DOMAIN.length);
    m[DOMAIN.length] = (byte) (rollback ? 1 : 0);
    System.arraycopy(payload, 0, m, DOMAIN.length + 1, payload.length);
    return m;
  }

  /**
   * The public key of an Ed25519 private key. The JDK has no direct call for it; its Ed25519 key generator
   * takes the 32-byte private key from its random source, so it is fed the key's own bytes. The result is
   * checked by a signature round trip.
   */
  public static PublicKey publicKeyOf(PrivateKey key) {
    if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
    }
    byte[] seed = ed.getBytes().get();
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(PlanKeys.ALGORITHM);
      g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
        private static final long serialVersionUID = 1L;

        @Override
        public void nextBytes(byte[] bytes) {
          if (bytes.length != seed.length) {
            throw new IllegalStateException("unexpected request for " + bytes.length + " random bytes");
          }
          System.arraycopy(seed, 0, bytes, 0, seed.length);
        }
      });
      PublicKey pub = g.generateKeyPair().getPublic();
      byte[] probe = DOMAIN;
      Signature s = Signature.getInstance(PlanKeys.ALGORITHM);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      s.initVerify(pub);
      s.update(probe);
      if (!s.verify(sig)) {
        throw new IllegalStateException("derived public key does not match the private key");
      }
      return pub;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive the Ed25519 public key: " + e.getMessage(), e);
    }
  }
}
