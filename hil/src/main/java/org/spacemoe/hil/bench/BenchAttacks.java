package org.spacemoe.hil.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import org.spacemoe.ground.ops.uplink.CommandIssuer;
import org.spacemoe.ground.ops.uplink.PlanForUplink;
import org.spacemoe.ground.ops.uplink.UplinkSession;
import org.spacemoe.onboard.runtime.Frames;
import org.spacemoe.shared.frame.ActivationFrameCodec;
import org.spacemoe.shared.frame.FrameLayout;
import org.spacemoe.shared.frame.FrameTopics;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.plan.PlacementPlan;
import org.spacemoe.shared.plan.envelope.PlanKeys;
import org.spacemoe.shared.plan.envelope.SignedPlan;
import org.spacemoe.shared.uplink.Command;
import org.spacemoe.shared.uplink.CommandSigner;
import org.spacemoe.shared.uplink.PlanShards;
import org.spacemoe.shared.uplink.ShardChunk;
import org.spacemoe.shared.uplink.ShardChunkCodec;
import org.spacemoe.shared.uplink.SignedCommand;
import org.spacemoe.shared.uplink.StatusReport;
import org.spacemoe.shared.uplink.TransferOffer;
import org.spacemoe.shared.uplink.UplinkStage;

/**
 * {@code hil bench --uplink --attacks}: hostile inputs sent through the bench's real broker to a node that runs
 * the uplinked plan (version {@link #ACTIVE_VERSION}, nothing older held), each expected to be refused with its own
 * reason and to change nothing; the token run that follows must still equal the reference. An attack is
 * {@code refused} when the node's status report (or, for a frame, its telemetry) says so within
 * {@value #ANSWER_MS} ms.
 */
public final class BenchAttacks {
  /** Every attack, in the order run. */
  static final List<String> ALL = List.of("forged-command", "replayed-command", "replayed-command-after-restart",
      "wrong-target-command", "rollback-unheld", "activate-older", "forged-plan", "replayed-plan",
      "truncated-chunk", "flipped-chunk", "oversize-frame");
  /** The plan version the bench uplinks when attacks run: two above 1, so older versions exist and are not held. */
  static final long ACTIVE_VERSION = 3;
  static final long ANSWER_MS = 10_000;

  /** One attack's outcome: sent, refused, and the refusal's reason (or why not). */
  public record Outcome(boolean attempted, boolean refused, String reason) {}

  /** Parses {@code --attacks}: {@code all} or a comma-separated list of names from {@link #ALL}. */
  public static List<String> parse(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    if (spec.trim().equals("all")) {
      return ALL;
    }
    List<String> out = new ArrayList<>();
    for (String n : spec.split(",")) {
      String name = n.trim();
      if (!ALL.contains(name)) {
        throw new InvalidInputException("--attacks", "unknown attack '" + name.replaceAll("[^\\x20-\\x7e]", "?")
            + "' (all, or some of " + String.join(", ", ALL) + ")");
      }
      out.add(name);
    }
    return out;
  }

  private final BenchWorkspace ws;
  private final BenchUplink uplink;
  private final BenchNodes nodes;
  private final UplinkSession session;
  private final CommandIssuer issuer;
  private final String target;
  private final String other;
  private SignedCommand accepted;

  BenchAttacks(BenchWorkspace ws, BenchUplink uplink, BenchNodes nodes, UplinkSession session) {
    this.ws = ws;
    this.uplink = uplink;
    this.nodes = nodes;
    this.session = session;
    this.issuer = uplink.issuer();
    List<String> sats = new ArrayList<>(PlanShards.satellites(ws.plan()));
    this.target = ws.plan().layers().get(0).gateway();
    this.other = sats.stream().filter(s -> !s.equals(target)).findFirst().orElseThrow();
  }

  /** Runs {@code names} in order; returns name to outcome. */
  Map<String, Outcome> run(List<String> names) throws Exception {
    Map<String, Outcome> out = new LinkedHashMap<>();
    for (String name : names) {
      Outcome o;
      try {
        o = attack(name);
      } catch (Exception e) {
        o = new Outcome(true, false, "harness error: " + e);
      }
      out.put(name, o);
    }
    return out;
  }

  private Outcome attack(String name) throws Exception {
    return switch (name) {
      case "forged-command" -> {
        byte[] b = issuer.issue(Command.activate("atk-forged", ACTIVE_VERSION), target).toBytes();
        b[b.length - 5] ^= 0x10;
        yield command(target, b, "atk-forged");
      }
      case "replayed-command" -> {
        accepted = issuer.issue(Command.activate("atk-accepted", ACTIVE_VERSION), target);
        StatusReport first = send(target, accepted.toBytes(), r -> "atk-accepted".equals(r.commandId()));
        if (first == null || first.stage() != UplinkStage.ACTIVE) {
          yield new Outcome(false, false, "the original command was not accepted: " + first);
        }
        yield command(target, accepted.toBytes(), "atk-accepted");
      }
      case "replayed-command-after-restart" -> {
        if (accepted == null) {
          accepted = issuer.issue(Command.activate("atk-accepted", ACTIVE_VERSION), target);
          send(target, accepted.toBytes(), r -> "atk-accepted".equals(r.commandId()));
        }
        nodes.restart(target);
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(nodes.runtimeOf(target).isHealthy() && nodes.runtimeOf(target).activePlanVersion() == ACTIVE_VERSION)) {
          if (System.nanoTime() > until) {
            yield new Outcome(false, false, "the restarted node is not healthy on v" + ACTIVE_VERSION + ": "
                + nodes.runtimeOf(target).health());
          }
          Thread.sleep(50);
        }
        yield command(target, accepted.toBytes(), "atk-accepted");
      }
      case "wrong-target-command" -> command(target,
          issuer.issue(Command.activate("atk-elsewhere", ACTIVE_VERSION), other).toBytes(), "atk-elsewhere");
      case "rollback-unheld" -> command(target,
          issuer.issue(Command.rollback("atk-unheld", ACTIVE_VERSION - 1), target).toBytes(), "atk-unheld");
      case "activate-older" -> command(target,
          issuer.issue(Command.activate("atk-older", ACTIVE_VERSION - 1), target).toBytes(), "atk-older");
      case "forged-plan" -> {
        PlacementPlan next = PlanForUplink.withDigests(ws.plan(), ws.modelDir(), ACTIVE_VERSION + 1);
        SignedPlan good = uplink.sign(next, false);
        byte[] sig = good.signatureBytes();
        sig[3] ^= 0x01;
        SignedPlan forged = new SignedPlan(good.format(), good.version(), good.keyId(), good.algorithm(),
            good.rollback(), good.payload(), java.util.Base64.getEncoder().encodeToString(sig));
        yield offer(target, TransferOffer.of(0x7A11_0001L, ACTIVE_VERSION + 1, forged, List.of()));
      }
      case "replayed-plan" -> {
        // a genuine envelope of an older version (captured earlier), offered again to every satellite
        PlacementPlan old = PlanForUplink.withDigests(ws.plan(), ws.modelDir(), ACTIVE_VERSION - 1);
        SignedPlan captured = uplink.sign(old, false);
        long id = 0x7A11_0002L;
        for (String s : PlanShards.satellites(ws.plan())) {
          if (!s.equals(target)) {
            session.publishRaw(s, TransferOffer.of(id, ACTIVE_VERSION - 1, captured, List.of()).toBytes());
          }
        }
        yield offer(target, TransferOffer.of(id, ACTIVE_VERSION - 1, captured, List.of()));
      }
      case "truncated-chunk" -> {
        byte[] c = ShardChunkCodec.encode(new ShardChunk(0x7A11_0003L, 0, 0, 1, new byte[] {1, 2, 3, 4}));
        yield chunk(target, Arrays.copyOf(c, c.length - 3));
      }
      case "flipped-chunk" -> {
        byte[] c = ShardChunkCodec.encode(new ShardChunk(0x7A11_0004L, 0, 0, 1, new byte[] {1, 2, 3, 4}));
        c[ShardChunkCodec.HEADER_BYTES + 1] ^= 0x40;
        yield chunk(target, c);
      }
      case "oversize-frame" -> frame(target);
      default -> throw new IllegalArgumentException(name);
    };
  }

  private StatusReport send(String sat, byte[] payload, Predicate<StatusReport> answer) throws Exception {
    session.publishRaw(sat, payload);
    return session.awaitReport(r -> r.satellite().equals(sat) && answer.test(r), ANSWER_MS);
  }

  private static Outcome refusal(StatusReport r) {
    if (r == null) {
      return new Outcome(true, false, "no answer within " + ANSWER_MS + " ms");
    }
    if (r.stage() != UplinkStage.REJECTED) {
      return new Outcome(true, false, "accepted: " + r.stage() + " " + r.detail());
    }
    String detail = r.detail() == null ? "" : r.detail();
    int b = detail.lastIndexOf('[');
    String bracket = b >= 0 && detail.endsWith("]") ? detail.substring(b + 1, detail.length() - 1) : "";
    String code = bracket.isEmpty() || bracket.equals(r.reason().name()) ? "" : "/" + bracket;
    return new Outcome(true, true, r.reason() + code);
  }

  private Outcome command(String sat, byte[] envelope, String commandId) throws Exception {
    return refusal(send(sat, envelope, r -> commandId.equals(r.commandId())));
  }

  private Outcome offer(String sat, TransferOffer o) throws Exception {
    return refusal(send(sat, o.toBytes(), r -> r.transferId() == o.transferId() && (r.stage() == UplinkStage.REJECTED
        || r.stage() == UplinkStage.STAGED || r.stage() == UplinkStage.ACTIVE)));
  }

  private Outcome chunk(String sat, byte[] bytes) throws Exception {
    return refusal(send(sat, bytes, r -> r.stage() == UplinkStage.REJECTED && r.detail() != null
        && r.detail().startsWith("shard chunk")));
  }

  /** A start frame whose rows field says 2^32-1 (CRC re-sealed): refused by the decoder, counted in telemetry. */
  private Outcome frame(String sat) throws Exception {
    byte[] f = new ActivationFrameCodec().encode(Frames.start(ACTIVE_VERSION, 0x7A11_0005L, new int[] {1, 2}, 1));
    ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(FrameLayout.ROWS_OFFSET, -1);
    CRC32C crc = new CRC32C();
    crc.update(f, 0, f.length - FrameLayout.CRC_BYTES);
    b.putInt(f.length - FrameLayout.CRC_BYTES, (int) crc.getValue());
    String key = "MALFORMED:SHAPE_TOO_LARGE";
    long before = nodes.runtimeOf(sat).telemetry().dropsByReason().getOrDefault(key, 0L);
    session.publishFrame(FrameTopics.satelliteInbound(sat), f);
    long deadline = System.nanoTime() + ANSWER_MS * 1_000_000L;
    while (System.nanoTime() < deadline) {
      if (nodes.runtimeOf(sat).telemetry().dropsByReason().getOrDefault(key, 0L) > before) {
        return new Outcome(true, true, key);
      }
      Thread.sleep(20);
    }
    return new Outcome(true, false, "no " + key + " counted; drops " + nodes.runtimeOf(sat).telemetry()
        .dropsByReason());
  }
}
