package org.spacemoe.onboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;

/**
 * The node's meters read its telemetry when scraped; keyed families get a meter with their first key, also for keys
 * counted before the binding; a composite registry and the registry it holds, both bound, hold each meter once.
 */
class NodeMetersTest {
  private static final NodeMeters.NodeGauges GAUGES = new NodeMeters.NodeGauges() {
    @Override
    public double up() {
      return 1;
    }

    @Override
    public double draining() {
      return 0;
    }

    @Override
    public double brokerConnected() {
      return 1;
    }

    @Override
    public double activePlanVersion() {
      return 7;
    }

    @Override
    public double shardsLoaded() {
      return 3;
    }

    @Override
    public double sequencesHeld() {
      return 2;
    }
  };

  @Test
  void metersFollowTheTelemetryAndItsNewKeys() {
    NodeTelemetry t = new NodeTelemetry();
    t.frameError("BAD_CRC"); // before the binding: announced by the replay
    SimpleMeterRegistry child = new SimpleMeterRegistry();
    CompositeMeterRegistry composite = new CompositeMeterRegistry();
    composite.add(child);
    NodeMeters meters = new NodeMeters(t, GAUGES);
    meters.bindTo(composite);
    meters.bindTo(child);

    t.dropped(DropReason.DRAINING);
    t.hop(1, 2_000_000, 1_000_000, 5_000_000);
    t.hop(1, 2_000_000, 1_000_000, 3_000_000);
    t.sequenceFailed("DRAINING");
    t.expertActivated(1, 4);

    assertEquals(1.0, child.get("spacemoe.frames.dropped").tag("reason", "DRAINING").functionCounter().count());
    assertEquals(1.0, child.get("spacemoe.frames.dropped").tag("reason", "MALFORMED").functionCounter().count(),
        "a frame error is also a MALFORMED drop");
    assertEquals(0.0, child.get("spacemoe.frames.dropped").tag("reason", "QUEUE_FULL").functionCounter().count());
    assertEquals(1.0, child.get("spacemoe.frame.errors").tag("reason", "BAD_CRC").functionCounter().count());
    assertEquals(1.0, child.get("spacemoe.sequence.failures").tag("reason", "DRAINING").functionCounter().count());
    assertEquals(1.0, child.get("spacemoe.expert.activations").tags("layer", "1", "expert", "4").functionCounter()
        .count());
    FunctionTimer compute = child.get("spacemoe.hop.compute").tag("layer", "1").functionTimer();
    assertEquals(2.0, compute.count());
    assertEquals(8.0, compute.totalTime(TimeUnit.MILLISECONDS), 1e-9);
    assertEquals(4.0, child.get("spacemoe.hop.link").tag("layer", "1").functionTimer().totalTime(TimeUnit.MILLISECONDS),
        1e-9);
    assertNull(child.find("spacemoe.hop.compute").tag("layer", "0").meter(), "no meter for a layer without hops");
    assertEquals(7.0, child.get("spacemoe.plan.version").gauge().value());
    List<FunctionCounter> failures = List.copyOf(child.find("spacemoe.sequence.failures").functionCounters());
    assertEquals(1, failures.size(), "one meter per key, though two registries were bound");
    assertNotNull(composite.find("spacemoe.frame.errors").tag("reason", "BAD_CRC").functionCounter());
  }
}
