package org.spacemoe.shared.uplink;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** Key ids (16 lower-case hex characters, {@code PlanKeys.keyId}) in their 8-byte wire form. */
public final class KeyIds {
  private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

  private KeyIds() {}

  /** @throws IllegalArgumentException if {@code keyId} is not 16 lower-case hex characters */
  public static byte[] toBytes(String keyId) {
    if (keyId == null || !HEX16.matcher(keyId).matches()) {
      throw new IllegalArgumentException("key id must be 16 lower-case hex characters, got "
          + (keyId == null ? "null" : "'" + keyId.substring(0, Math.min(keyId.length(), 40))
          .replaceAll("[^\\x20-\\x7e]", "?") + "'"));
    }
    return HexFormat.of().parseHex(keyId);
  }

  /** The 16-character id of 8 bytes. */
  public static String of(byte[] bytes, int offset) {
    return HexFormat.of().formatHex(bytes, offset, offset + Command.KEY_ID_BYTES);
  }
}
