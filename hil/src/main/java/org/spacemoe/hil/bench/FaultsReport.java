package org.spacemoe.hil.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code faults} section of a bench report run with {@code --faults}.
 *
 * @param injected every fault: its spec, when it was injected (s after the generation started; 0 for link faults,
 *     which are node configuration from the start), until when (broker-down: when the broker accepted connections
 *     again; else null) and the outcome ({@code injected} or {@code not injected: <why>})
 * @param tokensRequested tokens asked for
 * @param tokensCompleted distinct steps whose token result arrived
 * @param tokensIdenticalToReference the longest prefix of the generated tokens (by step) equal to the reference's
 *     (generation is sequential, so a token after a different one is not comparable)
 * @param tokensFailedWithReason tokens the sequence did not produce because it failed, by the reason of the first
 *     error on its error topic (a failed sequence produces no more tokens)
 * @param tokensLost requested minus completed minus failed with a reason (never below 0)
 * @param duplicatesIgnored duplicates ignored onboard ({@code NodeTelemetry.duplicatesIgnored}) summed over runtimes;
 *     null on boards (a killed board's counters restart from zero)
 * @param duplicateTokenResults token results the driver saw again for a step it had (ignored)
 * @param startsRepublished start frames the driver published again after a stall
 * @param driverReconnects the driver's automatic reconnections to the broker
 * @param stallIntervalS the driver's stall interval: max(2 s, 4 x predicted token latency x time scale)
 * @param maxStallS the longest gap between consecutive token arrivals, from the start frame to the first token on
 * @param heapAfterGcStartMiB used heap after {@code System.gc()} right before the start frame, MiB
 * @param heapAfterGcEndMiB used heap after {@code System.gc()} after the last token (or the timeout), MiB
 * @param runtimes onboard runtimes the satellites ran in (each kill / hang target in its own; on boards: boards)
 * @param nodeRestarts runtimes restarted by the bench's health monitor (or boards by their service manager after a
 *     kill): satellites, when (s), the reason
 * @param recovery what the nodes did to get there, summed over runtimes; null on boards
 */
public record FaultsReport(
    List<Injection> injected,
    int tokensRequested,
    int tokensCompleted,
    int tokensIdenticalToReference,
    Map<String, Integer> tokensFailedWithReason,
    int tokensLost,
    Long duplicatesIgnored,
    int duplicateTokenResults,
    int startsRepublished,
    int driverReconnects,
    double stallIntervalS,
    double maxStallS,
    double heapAfterGcStartMiB,
    double heapAfterGcEndMiB,
    int runtimes,
    List<NodeRestart> nodeRestarts,
    Recovery recovery) {

  /**
   * The nodes' recovery work.
   *
   * @param retriesByKind frames sent again after a missed deadline, by frame kind
   * @param expertFailovers expert requests sent to another copy after the first stayed silent
   * @param gatewayFailovers hidden states sent to a layer's standby after its gateway missed its deadlines
   * @param rebuiltSteps KV-cache steps rebuilt from a sequence's history (standby, restarted gateway)
   * @param resentAfterReconnect publishes not acknowledged when a broker connection dropped, sent again
   * @param sequenceFailures sequences a node failed, by the reason it published
   */
  public record Recovery(Map<String, Long> retriesByKind, long expertFailovers, long gatewayFailovers,
      long rebuiltSteps, long resentAfterReconnect, Map<String, Long> sequenceFailures) {}

  /** A runtime the bench's health monitor restarted: its satellites, when (s after the start frame), why. */
  public record NodeRestart(List<String> satellites, double atS, String reason) {}

  /** One fault as injected. */
  public record Injection(String spec, double atS, Double untilS, String outcome) {}

  private static final java.util.regex.Pattern NAMED =
      java.util.regex.Pattern.compile("([A-Z_]+): .*", java.util.regex.Pattern.DOTALL);

  /** The reason of an error the driver saw: a decoded sequence error's reason (see TokenDriver), else the text. */
  static String reason(String error) {
    String t = error.trim();
    java.util.regex.Matcher named = NAMED.matcher(t);
    return named.matches() ? named.group(1) : t;
  }

  /** Length of the common prefix. */
  static int identicalPrefix(int[] generated, int[] reference) {
    int n = Math.min(generated.length, reference.length);
    int i = 0;
    while (i < n && generated[i] == reference[i]) {
      i++;
    }
    return i;
  }

  /** Used heap after a full GC, MiB. */
  static double heapAfterGcMiB() {
    System.gc();
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }
}
