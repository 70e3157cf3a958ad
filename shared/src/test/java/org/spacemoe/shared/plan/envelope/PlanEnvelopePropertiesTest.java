package org.spacemoe.shared.plan.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.KeyPair;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.spacemoe.shared.plan.PlacementPlan;

/** A flipped bit anywhere in the envelope's JSON never yields a different plan or rollback flag. */
class PlanEnvelopePropertiesTest {
  private static final KeyPair GROUND = PlanKeys.generate();
  private static final PlanVerifier VERIFIER = PlanVerifier.trusting(List.of(GROUND.getPublic()));
  private static final byte[] PLAN = EnvelopeFixtures.planBytes();

  @Property(tries = 2000)
  void anyBitFlipIsRejectedOrHarmless(@ForAll boolean rollback, @ForAll @IntRange(min = 0, max = 100_000) int at,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] json = PlanSigner.sign(PLAN, GROUND, rollback).toJson();
    int i = at % json.length;
    json[i] ^= (byte) (1 << bit);
    PlacementPlan plan;
    try {
      plan = VERIFIER.verify("flipped", json);
    } catch (PlanRejectedException e) {
      return; // refused, with a reason
    }
    // accepted only if the flip did not touch what is signed (it cannot: every field is checked)
    assertEquals(VERIFIER.verify(PlanSigner.sign(PLAN, GROUND, rollback)), plan);
    assertEquals(rollback, SignedPlan.parse("flipped", json).rollback());
  }
}
