package org.spacemoe.onboard.runtime;

import java.util.Arrays;
import org.spacemoe.onboard.shard.EmbeddingExecutor;
import org.spacemoe.onboard.shard.GatewayExecutor;
import org.spacemoe.onboard.shard.GatewayOutput;
import org.spacemoe.onboard.shard.HeadExecutor;
import org.spacemoe.onboard.telemetry.DropReason;
import org.spacemoe.shared.frame.ActivationFrame;
import org.spacemoe.shared.frame.FrameDecodeException;
import org.spacemoe.shared.frame.FrameKind;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.frame.Residual;
import org.spacemoe.shared.frame.ResidualCodec;
import org.spacemoe.shared.frame.SequenceErrorReason;
import org.spacemoe.shared.frame.SequenceStart;
import org.spacemoe.shared.frame.SequenceStartCodec;
import org.spacemoe.shared.frame.TensorCodec;
import org.spacemoe.shared.model.MoeMath;

/**
 * The gateway of one layer (or its standby): attention with a KV cache per sequence, router, fan-out to the top-k
 * experts ({@link ExpertFanOut}), combine, and the hand-over to the next layer's gateway ({@link ReliableSender}).
 * The first layer's gateway is also the entry ({@link SequenceBook}: embeds tokens, takes starts and ring
 * closures); the last applies the LM head, publishes the token and closes the ring. All methods run on the
 * satellite's serial executor.
 *
 * <p>Delivery: every frame is applied once. A step's input is acknowledged (ACK to the satellite it came from)
 * once the step's output has been sent on, so a gateway that dies mid-step is noticed by the one before it, which
 * sends again and, after {@link Deadlines#failoverAfterAttempts()} unanswered sends, goes to the layer's standby.
 * An input for a step already started is a duplicate (acknowledged again if its output was sent); an input that
 * does not follow the KV cache is dropped unacknowledged ({@link DropReason#STEP_MISMATCH}) until a later attempt
 * carries the sequence's history (rows 0..step: the hidden states this gateway's predecessor sent for every step),
 * from which the cache is rebuilt: that is how a standby or a restarted gateway catches up. A sequence that cannot
 * go on fails with a named reason on its error topic within the give-up time.
 *
 * <p>When the plan combines this layer at the next gateway, the residual ({@link ResidualCodec}) goes there and the
 * experts send their outputs there; a re-send of the residual re-sends the expert requests too. Such layers retry
 * but have no standby fail-over (the next gateway's input is not kept here).
 */
final class GatewayRole {
  private final RoleContext ctx;
  private final int layer;
  private final boolean last;
  private final GatewayExecutor gateway;
  private final EmbeddingExecutor embedding;
  private final HeadExecutor head;
  private final int hidden;
  private final boolean combinesAtNext;
  private final boolean takesForwardedOutputs;
  private final TensorCodec hiddenCodec;
  private final LayerStates states;
  private final SequenceBook book;
  private final ExpertFanOut fanOut;
  private final ForwardedCombine forwarded;
  private final ReliableSender sender;
  private final SequenceErrors errors;
  /** The layer's attention split over parts (tensor-parallel), or null: {@code gateway} runs it alone. */
  private final SplitAttention split;
  /** The LM head split over parts (last layer), or null: {@code head} runs it alone. */
  private final SplitHead splitHead;
  private static final float[] NO_OUTPUT = new float[0];

  GatewayRole(RoleContext ctx, int layer, int hidden, GatewayExecutor gateway, EmbeddingExecutor embedding,
      HeadExecutor head) {
    this(ctx, layer, hidden, gateway, null, embedding, head, null);
  }

  /**
   * @param gateway the unsplit gateway shard, or null when {@code split} is given
   * @param split the layer's split attention (lead's share and combine), or null
   * @param head the unsplit LM head (last layer), or null when {@code splitHead} is given or not the last layer
   * @param splitHead the split LM head (last layer), or null
   */
  GatewayRole(RoleContext ctx, int layer, int hidden, GatewayExecutor gateway, SplitAttention split,
      EmbeddingExecutor embedding, HeadExecutor head, SplitHead splitHead) {
    if ((gateway == null) == (split == null)) {
      throw new IllegalArgumentException("layer " + layer + ": exactly one of a gateway shard and a split attention");
    }
    this.split = split;
    this.splitHead = splitHead;
    this.ctx = ctx;
    this.layer = layer;
    this.hidden = hidden;
    this.last = layer == ctx.roles().layers() - 1;
    this.combinesAtNext = ctx.roles().combinesAtNext(layer);
    this.takesForwardedOutputs = ctx.roles().combinesAtNext(layer - 1);
    this.gateway = gateway;
    this.embedding = embedding;
    this.head = head;
    this.hiddenCodec = last ? null : ctx.roles().codecFor(FrameKind.HIDDEN, layer + 1);
    this.states = new LayerStates(split != null ? split.cacheWidth() : hidden, ctx.maxSequences());
    this.book = embedding == null ? null : new SequenceBook(ctx.maxSequences());
    this.fanOut = new ExpertFanOut(ctx, layer, hidden);
    this.forwarded = takesForwardedOutputs ? new ForwardedCombine(ctx, layer, hidden) : null;
    this.sender = new ReliableSender(ctx.satellite(), ctx.outbox(), ctx.clock(), ctx.deadlines(), ctx.telemetry());
    this.errors = new SequenceErrors(ctx);
  }

  boolean combinesAtNext() {
    return combinesAtNext;
  }

  /** Sequences this role holds state for (KV caches, running sequences at the entry); racy, for monitoring. */
  int sequencesHeld() {
    return states.size() + (book == null ? 0 : book.runningCount());
  }

  boolean takesForwardedOutputs() {
    return takesForwardedOutputs;
  }

  // ---------------------------------------------------------------- entry: starts and ring closures

  /**
   * A sequence start at the entry. A start of a sequence this entry knows (running or finished recently) is a
   * duplicate: it re-publishes the tokens generated so far (a ground client that missed some asks this way).
   */
  Outcome onStart(ActivationFrame f) throws Exception {
    if (book == null) {
      return Outcome.dropped(DropReason.UNKNOWN_ROLE);
    }
    SequenceStart s;
    try {
      s = SequenceStartCodec.fromFrame(f);
    } catch (FrameDecodeException | IllegalArgumentException e) {
      errors.fail(f.sequenceId(), 0, layer, SequenceErrorReason.BAD_START, e.getMessage());
      return Outcome.dropped(DropReason.BAD_START);
    }
    long seq = s.sequenceId();
    if (book.knows(seq)) {
      republishTokens(seq);
      return Outcome.duplicate("START");
    }
    if (ctx.stopping().getAsBoolean()) {
      errors.fail(seq, 0, layer, SequenceErrorReason.DRAINING, ctx.satellite() + " is stopping: no new sequences");
      return Outcome.dropped(DropReason.DRAINING);
    }
    if (s.prompt().length + (long) s.newTokens() > ctx.maxContext()) {
      errors.fail(seq, 0, layer, SequenceErrorReason.CONTEXT_TOO_LONG, "prompt " + s.prompt().length + " + "
          + s.newTokens() + " new tokens exceed max-context " + ctx.maxContext());
      return Outcome.dropped(DropReason.CONTEXT_TOO_LONG);
    }
    long begin = ctx.clock().nanoTime();
    SequenceBook.Sequence evicted = book.start(seq, s.prompt(), s.newTokens());
    if (evicted != null) {
      fail(evicted.id, evicted.stepInFlight, SequenceErrorReason.SEQUENCE_EVICTED,
          "more than " + ctx.maxSequences() + " sequences at once");
    }
    states.remove(seq);
    startStep(book.running(seq), 0);
    return Outcome.handled(ctx.clock().nanoTime() - begin);
  }

  private void republishTokens(long seq) {
    int[] tokens = book.tokensSoFar(seq);
    long first = book.firstGeneratedStep(seq);
    if (first < 0 || tokens.length == 0) {
      return;
    }
    int lastLayer = ctx.roles().layers() - 1;
    for (int i = 0; i < tokens.length; i++) {
      ctx.outbox().publishAt(FrameTopics.sequenceTokens(seq),
          Frames.tokens(ctx.planVersion(), seq, first + i, lastLayer, new int[] {tokens[i]}), 0);
    }
  }

  private void startStep(SequenceBook.Sequence s, long step) throws Exception {
    s.stepInFlight = step;
    if (s.deadline != null) {
      s.deadline.cancel();
    }
    long seq = s.id;
    s.deadline = ctx.clock().schedule(() -> {
      SequenceBook.Sequence still = book.running(seq);
      if (still != null && still.stepInFlight == step) {
        fail(seq, step, SequenceErrorReason.DEADLINE_EXCEEDED, "no ring closure within "
            + 2 * ctx.deadlines().giveUpNanos() / 1_000_000 + " ms");
      }
    }, 2 * ctx.deadlines().giveUpNanos()); // after every hop's own give-up, whose reason is more precise
    float[] h = embedding.embed(SequenceBook.inputOf(s, step));
    input(seq, step, h, 1, null);
  }

  /** A ring closure: the last layer's token for a step, at the entry. Always acknowledged. */
  Outcome onClosure(ActivationFrame f, String from) throws Exception {
    if (book == null) {
      return Outcome.dropped(DropReason.UNKNOWN_ROLE);
    }
    if (f.tokens().length != 1) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    long seq = f.sequenceId();
    long step = f.tokenStep();
    ack(from, seq, step, 0);
    long begin = ctx.clock().nanoTime();
    switch (book.close(seq, step, f.tokens()[0])) {
      case NOT_IN_FLIGHT:
        return Outcome.duplicate(FrameKind.TOKEN.name());
      case FINISHED:
        ended(seq);
        return Outcome.handled(ctx.clock().nanoTime() - begin);
      default:
        startStep(book.running(seq), step + 1);
        return Outcome.handled(ctx.clock().nanoTime() - begin);
    }
  }

  // ---------------------------------------------------------------- every gateway

  /** A HIDDEN frame from the previous layer's gateway: one row (this step) or rows 0..step (with history). */
  Outcome onHidden(ActivationFrame f, String from) throws Exception {
    if (takesForwardedOutputs) {
      return forwarded.residual(f, from, this::input);
    }
    if (f.cols() != hidden) {
      return Outcome.dropped(DropReason.UNEXPECTED_RESPONSE);
    }
    return input(f.sequenceId(), f.tokenStep(), f.values(), f.rows(), from);
  }

  /** An expert output of the previous layer, combined here (that layer combines at this gateway). */
  Outcome onForwardedOutput(ActivationFrame f, String from) throws Exception {
    return forwarded.output(f, this::input);
  }

  /** An expert output of this layer. */
  Outcome onExpertResponse(ActivationFrame f) {
    return fanOut.output(f);
  }

  /** A part's term of this layer's split attention. */
  Outcome onPartResponse(ActivationFrame f) {
    return split == null ? Outcome.dropped(DropReason.UNEXPECTED_RESPONSE) : split.answer(f);
  }

  /** A head slice's best (logit, token) for this (last) layer's split LM head. */
  Outcome onSliceResponse(ActivationFrame f) {
    return splitHead == null ? Outcome.dropped(DropReason.UNEXPECTED_RESPONSE) : splitHead.answer(f);
  }

  /** An acknowledgement of a frame this gateway sent (a hidden state, a residual or a ring closure). */
  Outcome onAck(ActivationFrame f) {
    boolean waited = sender.acknowledged(new ReliableSender.Key(f.sequenceId(), f.tokenStep(), f.layer()));
    return waited ? Outcome.handled(0) : Outcome.duplicate(FrameKind.ACK.name());
  }

  /**
   * The end of a sequence: from the entry, every gateway releases its state; from a gateway that failed it (and
   * published why), the entry ends it and tells every gateway.
   */
  Outcome onEnd(ActivationFrame f) {
    long seq = f.sequenceId();
    if (book != null && book.running(seq) != null) {
      book.end(seq);
      ended(seq);
      return Outcome.handled(0);
    }
    forget(seq);
    return Outcome.handled(0);
  }

  /**
   * The input of step {@code step}: {@code rows} rows of {@code hidden} floats, the last being this step's, the
   * others (when rows == step + 1) the inputs of steps 0..step-1, from which a missing KV cache is rebuilt.
   */
  Outcome input(long seq, long step, float[] values, int rows, String from) throws Exception {
    boolean history = rows > 1;
    if (history && rows != step + 1) {
      return Outcome.dropped(DropReason.STEP_MISMATCH);
    }
    LayerStates.State st = states.get(seq);
    if (st == null) {
      if (step != 0 && !history) {
        return Outcome.dropped(DropReason.STEP_MISMATCH); // state lost (restart, eviction): wait for the history
      }
      st = states.create(seq);
      for (int i = states.takeEvictions(); i > 0; i--) {
        ctx.telemetry().dropped(DropReason.SEQUENCE_EVICTED);
      }
    }
    long begin = ctx.clock().nanoTime();
    if (history && st.started() < step) {
      if (st.started() > st.completed()) {
        fanOut.forget(seq); // a step in progress here is superseded by the rebuild
        if (split != null) {
          split.forget(seq);
        }
      }
      while (st.completed() < st.started()) {
        st.outputs.add(NO_OUTPUT); // outputs of steps done before the state was lost are not kept again
      }
      long rebuilt = step - st.started();
      for (long p = st.started(); p < step; p++) {
        float[] row = Arrays.copyOfRange(values, (int) p * hidden, (int) (p + 1) * hidden);
        if (split != null) {
          split.replay(row, st.cache);
        } else {
          gateway.step(row, st.cache);
        }
        st.outputs.add(NO_OUTPUT);
      }
      ctx.telemetry().rebuilt(rebuilt);
      st.partsBehind = true;
    }
    if (step < st.started()) {
      if (step < st.completed()) {
        ack(from, seq, step, layer);
      } else {
        st.upstream = from; // in progress: the acknowledgement goes to the latest sender
      }
      return Outcome.duplicate(FrameKind.HIDDEN.name());
    }
    if (step > st.started()) {
      return Outcome.dropped(DropReason.STEP_MISMATCH);
    }
    st.upstream = from;
    float[] h = rows == 1 ? values : Arrays.copyOfRange(values, (rows - 1) * hidden, rows * hidden);
    if (split != null) {
      if (!keepInputs(st, step, values, rows)) {
        return Outcome.dropped(DropReason.STEP_MISMATCH);
      }
      runSplit(seq, step, st, begin);
    } else {
      GatewayOutput out = gateway.step(h, st.cache);
      afterAttention(seq, step, st, out, begin + ctx.compute().gatewayNanos());
    }
    return Outcome.handled(ctx.clock().nanoTime() - begin);
  }

  /** A split lead keeps the layer's inputs of every step (the parts' history); false if they have a gap. */
  private boolean keepInputs(LayerStates.State st, long step, float[] values, int rows) {
    if (rows > 1) {
      st.inputs.clear();
      for (int r = 0; r < rows; r++) {
        st.inputs.add(Arrays.copyOfRange(values, r * hidden, (r + 1) * hidden));
      }
      return true;
    }
    if (st.inputs.size() != step) {
      return false;
    }
    st.inputs.add(values);
    return true;
  }

  private void runSplit(long seq, long step, LayerStates.State st, long begin) {
    boolean historyFirst = st.partsBehind;
    st.partsBehind = false;
    split.start(seq, step, st.inputs, st.cache, historyFirst, begin, (out, releaseAt) -> {
      if (states.get(seq) == st && st.completed() == step) {
        afterAttention(seq, step, st, out, releaseAt);
      }
    }, () -> fail(seq, step, SequenceErrorReason.PART_TIMEOUT, "attention parts " + ctx.roles().attentionParts(layer)
        + " of layer " + layer + " silent for " + ctx.deadlines().giveUpNanos() / 1_000_000 + " ms"));
  }

  /** The rest of a step once attention is done: router, and the fan-out (or the residual to the next gateway). */
  private void afterAttention(long seq, long step, LayerStates.State st, GatewayOutput out, long releaseAt) {
    int[] selected = MoeMath.topK(out.routerLogits(), ctx.topK());
    float[] weights = MoeMath.gateWeights(out.routerLogits(), selected);
    TokenKey key = new TokenKey(seq, step);
    if (combinesAtNext) {
      // the next gateway combines: it gets the residual, the experts send their outputs there; the residual stays
      // fp32 whatever the plan's codecs (it carries the gate weights and the selected expert ids)
      float[] residual = ResidualCodec.encode(new Residual(out.attnOut(), weights, selected));
      fanOut.sendRequestsOnce(key, selected, out.moeIn(), releaseAt);
      sendOn(seq, step, st, residual, releaseAt, selected, out.moeIn());
      return;
    }
    fanOut.start(key, out.attnOut(), selected, weights, out.moeIn(), releaseAt, this::combined,
        () -> fail(seq, step, SequenceErrorReason.EXPERT_TIMEOUT,
            "experts of layer " + layer + " silent for " + ctx.deadlines().giveUpNanos() / 1_000_000 + " ms"));
  }

  private void combined(ExpertFanOut.Pending p) {
    long seq = p.key.sequenceId();
    long step = p.key.tokenStep();
    LayerStates.State st = states.get(seq);
    if (st == null || st.completed() != step) {
      return; // evicted or rebuilt meanwhile
    }
    float[] combined = MoeMath.combine(p.attnOut, p.selected, p.weights, p.outputs);
    long now = ctx.clock().nanoTime();
    if (!last) {
      sendOn(seq, step, st, combined, now, null, null);
      return;
    }
    if (splitHead != null) {
      splitHead.start(seq, step, combined, now, (token, releaseAt) -> {
        if (states.get(seq) == st && st.completed() == step) {
          publishToken(seq, step, st, token, releaseAt);
        }
      }, () -> fail(seq, step, SequenceErrorReason.PART_TIMEOUT, "LM head slices " + ctx.roles().headParts()
          + " silent for " + ctx.deadlines().giveUpNanos() / 1_000_000 + " ms"));
      return;
    }
    publishToken(seq, step, st, MoeMath.argmax(head.logits(combined)), now + ctx.compute().headNanos());
  }

  /** The last layer's token: published, and the ring closed at the entry (reliably). */
  private void publishToken(long seq, long step, LayerStates.State st, int token, long releaseAt) {
    ctx.outbox().publishAt(FrameTopics.sequenceTokens(seq),
        Frames.tokens(ctx.planVersion(), seq, step, layer, new int[] {token}), releaseAt);
    st.outputs.add(NO_OUTPUT);
    String entry = ctx.roles().entry();
    ActivationFrame closure = Frames.tokens(ctx.planVersion(), seq, step, 0, new int[] {token});
    sender.send(new ReliableSender.Key(seq, step, 0), new ReliableSender.Attempts() {
      @Override
      public String host(int attempt) {
        return entry;
      }

      @Override
      public ActivationFrame frame(int attempt, String host) {
        return closure;
      }

      @Override
      public double modelledAnswerS(String host) {
        return 2 * ctx.outbox().modelledLatencyS(ctx.satellite(), host, 64);
      }

      @Override
      public long computeNanos() {
        return 0;
      }
    }, releaseAt, () -> fail(seq, step, SequenceErrorReason.TOKEN_UNDELIVERED,
        "the entry " + entry + " did not acknowledge the ring closure"));
    ack(st.upstream, seq, step, layer);
  }

  /**
   * Sends this step's output (a hidden state, or a residual when {@code selected} is given) on to the next
   * layer's gateway, reliably, and acknowledges the step's input.
   */
  private void sendOn(long seq, long step, LayerStates.State st, float[] out, long notBefore, int[] selected,
      float[] moeIn) {
    st.outputs.add(out);
    int next = layer + 1;
    String primary = ctx.roles().gateway(next);
    String standby = selected == null ? ctx.roles().standby(next) : null;
    ReliableSender.Attempts attempts = new ReliableSender.Attempts() {
      private String previousHost;

      @Override
      public String host(int attempt) {
        if (st.downstream == null) {
          st.downstream = standby != null && ctx.gatewaySuspects().isSuspect(primary, ctx.clock().nanoTime())
              ? standby : primary;
        }
        if (standby != null && st.downstream.equals(primary) && attempt > ctx.deadlines().failoverAfterAttempts()) {
          ctx.gatewaySuspects().markSuspect(primary, ctx.clock().nanoTime());
          st.downstream = standby;
          ctx.telemetry().gatewayFailover();
        }
        return st.downstream;
      }

      @Override
      public ActivationFrame frame(int attempt, String host) {
        boolean moved = previousHost != null && !previousHost.equals(host);
        previousHost = host;
        if (selected != null) {
          if (attempt > 1) {
            fanOut.sendRequestsOnce(new TokenKey(seq, step), selected, moeIn, ctx.clock().nanoTime());
          }
          return Frames.floats(FrameKind.HIDDEN, TensorCodec.FP32, ctx.planVersion(), seq, step, next, -1, out);
        }
        if (attempt >= 3 || moved || (attempt > 1 && host.equals(standby))) {
          return historyFrame(seq, step, st);
        }
        return Frames.floats(FrameKind.HIDDEN, hiddenCodec, ctx.planVersion(), seq, step, next, -1, out);
      }

      @Override
      public double modelledAnswerS(String host) {
        double hop = ctx.outbox().modelledLatencyS(ctx.satellite(), host, 4 * hidden);
        return 2 * hop + 2 * ctx.roles().farthestExpertS(next, host, ctx.outbox(), 4 * hidden);
      }

      @Override
      public long computeNanos() {
        return ctx.compute().gatewayNanos() + ctx.compute().expertNanos();
      }
    };
    sender.send(new ReliableSender.Key(seq, step, next), attempts, notBefore,
        () -> fail(seq, step, SequenceErrorReason.GATEWAY_UNREACHABLE, "gateway of layer " + next + " ("
            + st.downstream + ") did not acknowledge within " + ctx.deadlines().giveUpNanos() / 1_000_000 + " ms"));
    ack(st.upstream, seq, step, layer);
  }

  /** Rows 0..step: every hidden state this gateway sent on for the sequence (null if one is not kept). */
  private ActivationFrame historyFrame(long seq, long step, LayerStates.State st) {
    float[] rows = new float[(int) (step + 1) * hidden];
    for (int p = 0; p <= step; p++) {
      float[] o = st.outputs.get(p);
      if (o.length != hidden) {
        // an output from before a rebuild here is not kept: send this step alone
        return Frames.floats(FrameKind.HIDDEN, hiddenCodec, ctx.planVersion(), seq, step, layer + 1, -1,
            st.outputs.get((int) step));
      }
      System.arraycopy(o, 0, rows, p * hidden, hidden);
    }
    return new ActivationFrame(ctx.planVersion(), seq, step, layer + 1, ActivationFrame.NO_EXPERT, FrameKind.HIDDEN,
        hiddenCodec, (int) step + 1, hidden, rows, null);
  }

  private void ack(String to, long seq, long step, int inputLayer) {
    if (to != null) {
      ctx.outbox().send(ctx.satellite(), to, ActivationFrame.ack(ctx.planVersion(), seq, step, inputLayer,
          ActivationFrame.NO_EXPERT), 0);
    }
  }

  /**
   * The node is stopping and its drain time is over: every sequence this role still holds fails with
   * {@link SequenceErrorReason#DRAINING} on its error topic (the entry also ends it on every gateway), and its state
   * here is released.
   */
  void failHeld(String detail) {
    if (book != null) {
      for (long seq : book.runningIds()) {
        fail(seq, book.running(seq).stepInFlight, SequenceErrorReason.DRAINING, detail);
      }
    }
    for (long seq : states.ids()) {
      LayerStates.State st = states.get(seq);
      if (st != null) {
        fail(seq, Math.max(0, st.started() - 1), SequenceErrorReason.DRAINING, detail);
      }
    }
  }

  /** The sequence cannot go on: published with its reason, and its state here released. */
  private void fail(long seq, long step, SequenceErrorReason reason, String detail) {
    errors.fail(seq, step, layer, reason, detail);
    if (book != null) {
      book.end(seq);
      ended(seq);
    } else {
      forget(seq);
      ctx.outbox().send(ctx.satellite(), ctx.roles().entry(), Frames.end(ctx.planVersion(), seq), 0);
    }
  }

  /** The entry ends a sequence: every gateway of the plan releases its state. */
  private void ended(long seq) {
    forget(seq);
    for (String g : ctx.roles().sequenceStateHolders()) {
      ctx.outbox().send(ctx.satellite(), g, Frames.end(ctx.planVersion(), seq), 0);
    }
  }

  private void forget(long seq) {
    states.remove(seq);
    sender.forget(seq);
    fanOut.forget(seq);
    if (forwarded != null) {
      forwarded.forget(seq);
    }
    if (split != null) {
      split.forget(seq);
    }
    if (splitHead != null) {
      splitHead.forget(seq);
    }
  }
}
