package org.spacemoe.onboard.uplink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work directories of uplink transfers, {@code <work>/<satellite>/<transferId>/}: each holds its plan
 * version in {@value #VERSION_FILE}, written when the transfer opens, so that leftovers can be judged after a
 * restart. A transfer's directory is deleted once its plan is staged (the store holds its own synced copy);
 * at start-up, directories of transfers whose plan version is already stored or older than the active one go too.
 * Directories without a version file (from before it existed, or a crash before it was written) are kept.
 */
final class TransferDirs {
  private static final Logger LOG = LoggerFactory.getLogger(TransferDirs.class);
  /** In a transfer's directory: its plan version, decimal. */
  static final String VERSION_FILE = "plan-version";

  private TransferDirs() {}

  /** Creates {@code dir} if needed and records {@code version} in it. */
  static void markVersion(Path dir, long version) throws IOException {
    Files.createDirectories(dir);
    Path f = dir.resolve(VERSION_FILE);
    if (!Files.exists(f)) {
      Files.writeString(f, Long.toString(version), StandardCharsets.US_ASCII);
    }
  }

  /** The plan version recorded in {@code dir}; empty when none (or unreadable). */
  static OptionalLong version(Path dir) {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(dir.resolve(VERSION_FILE), StandardCharsets.US_ASCII)
          .trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Deletes {@code dir} and everything under it; failures are logged, never thrown. */
  static boolean delete(Path dir) {
    if (!Files.exists(dir)) {
      return true;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot delete transfer directory {}: {}", dir, e.toString());
      return false;
    }
  }

  /**
   * Deletes every transfer directory under {@code work} whose recorded version {@code finished} accepts.
   *
   * @return the directories deleted
   */
  static List<Path> deleteFinished(Path work, LongPredicate finished) {
    List<Path> deleted = new ArrayList<>();
    if (!Files.isDirectory(work)) {
      return deleted;
    }
    try (Stream<Path> sats = Files.list(work)) {
      for (Path sat : (Iterable<Path>) sats.filter(Files::isDirectory)::iterator) {
        try (Stream<Path> ids = Files.list(sat)) {
          for (Path dir : (Iterable<Path>) ids.filter(Files::isDirectory)::iterator) {
            OptionalLong v = version(dir);
            if (v.isPresent() && finished.test(v.getAsLong()) && delete(dir)) {
              deleted.add(dir);
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot list transfer directories under {}: {}", work, e.toString());
    }
    return deleted;
  }
}
