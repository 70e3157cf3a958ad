package org.spacemoe.shared.cli;

import java.util.Locale;

/** Byte counts for people: decimal units (kB, MB, GB), one decimal; below 1 kB in bytes. */
public final class ByteSize {
  private ByteSize() {}

  /** {@code 0 B}, {@code 512 B}, {@code 65.5 kB}, {@code 2.3 MB}, {@code 27.0 GB}. */
  public static String format(long bytes) {
    if (bytes >= 1_000_000_000L) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
    if (bytes >= 1_000_000L) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
    if (bytes >= 1_000L) {
      return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
    return bytes + " B";
  }
}
