package org.spacemoe.shared.frame;

/**
 * Byte offsets and sizes of the activation frame, format version {@value #VERSION}. All integers
 * are little-endian. See {@code docs/activation-frame.md} for the table.
 */
public final class FrameLayout {
  /** The bytes 'S' 'M' 'O' 'E' (0x53 0x4D 0x4F 0x45) at offset 0, read as a little-endian u32. */
  public static final int MAGIC = 0x454F_4D53;
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  public static final int MAGIC_OFFSET = 0;
  public static final int VERSION_OFFSET = 4;
  public static final int KIND_OFFSET = 5;
  public static final int CODEC_OFFSET = 6;
  public static final int FLAGS_OFFSET = 7;
  /** u64. */
  public static final int PLAN_VERSION_OFFSET = 8;
  /** u64. */
  public static final int SEQUENCE_ID_OFFSET = 16;
  /** u32. */
  public static final int TOKEN_STEP_OFFSET = 24;
  /** u16. */
  public static final int LAYER_OFFSET = 28;
  /** u16, {@value #EXPERT_NONE} meaning none. */
  public static final int EXPERT_OFFSET = 30;
  /** u32. */
  public static final int ROWS_OFFSET = 32;
  /** u32. */
  public static final int COLS_OFFSET = 36;
  /** u32, payload length in bytes. */
  public static final int PAYLOAD_LENGTH_OFFSET = 40;
  /** Start of the payload; also the header size in bytes. */
  public static final int HEADER_BYTES = 44;
  /** Size of the CRC32C trailer, which covers every byte before it. */
  public static final int CRC_BYTES = 4;
  /** Smallest possible frame: header and CRC around an empty payload. */
  public static final int MIN_FRAME_BYTES = HEADER_BYTES + CRC_BYTES;
  /** Wire value of "no expert". */
  public static final int EXPERT_NONE = 0xFFFF;

  private FrameLayout() {}

  /** Total frame size in bytes for a payload of {@code payloadBytes}. */
  public static long frameBytes(long payloadBytes) {
    return HEADER_BYTES + payloadBytes + CRC_BYTES;
  }
}
