package org.spacemoe.onboard.runtime;

import java.util.Collection;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Chooses which copy of an expert a gateway sends a request to. Rule: among the copies not yet tried for this
 * request, the one that is not suspect ({@link SuspectHosts}) with the lowest modelled one-way latency from the
 * gateway in the current slot (ties: plan order); if every untried copy is suspect, the untried copy with the
 * lowest latency anyway (a suspect copy may be back; failing the token without trying is worse).
 */
final class ExpertCopies {
  private final PlanRoles roles;
  private final SuspectHosts suspects;

  ExpertCopies(PlanRoles roles, SuspectHosts suspects) {
    this.roles = roles;
    this.suspects = suspects;
  }

  SuspectHosts suspects() {
    return suspects;
  }

  /** How many copies the plan lists for this expert (>= 1). */
  int copies(int layer, int expert) {
    return roles.expertHosts(layer, expert).size();
  }

  /**
   * The copy to send to, or null when every copy is in {@code tried}.
   *
   * @param latencyS modelled one-way latency from the gateway to a host in the current slot, s
   * @param tried hosts already asked for this request
   * @param nowNanos {@link System#nanoTime()}
   */
  String pick(int layer, int expert, ToDoubleFunction<String> latencyS, Collection<String> tried, long nowNanos) {
    List<String> hosts = roles.expertHosts(layer, expert);
    if (hosts.size() == 1) {
      return tried.contains(hosts.get(0)) ? null : hosts.get(0);
    }
    String best = null;
    double bestS = Double.POSITIVE_INFINITY;
    String fallback = null;
    double fallbackS = Double.POSITIVE_INFINITY;
    for (String h : hosts) {
      if (tried.contains(h)) {
        continue;
      }
      double s = latencyS.applyAsDouble(h);
      if (suspects.isSuspect(h, nowNanos)) {
        if (s < fallbackS || fallback == null) {
          fallback = h;
          fallbackS = s;
        }
      } else if (s < bestS || best == null) {
        best = h;
        bestS = s;
      }
    }
    return best != null ? best : fallback;
  }
}
