package org.spacemoe.onboard.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A node's health as {@code /health} shows it: UP, or DOWN with the first reason that holds, in this order: a
 * shard run past its deadline (sticky until a restart), a stop under way, a start-up problem (no plan, rejected plan, shards not
 * loaded, TLS, plan store), publishes the broker refuses (an ACL that does not grant a hosted satellite its topics),
 * no plan yet, the broker connection. A missing plan names the stage the node is at (waiting for an
 * uplink, or a version staged and waiting for ACTIVATE).
 */
final class NodeHealth {
  static final String NO_PLAN_YET = "no plan yet";

  private volatile String problem = "starting";
  private volatile String stopping;
  private final Supplier<Optional<String>> hung;
  private final BooleanSupplier brokerConnected;
  private final Supplier<Map<String, Integer>> refusedTopics;
  private final LongSupplier planVersion;
  private final LongSupplier stagedVersion;
  private final LongSupplier shardsLoaded;
  private final List<String> satellites;

  NodeHealth(Supplier<Optional<String>> hung, BooleanSupplier brokerConnected,
      Supplier<Map<String, Integer>> refusedTopics, LongSupplier planVersion, LongSupplier stagedVersion,
      LongSupplier shardsLoaded, List<String> satellites) {
    this.hung = hung;
    this.brokerConnected = brokerConnected;
    this.refusedTopics = refusedTopics;
    this.planVersion = planVersion;
    this.stagedVersion = stagedVersion;
    this.shardsLoaded = shardsLoaded;
    this.satellites = List.copyOf(satellites);
  }

  /** Records the problem that keeps the node from serving (replaces the previous one). */
  void problem(String reason) {
    problem = reason;
  }

  /** The node is stopping (sticky): DOWN with {@code reason} whatever else holds, but a hang. */
  void stopping(String reason) {
    stopping = reason;
  }

  /** The node came online: no problem left but a missing plan, if it has none. */
  void online(boolean hasPlan) {
    problem = hasPlan ? null : NO_PLAN_YET;
  }

  /** A plan became active: a missing plan is no longer a problem. */
  void planActivated() {
    String p = problem;
    if (NO_PLAN_YET.equals(p)) {
      problem = null;
    }
  }

  Optional<String> reason() {
    Optional<String> h = hung.get();
    if (h.isPresent()) {
      return h;
    }
    String s = stopping;
    if (s != null) {
      return Optional.of(s);
    }
    String p = problem;
    if (p != null && !NO_PLAN_YET.equals(p)) {
      return Optional.of(p);
    }
    Map<String, Integer> refused = refusedTopics.get();
    if (!refused.isEmpty()) {
      Map.Entry<String, Integer> first = new java.util.TreeMap<>(refused).firstEntry();
      return Optional.of("the broker refuses publishes to " + refused.size() + " topic(s), e.g. " + first.getKey()
          + " (reason code 0x" + Integer.toHexString(first.getValue()) + "): check the certificate name and the ACL");
    }
    if (p != null) {
      long staged = stagedVersion.getAsLong();
      return Optional.of(staged > 0 ? NO_PLAN_YET + ": version " + staged + " staged, waiting for ACTIVATE"
          : NO_PLAN_YET + ": waiting for an uplink");
    }
    return brokerConnected.getAsBoolean() ? Optional.empty() : Optional.of("broker connection lost");
  }

  boolean isHealthy() {
    return reason().isEmpty();
  }

  /** Status reason, broker connection, plan version, shards loaded, satellites. */
  Map<String, Object> report() {
    Map<String, Object> m = new LinkedHashMap<>();
    Optional<String> reason = reason();
    m.put("status", reason.isEmpty() ? "UP" : "DOWN");
    reason.ifPresent(r -> m.put("reason", r));
    m.put("brokerConnected", brokerConnected.getAsBoolean());
    m.put("planVersion", planVersion.getAsLong());
    m.put("shardsLoaded", (int) shardsLoaded.getAsLong());
    m.put("satellites", satellites);
    return m;
  }
}
