package org.spacemoe.onboard.planstore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File operations that survive a kill (and, as far as the file system keeps its promises, a power cut): data is
 * fsynced before it is renamed into place, renames are atomic, and the directory holding a rename is fsynced
 * afterwards so that the rename itself is durable.
 *
 * <p>Directory fsync: on Linux (and the other Unixes) {@code FileChannel.open(dir, READ)} opens the directory
 * read-only, and {@link FileChannel#force(boolean)} on it is {@code fsync(2)} of the directory, which is what makes
 * a create, rename or delete inside it durable on ext4, xfs, btrfs and f2fs (the file systems of the boards). On
 * Windows a directory cannot be opened as a channel (the JDK throws {@code AccessDeniedException}); NTFS journals
 * its metadata, so the step is skipped there. If a file system refuses the directory fsync elsewhere (some network
 * and FUSE file systems answer {@code EINVAL}), it is logged once and skipped: the store keeps working, with
 * rename durability left to the file system.
 */
final class Durable {
  private static final Logger LOG = LoggerFactory.getLogger(Durable.class);
  private static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
  private static volatile boolean warnedDirSync;
  private static final int BUFFER = 1 << 20;

  private Durable() {}

  /** fsync of a directory (see the class comment for the platforms). */
  static void fsyncDir(Path dir) throws IOException {
    if (WINDOWS) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      if (!warnedDirSync) {
        warnedDirSync = true;
        LOG.warn("directory fsync is not supported here ({}: {}); renames are left to the file system", dir, e);
      }
    }
  }

  /** Writes {@code bytes} to a new file and fsyncs it, hitting {@code written} and {@code synced} in between. */
  static void writeSynced(Path file, byte[] bytes, String written, String synced) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      CrashPoints.hit(written);
      ch.force(true);
    }
    CrashPoints.hit(synced);
  }

  /**
   * Copies {@code from} to a new file {@code to}, fsyncs it and returns the SHA-256 (lower-case hex) of the bytes
   * written. Hits {@link CrashPoints#FILE_WRITTEN} and {@link CrashPoints#FILE_SYNCED}.
   */
  static String copySynced(Path from, Path to) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(from);
        FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      byte[] buf = new byte[BUFFER];
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
          out.write(b);
        }
      }
      CrashPoints.hit(CrashPoints.FILE_WRITTEN);
      out.force(true);
    }
    CrashPoints.hit(CrashPoints.FILE_SYNCED);
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Replaces {@code target} with {@code bytes} atomically: {@code target.tmp} is written and fsynced, renamed over
   * {@code target} (ATOMIC_MOVE, REPLACE_EXISTING: {@code rename(2)}), then the directory is fsynced. A reader sees
   * the old file or the new one, never a part. {@code points}: the crash points after the temp write, the temp
   * fsync, the rename and the directory fsync.
   */
  static void replaceAtomically(Path target, byte[] bytes, String... points) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    writeSynced(tmp, bytes, points[0], points[1]);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    CrashPoints.hit(points[2]);
    fsyncDir(target.getParent());
    CrashPoints.hit(points[3]);
  }

  /** Atomic rename of a file or directory (same file system); the target must not exist. */
  static void moveAtomically(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes a file or a directory tree if present. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Deletes everything inside {@code dir} (not {@code dir} itself); returns how many entries were removed. */
  static int deleteContents(Path dir) throws IOException {
    int n = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        deleteTree(p);
        n++;
      }
    }
    return n;
  }

  /** SHA-256 (lower-case hex) of a file. */
  static String sha256(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[BUFFER];
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
