package org.spacemoe.ground.ops.uplink;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/**
 * The ground's command counters for one signing key: per satellite the last counter it used, in
 * {@code KEY_DIR/KEYID.counters.json}. {@link #next} writes the new counter to disk (temp file, fsync, atomic
 * rename, directory fsync) before returning it, so a restarted ground tool never signs two commands with the same
 * counter. A counter is also never below the wall clock in milliseconds, so a lost counters file (a new ground
 * machine) still gives counters above those used before, as long as the clock did not go back. Not shared between
 * processes: run one ground tool per key at a time. The file is {@code {"SATELLITE": N, ...}}, indented, satellites
 * sorted, every counter >= 1.
 */
public final class CommandCounters {
  private static final ObjectReader READER = StrictJson.mapper().readerFor(new TypeReference<Map<String, Long>>() {});
  private static final ObjectWriter WRITER = StrictJson.mapper().writerWithDefaultPrettyPrinter();

  private final Path file;
  private final LongSupplier clockMs;
  private final Map<String, Long> last = new TreeMap<>();

  /**
   * @param file the counters file (created on first use)
   * @param clockMs the floor of every counter (wall clock, ms since 1970)
   * @throws InvalidInputException naming the file if it exists and is not a counters file
   */
  public CommandCounters(Path file, LongSupplier clockMs) {
    this.file = file.toAbsolutePath();
    this.clockMs = clockMs;
    last.putAll(read(this.file, file.toString()));
  }

  private static Map<String, Long> read(Path file, String input) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Map.of(); // first command with this key
    } catch (IOException e) {
      throw new InvalidInputException(input, "cannot read command counters: "
          + String.valueOf(e.getMessage()).split("\n")[0]);
    }
    Map<String, Long> read;
    try {
      read = READER.readValue(bytes);
    } catch (IOException e) {
      throw new InvalidInputException(input, "not a command counters file {\"SATELLITE\": N}: "
          + StrictJson.describe(e));
    }
    if (read == null) {
      throw new InvalidInputException(input, "not a command counters file (JSON null)");
    }
    read.forEach((satellite, n) -> {
      if (n == null || n < 1) {
        throw new InvalidInputException(input, "counter of " + satellite + " must be an integer >= 1, got " + n);
      }
    });
    return read;
  }

  /** The counters of the key in {@code keyFile} with id {@code keyId}: {@code KEY_DIR/KEYID.counters.json}. */
  public static CommandCounters besideKey(Path keyFile, String keyId) {
    Path dir = keyFile.toAbsolutePath().getParent();
    return new CommandCounters(dir.resolve(keyId + ".counters.json"), System::currentTimeMillis);
  }

  /** The counters file. */
  public Path file() {
    return file;
  }

  /** A new counter for {@code satellite}, above every one used before and on disk before it is returned. */
  public synchronized long next(String satellite) throws IOException {
    long n = Math.max(last.getOrDefault(satellite, 0L) + 1, clockMs.getAsLong());
    Map<String, Long> updated = new TreeMap<>(last);
    updated.put(satellite, n);
    write(updated);
    last.put(satellite, n);
    return n;
  }

  private void write(Map<String, Long> counters) throws IOException {
    byte[] bytes = (WRITER.writeValueAsString(counters) + "\n").getBytes(StandardCharsets.UTF_8);
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // a file system without directory fsync: the rename is left to it
    }
  }
}
