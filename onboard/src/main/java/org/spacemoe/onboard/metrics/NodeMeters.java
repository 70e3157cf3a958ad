package org.spacemoe.onboard.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.onboard.telemetry.NodeTelemetry.Series;

/**
 * The node's telemetry as Micrometer meters named {@code spacemoe_*} (Prometheus names; Micrometer's are dotted).
 * The meters read {@link NodeTelemetry}'s counters when scraped: nothing is counted twice, and {@code /telemetry}
 * keeps its own JSON. Keyed counters get a meter when their key is first counted ({@link NodeTelemetry#listen}).
 *
 * <p>Cardinality is bounded by construction (docs/onboard-distribution.md lists the meters): {@code reason} takes
 * the values of an enum ({@link DropReason}: 17, {@code FrameError}, {@code SequenceErrorReason}: 9), {@code kind}
 * the frame kinds plus {@code START}, {@code RESIDUAL} and {@code PUBLISH_REFUSED}, {@code layer} the plan's layers,
 * {@code layer} x {@code expert} the experts this node hosts (activated here), and {@code satellite} one value per
 * process ({@link SatelliteTag}).
 */
public final class NodeMeters implements MeterBinder {
  private final NodeTelemetry telemetry;
  private final NodeGauges gauges;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  /** What the gauges read: the runtime's state now. */
  public interface NodeGauges {
    /** 1 when healthy (UP), else 0. */
    double up();

    /** 1 while stopping (draining), else 0. */
    double draining();

    double brokerConnected();

    double activePlanVersion();

    double shardsLoaded();

    double sequencesHeld();
  }

  public NodeMeters(NodeTelemetry telemetry, NodeGauges gauges) {
    this.telemetry = telemetry;
    this.gauges = gauges;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    counter(registry, "spacemoe.frames.received", "Frames received for the hosted satellites", telemetry,
        NodeTelemetry::framesReceived);
    counter(registry, "spacemoe.frames.sent", "Frames sent by the hosted satellites", telemetry,
        NodeTelemetry::framesSent);
    for (DropReason r : DropReason.values()) {
      FunctionCounter.builder("spacemoe.frames.dropped", telemetry, t -> t.dropCount(r))
          .description("Frames dropped or tokens failed, by reason").tag("reason", r.name()).register(registry);
    }
    counter(registry, "spacemoe.expert.failovers", "Expert requests re-sent to another copy after a timeout",
        telemetry, NodeTelemetry::expertFailovers);
    counter(registry, "spacemoe.gateway.failovers", "Hidden states sent to a layer's standby gateway", telemetry,
        NodeTelemetry::gatewayFailovers);
    counter(registry, "spacemoe.kv.rebuilt.steps", "KV cache steps rebuilt from a predecessor's history", telemetry,
        NodeTelemetry::rebuiltSteps);
    counter(registry, "spacemoe.resent.after.reconnect", "Publishes sent again after a broker reconnect", telemetry,
        NodeTelemetry::resentAfterReconnect);
    gauge(registry, "spacemoe.up", "1 when /health is UP (plan, shards, broker), else 0", NodeGauges::up);
    gauge(registry, "spacemoe.draining", "1 while the node is stopping and drains its sequences", NodeGauges::draining);
    gauge(registry, "spacemoe.broker.connected", "1 while connected and subscribed to the broker",
        NodeGauges::brokerConnected);
    gauge(registry, "spacemoe.plan.version", "Plan version new sequences run on (0: none)",
        NodeGauges::activePlanVersion);
    gauge(registry, "spacemoe.shards.loaded", "Shard executors loaded", NodeGauges::shardsLoaded);
    gauge(registry, "spacemoe.sequences.held", "Sequences whose state this node holds", NodeGauges::sequencesHeld);
    telemetry.listen(this::added);
  }

  private void added(Series series, String key) {
    for (MeterRegistry r : registries) {
      register(r, series, key);
    }
  }

  /**
   * No meter {@code name} with these tags in {@code r} yet (a composite registry passes its meters on to the
   * registries it holds, which Micronaut may bind too).
   */
  private static boolean absent(MeterRegistry r, String name, String... tags) {
    return r.find(name).tags(tags).meter() == null;
  }

  private void register(MeterRegistry r, Series series, String key) {
    switch (series) {
      case FRAME_ERROR -> keyed(r, "spacemoe.frame.errors", "Frames that did not decode, by frame error", series,
          key, "reason");
      case SEQUENCE_FAILURE -> keyed(r, "spacemoe.sequence.failures", "Sequences failed here, by published reason",
          series, key, "reason");
      case DUPLICATE -> keyed(r, "spacemoe.duplicates.ignored", "Frames received again and ignored, by kind", series,
          key, "kind");
      case RETRY -> keyed(r, "spacemoe.retries", "Frames sent again after a missed deadline, by kind", series, key,
          "kind");
      case COMMAND_REFUSAL -> keyed(r, "spacemoe.command.refusals", "Ground commands refused, by reason", series,
          key, "reason");
      case EXPERT_ACTIVATION -> {
        int slash = key.indexOf('/');
        if (!absent(r, "spacemoe.expert.activations", "layer", key.substring(0, slash), "expert",
            key.substring(slash + 1))) {
          return;
        }
        FunctionCounter.builder("spacemoe.expert.activations", telemetry, t -> t.count(series, key))
            .description("Expert runs on this node").tag("layer", key.substring(0, slash))
            .tag("expert", key.substring(slash + 1)).register(r);
      }
      case LAYER -> {
        int layer = Integer.parseInt(key);
        phase(r, "spacemoe.hop.compute", "Compute time of the hops handled, by layer", layer, 1);
        phase(r, "spacemoe.hop.link", "Link time (send to arrival, emulated hold included) of the hops, by layer",
            layer, 2);
        phase(r, "spacemoe.hop.queue", "Queue time (arrival to start) of the hops, by layer", layer, 3);
      }
      default -> throw new IllegalStateException("unknown series " + series);
    }
  }

  private void keyed(MeterRegistry r, String name, String description, Series series, String key, String tag) {
    if (!absent(r, name, tag, key)) {
      return;
    }
    FunctionCounter.builder(name, telemetry, t -> t.count(series, key)).description(description).tag(tag, key)
        .register(r);
  }

  private void phase(MeterRegistry r, String name, String description, int layer, int phase) {
    String key = Integer.toString(layer);
    if (!absent(r, name, "layer", key)) {
      return;
    }
    FunctionTimer.builder(name, telemetry, t -> (long) t.count(Series.LAYER, key), t -> t.layerNanos(layer, phase),
        TimeUnit.NANOSECONDS).description(description).tag("layer", key).register(r);
  }

  private static void counter(MeterRegistry r, String name, String description, NodeTelemetry t,
      ToDoubleFunction<NodeTelemetry> f) {
    FunctionCounter.builder(name, t, f).description(description).register(r);
  }

  private void gauge(MeterRegistry r, String name, String description, ToDoubleFunction<NodeGauges> f) {
    Gauge.builder(name, gauges, f).description(description).register(r);
  }
}
