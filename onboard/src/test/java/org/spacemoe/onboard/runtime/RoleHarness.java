package org.spacemoe.onboard.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.spacemoe.onboard.shard.EmbeddingExecutor;
import org.spacemoe.onboard.shard.ExpertExecutor;
import org.spacemoe.onboard.shard.GatewayExecutor;
import org.spacemoe.onboard.shard.GatewayOutput;
import org.spacemoe.onboard.shard.HeadExecutor;
import org.spacemoe.onboard.shard.KvCache;
import org.spacemoe.onboard.telemetry.NodeTelemetry;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.frame.SequenceError;
import org.spacemoe.shared.frame.SequenceErrorCodec;
import org.spacemoe.shared.frame.SequenceStart;
import org.spacemoe.shared.frame.SequenceStartCodec;
import org.spacemoe.shared.model.DeviceProfile;
import org.spacemoe.shared.model.MoeModel;
import org.spacemoe.shared.plan.LayerPlacement;
import org.spacemoe.shared.plan.PlacementPlan;

/**
 * The roles of a small plan (3 layers, 2 experts each, top-2; gateways G0 (entry), G1, G2 (head); experts on
 * E{layer}{expert}; optional standby S1 for layer 1) wired through a recording frame sink and a manual clock, with
 * deterministic stand-in executors whose outputs depend on the KV cache (so a wrongly rebuilt cache changes the
 * tokens). Frames go through the real codec and {@link FrameDispatcher}; the test decides which are delivered,
 * dropped or duplicated. No broker, no threads.
 */
final class RoleHarness {
  static final int HIDDEN = 4;
  static final int VOCAB = 16;
  static final long VERSION = 1;
  static final long MS = 1_000_000L;

  /** A frame in flight. */
  record Sent(String from, String to, ActivationFrame frame) {}

  final ManualClock clock = new ManualClock();
  final NodeTelemetry telemetry = new NodeTelemetry();
  final Deque<Sent> inFlight = new ArrayDeque<>();
  final List<ActivationFrame> tokenResults = new ArrayList<>();
  final List<SequenceError> errors = new ArrayList<>();
  final Map<String, Integer> sentByKind = new TreeMap<>();
  /** Satellites that died: nothing reaches them, nothing they send or publish gets out. */
  final java.util.Set<String> dead = new java.util.HashSet<>();
  /** The nodes are stopping: new starts are refused ({@code DRAINING}). */
  final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
  private final Map<String, FrameDispatcher> nodes = new HashMap<>();
  final Deadlines deadlines = new Deadlines(1, 10 * MS, 80 * MS, 2_000 * MS, 30 * MS, 2);

  RoleHarness(boolean standby) {
    List<LayerPlacement> layers = new ArrayList<>();
    for (int l = 0; l < 3; l++) {
      String g = "G" + l;
      List<String> subnet = new ArrayList<>(List.of(g, "E" + l + "0", "E" + l + "1"));
      String sb = standby && l == 1 ? "S1" : null;
      if (sb != null) {
        subnet.add(sb);
      }
      layers.add(new LayerPlacement(l, subnet, g, List.of(List.of("E" + l + "0"), List.of("E" + l + "1")), null, sb));
    }
    PlacementPlan plan = new PlacementPlan(PlacementPlan.SCHEMA_VERSION, VERSION, "test", "test", layers, Map.of(),
        null);
    PlanRoles roles = new PlanRoles(plan);
    MoeModel model = new MoeModel("test", 3, 2, 2, HIDDEN, 8, VOCAB);
    EmulatedCompute compute = new EmulatedCompute(false, model, 0, DeviceProfile.SBC_2A72, 1);
    ExpertCopies copies = new ExpertCopies(roles, new SuspectHosts(500 * MS));
    SuspectHosts gatewaySuspects = new SuspectHosts(500 * MS);
    FrameSink sink = new FrameSink() {
      @Override
      public void send(String from, String to, ActivationFrame frame, long notBeforeNanos) {
        Frames.CODEC.encode(frame); // every frame must encode
        sentByKind.merge(frame.kind().name(), 1, Integer::sum);
        inFlight.add(new Sent(from, to, frame));
      }

      @Override
      public void publish(String topic, byte[] payload) {
        SequenceError e = SequenceErrorCodec.decode(payload);
        if (!dead.contains(e.satellite())) {
          errors.add(e);
        }
      }

      @Override
      public void publishAt(String topic, ActivationFrame frame, long notBeforeNanos) {
        tokenResults.add(frame);
      }

      @Override
      public double modelledLatencyS(String from, String to, int bytes) {
        return from.equals(to) ? 0 : 0.001;
      }
    };
    java.util.Set<String> sats = new java.util.TreeSet<>();
    for (LayerPlacement lp : layers) {
      sats.addAll(lp.subnet());
    }
    for (String sat : sats) {
      RoleContext ctx = new RoleContext(sat, VERSION, roles, 2, sink, compute, telemetry, clock, deadlines, 8, 64,
          copies, gatewaySuspects, stopping::get);
      SatelliteRoles sr = new SatelliteRoles(Runnable::run, telemetry, 2);
      for (int l : roles.gatewayLayersOf(sat)) {
        sr.addGateway(l, new GatewayRole(ctx, l, HIDDEN, new FakeGateway(l), l == 0 ? new FakeEmbedding() : null,
            l == 2 ? new FakeHead() : null));
      }
      for (int[] le : roles.expertsOf(sat)) {
        sr.addExpert(le[0], le[1], new ExpertRole(ctx, le[0], le[1], new FakeExpert(le[0], le[1])));
      }
      FrameDispatcher d = new FrameDispatcher(telemetry);
      d.install(VERSION, Map.of(sat, sr));
      d.activate(VERSION);
      nodes.put(sat, d);
    }
  }

  /** The ground starts a sequence at the entry. */
  private long firstGenerated;

  void start(long seq, int[] prompt, int newTokens) {
    firstGenerated = prompt.length - 1L;
    deliver(new Sent(null, "G0", SequenceStartCodec.toFrame(new SequenceStart(VERSION, seq, prompt, newTokens))));
  }

  /** The stop's drain time is over: every node fails the sequences it still holds (as OnboardRuntime.drain does). */
  void failHeld(String detail) {
    nodes.values().forEach(d -> d.failHeld(detail));
  }

  /** Sequences held by every node's roles. */
  int sequencesHeld() {
    return nodes.values().stream().mapToInt(FrameDispatcher::sequencesHeld).sum();
  }

  void deliver(Sent s) {
    if (dead.contains(s.to()) || (s.from() != null && dead.contains(s.from()))) {
      return;
    }
    FrameDispatcher d = nodes.get(s.to());
    if (d != null) {
      d.onFrame(s.to(), s.from(), Frames.CODEC.encode(s.frame()), clock.nanoTime(), clock.nanoTime());
    }
  }

  /**
   * Delivers frames in flight (and those they cause) until none is left; {@code drop} frames are lost, {@code dup}
   * frames delivered twice. Then lets {@code stepMs} pass and repeats, up to {@code rounds} times or until nothing
   * is in flight and no timer is due within the give-up time.
   */
  void run(Predicate<Sent> drop, Predicate<Sent> dup, int rounds) {
    for (int r = 0; r < rounds; r++) {
      while (!inFlight.isEmpty()) {
        Sent s = inFlight.poll();
        if (drop.test(s)) {
          continue;
        }
        deliver(s);
        if (dup.test(s)) {
          deliver(s);
        }
      }
      if (!clock.advanceToNext()) {
        return;
      }
    }
  }

  void run() {
    run(s -> false, s -> false, 10_000);
  }

  /** Generated tokens by step (the first result for each step), in step order. */
  int[] tokens() {
    Map<Long, Integer> byStep = new TreeMap<>();
    for (ActivationFrame f : tokenResults) {
      if (f.tokenStep() >= firstGenerated)
      byStep.putIfAbsent(f.tokenStep(), f.tokens()[0]);
    }
    return byStep.values().stream().mapToInt(Integer::intValue).toArray();
  }

  long resultsFor(long step) {
    return tokenResults.stream().filter(f -> f.tokenStep() == step).count();
  }

  static boolean is(Sent s, FrameKind kind, String to) {
    return s.frame().kind() == kind && s.to().equals(to);
  }

  /** A clock whose time moves only when told; scheduled tasks run in due order on the calling thread. */
  static final class ManualClock implements RoleClock {
    private record Task(long due, long order, Runnable run, boolean[] cancelled) {}

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.due != b.due
        ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
    private long now = 1_000_000_000L;
    private long order;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
      boolean[] cancelled = {false};
      tasks.add(new Task(now + Math.max(0, delayNanos), order++, task, cancelled));
      return () -> cancelled[0] = true;
    }

    /** Moves time to the next live task and runs every task due then; false if none is left. */
    boolean advanceToNext() {
      Task t;
      while ((t = tasks.peek()) != null && t.cancelled[0]) {
        tasks.poll();
      }
      if (t == null) {
        return false;
      }
      now = Math.max(now, t.due);
      while ((t = tasks.peek()) != null && t.due <= now) {
        tasks.poll();
        if (!t.cancelled[0]) {
          t.run.run();
        }
      }
      return true;
    }
  }

  /** attnOut = h + mean of the cached keys (so the cache matters); moeIn = attnOut; logits from moeIn. */
  static final class FakeGateway implements GatewayExecutor {
    private final int layer;

    FakeGateway(int layer) {
      this.layer = layer;
    }

    @Override
    public GatewayOutput step(float[] h, KvCache cache) {
      cache.append(h.clone(), h.clone());
      float[] keys = cache.keys();
      int t = cache.length();
      float[] attn = new float[HIDDEN];
      for (int i = 0; i < HIDDEN; i++) {
        float sum = 0;
        for (int p = 0; p < t; p++) {
          sum += keys[p * HIDDEN + i];
        }
        attn[i] = h[i] + 0.5f * sum / t + 0.01f * layer;
      }
      return new GatewayOutput(attn, attn.clone(), new float[] {attn[0] - attn[1], attn[2] - attn[3]});
    }

    @Override
    public void close() {}
  }

  static final class FakeExpert implements ExpertExecutor {
    private final float scale;

    FakeExpert(int layer, int expert) {
      this.scale = 0.3f + 0.1f * expert + 0.05f * layer;
    }

    @Override
    public float[] run(float[] x) {
      float[] y = new float[x.length];
      for (int i = 0; i < x.length; i++) {
        y[i] = (float) Math.tanh(scale * x[i] + 0.1f * i);
      }
      return y;
    }

    @Override
    public void close() {}
  }

  static final class FakeEmbedding implements EmbeddingExecutor {
    @Override
    public float[] embed(int token) {
      float[] h = new float[HIDDEN];
      for (int i = 0; i < HIDDEN; i++) {
        h[i] = (float) Math.sin(0.7 * token + i);
      }
      return h;
    }

    @Override
    public void close() {}
  }

  static final class FakeHead implements HeadExecutor {
    @Override
    public float[] logits(float[] h) {
      float[] l = new float[VOCAB];
      for (int v = 0; v < VOCAB; v++) {
        double s = 0;
        for (int i = 0; i < HIDDEN; i++) {
          s += Math.sin(1.3 * (v + 1) * (i + 1)) * h[i];
        }
        l[v] = (float) s;
      }
      return l;
    }

    @Override
    public void close() {}
  }
}
