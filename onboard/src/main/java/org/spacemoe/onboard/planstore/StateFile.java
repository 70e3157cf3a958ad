package org.spacemoe.onboard.planstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code state.json} and its mirror {@code state.json.bak}. A write replaces {@code state.json} atomically (that
 * rename is the commit point of every store operation), then the mirror the same way, so both hold the same state
 * except for a moment after a kill between the two. A read takes {@code state.json}; if it is unreadable or
 * corrupt, the mirror (the last good copy); if that is bad too, the empty state. Each fallback is a note.
 */
final class StateFile {
  static final String NAME = "state.json";
  static final String BAK = "state.json.bak";

  private final Path file;
  private final Path bak;

  StateFile(Path storeDir) {
    this.file = storeDir.resolve(NAME);
    this.bak = storeDir.resolve(BAK);
  }

  /**
   * @param state what was read (or fell back to)
   * @param notes what went wrong on the way, empty if nothing
   * @param rewrite true if {@code state.json} or its mirror should be rewritten with {@code state}
   */
  record Loaded(StoreState state, List<String> notes, boolean rewrite) {}

  Loaded load() {
    List<String> notes = new ArrayList<>();
    StoreState primary = null;
    boolean primaryMissing = false;
    try {
      primary = StoreState.parse(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      primaryMissing = true;
    } catch (IOException | IllegalArgumentException e) {
      notes.add(NAME + " is unreadable or corrupt (" + e.getMessage() + ")");
    }
    StoreState mirror = null;
    boolean mirrorMissing = false;
    String mirrorProblem = null;
    try {
      mirror = StoreState.parse(Files.readAllBytes(bak));
    } catch (NoSuchFileException e) {
      mirrorMissing = true;
    } catch (IOException | IllegalArgumentException e) {
      mirrorProblem = BAK + " is unreadable or corrupt (" + e.getMessage() + ")";
    }
    if (primary != null) {
      // a mirror one write behind (killed between the two renames) or damaged is simply rewritten
      return new Loaded(primary, notes, !primary.equals(mirror));
    }
    if (primaryMissing && mirrorMissing) {
      return new Loaded(StoreState.EMPTY, notes, false); // a new store
    }
    if (primaryMissing) {
      notes.add(NAME + " is missing but " + BAK + " exists");
    }
    if (mirror != null) {
      notes.add("recovered the state from " + BAK + ": " + mirror);
      return new Loaded(mirror, notes, true);
    }
    notes.add(mirrorProblem != null ? mirrorProblem : BAK + " is missing");
    notes.add("starting from an empty state: no active, staged or previous plan");
    return new Loaded(StoreState.EMPTY, notes, true);
  }

  /** Writes {@code state} to {@code state.json} (the commit), then to the mirror. */
  void write(StoreState state) throws IOException {
    byte[] json = state.toJson();
    Durable.replaceAtomically(file, json, CrashPoints.STATE_TMP_WRITTEN, CrashPoints.STATE_TMP_SYNCED,
        CrashPoints.STATE_RENAMED, CrashPoints.STATE_SYNCED);
    Durable.replaceAtomically(bak, json, CrashPoints.BAK_TMP_WRITTEN, CrashPoints.BAK_TMP_SYNCED,
        CrashPoints.BAK_RENAMED, CrashPoints.BAK_SYNCED);
  }
}
