package org.spacemoe.shared.plan.envelope;

/** The fixture plan JSON for tests in other packages. */
public final class TestPlans {
  private TestPlans() {}

  /** A one-layer plan: gateway A, experts on B and C; version 7. */
  public static final String PLAN_JSON = EnvelopeFixtures.PLAN_JSON;
}
