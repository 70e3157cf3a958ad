package org.spacemoe.onboard.planstore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Crash-test hook: the plan store calls {@link #hit(String)} after every step that changes the disk. It does nothing
 * unless the system property {@value #AT_PROPERTY} names that step; then the JVM halts at once with exit code
 * {@value #EXIT_CODE} (no shutdown hooks, no finally blocks, no flush: a process kill as far as the files are
 * concerned). The property is read at every hit, so the hook is inert in a normal run.
 *
 * <p>{@value #AT_PROPERTY} is one of
 * <ul>
 *   <li>{@code N}, a positive integer: the N-th hit of this process, whatever its name (1-based);</li>
 *   <li>{@code NAME}: the first hit of that point;</li>
 *   <li>{@code NAME#K}: the K-th hit of that point (a point such as {@link #FILE_SYNCED} is hit once per file).</li>
 * </ul>
 * With {@value #TRACE_PROPERTY}{@code =true} every hit is printed to standard output as
 * {@code crashpoint N NAME} (the crash tests list the hits of an operation that way, then crash at each).
 */
public final class CrashPoints {
  public static final String AT_PROPERTY = "spacemoe.crash.at";
  public static final String TRACE_PROPERTY = "spacemoe.crash.trace";
  public static final int EXIT_CODE = 137;

  // staging: files copied into incoming/<v>/ (no temp names needed: the whole directory is temporary)
  /** A file in {@code incoming/<v>/} written, not yet fsynced. */
  public static final String FILE_WRITTEN = "incoming.file.written";
  /** A file in {@code incoming/<v>/} fsynced. */
  public static final String FILE_SYNCED = "incoming.file.synced";
  /** {@code incoming/<v>/model/}, {@code incoming/<v>/} and {@code incoming/} fsynced. */
  public static final String INCOMING_SYNCED = "incoming.dirs.synced";
  /** Every check passed; nothing under {@code plans/} changed yet. */
  public static final String VALIDATED = "stage.validated";
  /** An older copy of the same version moved to {@code trash/} (re-staging a version). */
  public static final String OLD_COPY_TRASHED = "stage.old-copy.trashed";
  /** {@code incoming/<v>} renamed to {@code plans/<v>}, parents not yet fsynced. */
  public static final String PLAN_DIR_RENAMED = "stage.plan-dir.renamed";
  /** {@code plans/} and {@code incoming/} fsynced after the rename. */
  public static final String PLAN_DIR_SYNCED = "stage.plan-dir.synced";
  /** {@code COMPLETE.tmp} written. */
  public static final String COMPLETE_TMP_WRITTEN = "complete.tmp.written";
  /** {@code COMPLETE.tmp} fsynced. */
  public static final String COMPLETE_TMP_SYNCED = "complete.tmp.synced";
  /** {@code COMPLETE.tmp} renamed to {@code COMPLETE}. */
  public static final String COMPLETE_RENAMED = "complete.renamed";
  /** The plan directory fsynced after the rename: the plan is complete on disk. */
  public static final String COMPLETE_SYNCED = "complete.dir.synced";
  // state.json (the commit point) and its mirror state.json.bak
  /** {@code state.json.tmp} written. */
  public static final String STATE_TMP_WRITTEN = "state.tmp.written";
  /** {@code state.json.tmp} fsynced. */
  public static final String STATE_TMP_SYNCED = "state.tmp.synced";
  /** {@code state.json.tmp} renamed to {@code state.json}: the new state is the state. */
  public static final String STATE_RENAMED = "state.renamed";
  /** The store directory fsynced after that rename. */
  public static final String STATE_SYNCED = "state.dir.synced";
  /** {@code state.json.bak.tmp} written. */
  public static final String BAK_TMP_WRITTEN = "state-bak.tmp.written";
  /** {@code state.json.bak.tmp} fsynced. */
  public static final String BAK_TMP_SYNCED = "state-bak.tmp.synced";
  /** {@code state.json.bak.tmp} renamed to {@code state.json.bak}. */
  public static final String BAK_RENAMED = "state-bak.renamed";
  /** The store directory fsynced after that rename. */
  public static final String BAK_SYNCED = "state-bak.dir.synced";
  // garbage collection after a state write
  /** An unreferenced plan directory moved to {@code trash/}. */
  public static final String GC_TRASHED = "gc.trashed";
  /** {@code trash/} emptied. */
  public static final String GC_DELETED = "gc.deleted";

  // command ledger (command-ledger.json and its mirror): counters and key changes of accepted commands
  /** {@code command-ledger.json.tmp} written. */
  public static final String LEDGER_TMP_WRITTEN = "ledger.tmp.written";
  /** {@code command-ledger.json.tmp} fsynced. */
  public static final String LEDGER_TMP_SYNCED = "ledger.tmp.synced";
  /** {@code command-ledger.json.tmp} renamed: the command's counter is recorded (the commit point). */
  public static final String LEDGER_RENAMED = "ledger.renamed";
  /** The store directory fsynced after that rename. */
  public static final String LEDGER_SYNCED = "ledger.dir.synced";
  /** {@code command-ledger.json.bak.tmp} written. */
  public static final String LEDGER_BAK_TMP_WRITTEN = "ledger-bak.tmp.written";
  /** {@code command-ledger.json.bak.tmp} fsynced. */
  public static final String LEDGER_BAK_TMP_SYNCED = "ledger-bak.tmp.synced";
  /** {@code command-ledger.json.bak.tmp} renamed. */
  public static final String LEDGER_BAK_RENAMED = "ledger-bak.renamed";
  /** The store directory fsynced after that rename. */
  public static final String LEDGER_BAK_SYNCED = "ledger-bak.dir.synced";

  // uplink receiver (not the plan store): every chunk of one satellite's transfer is on disk, not yet verified
  /** The last chunk of a satellite's transfer written; whole-file checks and staging not begun. */
  public static final String UPLINK_CHUNKS_COMPLETE = "uplink.chunks.complete";

  private static final AtomicInteger HITS = new AtomicInteger();
  private static final Map<String, AtomicInteger> BY_NAME = new ConcurrentHashMap<>();

  private CrashPoints() {}

  /** Marks a write point; halts the JVM if {@value #AT_PROPERTY} names it. */
  public static void hit(String name) {
    String at = System.getProperty(AT_PROPERTY);
    boolean trace = Boolean.getBoolean(TRACE_PROPERTY);
    if (at == null && !trace) {
      return;
    }
    int n = HITS.incrementAndGet();
    int k = BY_NAME.computeIfAbsent(name, x -> new AtomicInteger()).incrementAndGet();
    if (trace) {
      System.out.println("crashpoint " + n + " " + name);
      System.out.flush();
    }
    if (at != null && matches(at.trim(), n, name, k)) {
      System.out.println("crashing at " + n + " " + name + "#" + k);
      System.out.flush();
      Runtime.getRuntime().halt(EXIT_CODE);
    }
  }

  static boolean matches(String at, int n, String name, int k) {
    if (!at.isEmpty() && at.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(at) == n;
    }
    int hash = at.indexOf('#');
    if (hash < 0) {
      return at.equals(name) && k == 1;
    }
    return at.substring(0, hash).equals(name) && at.substring(hash + 1).equals(Integer.toString(k));
  }
}
