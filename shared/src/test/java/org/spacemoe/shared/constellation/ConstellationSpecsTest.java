package org.spacemoe.shared.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.spacemoe.shared.input.InvalidInputException;

class ConstellationSpecsTest {
  private static WalkerParameters params(String spec) {
    return ((WalkerConstellation) ConstellationSpecs.parse(spec)).parameters();
  }

  @Test
  void paperIsTheStar33x32() {
    assertEquals(WalkerParameters.paper(), params("paper"));
    assertEquals(WalkerParameters.paper(), params(" PAPER "));
    assertEquals(new WalkerParameters(WalkerPattern.STAR, 33, 32, 550, 87, 1), WalkerParameters.paper());
    assertEquals(1056, ConstellationSpecs.parse("paper").size());
  }

  @Test
  void walkerStarWithKeys() {
    assertEquals(new WalkerParameters(WalkerPattern.STAR, 12, 20, 1200.5, 53, 4),
        params("walker-star:planes=12,sats=20,altitude-km=1200.5,inclination-deg=53,phasing=4"));
    // missing keys take the paper's values; spaces around keys and values are ignored
    assertEquals(new WalkerParameters(WalkerPattern.STAR, 6, 8, 550, 87, 1), params("walker-star: planes = 6 ,sats=8"));
    assertEquals(WalkerParameters.paper(), params("walker-star"));
    assertEquals(WalkerParameters.paper(), params("walker-star:"));
  }

  @Test
  void walkerDelta() {
    WalkerConstellation c = (WalkerConstellation) ConstellationSpecs.parse("walker-delta:planes=24,sats=22,inclination-deg=53");
    assertEquals(new WalkerParameters(WalkerPattern.DELTA, 24, 22, 550, 53, 1), c.parameters());
    assertEquals("walker-delta:24x22:550km:53deg:F1", c.id());
  }

  @Test
  void unspecifiedPhasingIsClampedForASinglePlane() {
    // the paper's default F = 1 is out of range for P = 1 (F in [0, P-1]); a spec that never mentions phasing
    // must not fail because of it
    assertEquals(new WalkerParameters(WalkerPattern.STAR, 1, 10, 550, 87, 0), params("walker-star:planes=1,sats=10"));
    // given explicitly, an out-of-range F is still an error
    assertNamed("phasing", "walker-star:planes=1,sats=10,phasing=1");
  }

  private static InvalidInputException assertNamed(String named, String spec) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConstellationSpecs.parse(spec));
    assertTrue(e.getMessage().contains(named), "'" + e.getMessage() + "' should name " + named);
    return e;
  }

  @Test
  void badSpecsNameTheInput() {
    assertNamed("--constellation", "");
    assertNamed("--constellation", null);
    InvalidInputException e = assertNamed("--constellation", "walker-polar:planes=3");
    assertTrue(e.getMessage().contains("walker-polar"), e.getMessage());
    e = assertNamed("--constellation", "walker-star:planes=3,shells=2");
    assertTrue(e.getMessage().contains("'shells'"), e.getMessage());
    e = assertNamed("--constellation", "walker-star:planes=three");
    assertTrue(e.getMessage().contains("planes") && e.getMessage().contains("three"), e.getMessage());
    e = assertNamed("--constellation", "walker-delta:altitude-km=high");
    assertTrue(e.getMessage().contains("altitude-km"), e.getMessage());
    assertNamed("--constellation", "walker-star:altitude-km=Infinity");
    assertNamed("--constellation", "walker-star;planes=3");
    assertNamed("--constellation", "walker-starx");
    assertNamed("--constellation", "walker-star:planes");
    assertNamed("planes", "walker-star:planes=0");
    assertNamed("satellites per plane", "walker-star:sats=-2");
    assertNamed("altitude", "walker-star:altitude-km=-5");
    assertNamed("inclination", "walker-star:inclination-deg=200");
    assertNamed("phasing", "walker-delta:planes=4,phasing=4");
  }

  @Provide
  Arbitrary<WalkerParameters> walkerParameters() {
    Arbitrary<Double> altitude = Arbitraries.oneOf(
        Arbitraries.integers().between(1, 100_000).map(Integer::doubleValue),
        Arbitraries.doubles().between(1e-3, 100_000).ofScale(9));
    Arbitrary<Double> inclination = Arbitraries.oneOf(
        Arbitraries.integers().between(0, 180).map(Integer::doubleValue),
        Arbitraries.doubles().between(0, 180).ofScale(12));
    return Combinators.combine(Arbitraries.of(WalkerPattern.class), Arbitraries.integers().between(1, 30),
            Arbitraries.integers().between(1, 30), altitude, inclination, Arbitraries.doubles().between(0, 1))
        .as((pattern, planes, sats, alt, inc, f) ->
            new WalkerParameters(pattern, planes, sats, alt, inc, (int) Math.floor(f * (planes - 1) + 0.5)));
  }

  @Property(tries = 300)
  void specOfRoundTripsThroughParse(@ForAll("walkerParameters") WalkerParameters p) {
    Constellation c = ConstellationSpecs.parse(ConstellationSpecs.specOf(p));
    assertEquals(p.id(), c.id());
    assertEquals(p, ((WalkerConstellation) c).parameters());
  }
}
