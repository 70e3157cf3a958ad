package org.spacemoe.onboard.planstore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The anti-replay record of a satellite computer, in the plan store: per (ground key id, satellite) the last
 * command counter accepted, and the ground keys added and revoked by command. Kept in
 * {@code store/command-ledger.json} and its mirror {@code .bak}, written like {@code state.json}: temp file,
 * fsync, atomic rename, directory fsync, then the mirror. A command's counter is recorded before the command is
 * carried out, so a kill at any point never lets the same counter be accepted twice (at worst a recorded command
 * was not carried out, and the ground sends it again with a new counter).
 *
 * <p>Fails closed: if both files exist and neither reads, {@link #problem()} says why and the satellite refuses
 * every command until an operator removes them. Thread-safe (synchronized).
 */
public final class CommandLedger {
  static final String NAME = "command-ledger.json";
  static final String BAK = NAME + ".bak";

  /**
   * The file's content, {@code {"counters": {"KEYID/SATELLITE": N}, "addedKeys": {"KEYID": "<base64 X.509>"},
   * "revokedKeys": ["KEYID"]}}, compact, keys sorted; immutable.
   *
   * @param counters last counter accepted per key id and satellite, each >= 1
   * @param addedKeys ground keys added by command, key id to X.509 encoding
   * @param revokedKeys ground key ids revoked by command
   */
  @JsonPropertyOrder({"counters", "addedKeys", "revokedKeys"})
  record Content(Map<String, Long> counters, Map<String, byte[]> addedKeys, Set<String> revokedKeys) {
    static final Content EMPTY = new Content(Map.of(), Map.of(), Set.of());

    Content {
      if (counters == null || addedKeys == null || revokedKeys == null) {
        throw new IllegalArgumentException("counters, addedKeys and revokedKeys must not be null");
      }
      counters.forEach((k, n) -> {
        if (n == null || n < 1) {
          throw new IllegalArgumentException("counter " + k + " must be an integer >= 1, got " + n);
        }
      });
      addedKeys.forEach((k, x509) -> {
        if (x509 == null) {
          throw new IllegalArgumentException("added key " + k + " has no X.509 encoding");
        }
      });
      if (revokedKeys.stream().anyMatch(Objects::isNull)) {
        throw new IllegalArgumentException("revokedKeys holds a null");
      }
      counters = Collections.unmodifiableMap(new TreeMap<>(counters));
      addedKeys = Collections.unmodifiableMap(new TreeMap<>(addedKeys));
      revokedKeys = Collections.unmodifiableSet(new TreeSet<>(revokedKeys));
    }
  }

  private final Path file;
  private final Path bak;
  private final String problem;
  private Content content;

  private CommandLedger(Path storeDir, Content content, String problem) {
    this.file = storeDir.resolve(NAME);
    this.bak = storeDir.resolve(BAK);
    this.content = content;
    this.problem = problem;
  }

  /** Reads the ledger of a store directory (none yet: empty). */
  static CommandLedger open(Path storeDir) {
    List<String> problems = new ArrayList<>();
    for (String name : List.of(NAME, BAK)) {
      try {
        return new CommandLedger(storeDir, parse(Files.readAllBytes(storeDir.resolve(name))), null);
      } catch (NoSuchFileException e) {
        problems.add(null);
      } catch (IOException | RuntimeException e) {
        problems.add(name + " is unreadable or corrupt (" + String.valueOf(e.getMessage()).split("\n")[0] + ")");
      }
    }
    if (problems.stream().allMatch(p -> p == null)) {
      return new CommandLedger(storeDir, Content.EMPTY, null);
    }
    if (problems.get(0) == null) {
      // state.json's rule: the primary missing while the mirror is corrupt is a damaged ledger, not a new one
      problems.set(0, NAME + " is missing");
    }
    problems.removeIf(p -> p == null);
    return new CommandLedger(storeDir, Content.EMPTY, String.join("; ", problems)
        + ": every command is refused until both files are removed");
  }

  /** Why the ledger cannot be used (every command is refused), or null when it is fine. */
  public String problem() {
    return problem;
  }

  /** The last counter accepted for commands signed by {@code keyId} for {@code satellite}, 0 if none. */
  public synchronized long lastCounter(String keyId, String satellite) {
    return content.counters().getOrDefault(key(keyId, satellite), 0L);
  }

  /** Ground keys added by command, key id to X.509 encoding. */
  public synchronized Map<String, byte[]> addedKeys() {
    Map<String, byte[]> m = new TreeMap<>();
    content.addedKeys().forEach((k, v) -> m.put(k, v.clone()));
    return m;
  }

  /** Ground key ids revoked by command (never trusted again, even if configured). */
  public synchronized Set<String> revokedKeys() {
    return content.revokedKeys();
  }

  /**
   * Records an accepted command durably: its counter and, for a key command, the key added ({@code addKeyX509}
   * non-null) or revoked ({@code revokeKeyId} non-null). Returns once it is on disk.
   *
   * @throws IllegalStateException if the ledger is unusable or {@code counter} is not above the last one
   * @throws IOException if it cannot be written (nothing changed)
   */
  public synchronized void record(String keyId, String satellite, long counter, String addKeyId, byte[] addKeyX509,
      String revokeKeyId) throws IOException {
    if (problem != null) {
      throw new IllegalStateException("command ledger: " + problem);
    }
    if (counter <= lastCounter(keyId, satellite)) {
      throw new IllegalStateException("counter " + counter + " is not above " + lastCounter(keyId, satellite));
    }
    Map<String, Long> counters = new TreeMap<>(content.counters());
    counters.put(key(keyId, satellite), counter);
    Map<String, byte[]> added = new TreeMap<>(content.addedKeys());
    Set<String> revoked = new TreeSet<>(content.revokedKeys());
    if (addKeyId != null) {
      added.put(addKeyId, addKeyX509.clone());
    }
    if (revokeKeyId != null) {
      added.remove(revokeKeyId);
      revoked.add(revokeKeyId);
    }
    Content next = new Content(counters, added, revoked);
    byte[] json = toJson(next);
    Durable.replaceAtomically(file, json, CrashPoints.LEDGER_TMP_WRITTEN, CrashPoints.LEDGER_TMP_SYNCED,
        CrashPoints.LEDGER_RENAMED, CrashPoints.LEDGER_SYNCED);
    content = next;
    Durable.replaceAtomically(bak, json, CrashPoints.LEDGER_BAK_TMP_WRITTEN, CrashPoints.LEDGER_BAK_TMP_SYNCED,
        CrashPoints.LEDGER_BAK_RENAMED, CrashPoints.LEDGER_BAK_SYNCED);
  }

  private static String key(String keyId, String satellite) {
    return keyId + "/" + satellite;
  }

  static byte[] toJson(Content c) {
    return StoreJson.compact(c);
  }

  /** Parses strictly; anything else is {@link IllegalArgumentException} with the reason and the JSON path. */
  static Content parse(byte[] json) {
    return StoreJson.read(json, Content.class);
  }
}
