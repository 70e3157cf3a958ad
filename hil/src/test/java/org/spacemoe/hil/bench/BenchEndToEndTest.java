package org.spacemoe.hil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.hil.TestBroker;

/** The tiny bench through a real broker: the distributed run equals the single-process reference. */
class BenchEndToEndTest {
  @RegisterExtension static final TestBroker BROKER = new TestBroker();

  @Test
  @Timeout(120)
  void tinyBenchMatchesTheReference(@TempDir Path dir) throws Exception {
    BenchOptions o = TinyBench.options(dir, BROKER.uri(), 6, 0.05);
    long t0 = System.nanoTime();
    BenchReport r = BenchRunner.run(o, n -> { });
    String summary = "report: tokens=" + r.tokens() + " errors=" + r.errors() + " drops=" + r.droppedFrames()
        + " maxDiff=" + r.maxHiddenAbsDiff() + " compared=" + r.hiddenStatesCompared();

    assertTrue(r.matchesReference(), summary);
    assertEquals(6, r.tokens(), summary);
    assertEquals(6, r.referenceTokens().length, summary);
    assertArrayEquals(r.referenceTokens(), r.generatedTokens(), summary);
    assertTrue(r.hiddenStatesCompared() > 0, summary);
    assertTrue(r.maxHiddenAbsDiff() <= BenchRunner.HIDDEN_TOLERANCE, summary);
    assertTrue(r.droppedFrames().isEmpty(), summary);
    assertTrue(r.errors().isEmpty(), summary);
    assertEquals(5, r.perToken().size(), summary);
    assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 60, "the tiny bench should take seconds");
  }
}
