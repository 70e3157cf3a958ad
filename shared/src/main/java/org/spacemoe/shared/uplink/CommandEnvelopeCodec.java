package org.spacemoe.shared.uplink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * Binary codec of {@link SignedCommand}, format version {@value #VERSION}, little-endian like shard chunks:
 *
 * <pre>
 * offset   size field
 *      0      4 magic 'S' 'M' 'C' 'E' (53 4D 43 45)
 *      4      1 format version, 1
 *      5      1 action: 1 ACTIVATE, 2 ROLLBACK, 3 ADD_KEY, 4 REVOKE_KEY, 5 PREPARE, 6 COMMIT, 7 ABORT
 *      6      2 reserved, 0
 *      8      8 key id of the signing key (its 16 hex characters as 8 bytes)
 *     16      8 counter, u64 in [1, 2^63-1]
 *     24      8 plan version, u64: >= 1 for ACTIVATE, ROLLBACK, PREPARE, COMMIT, ABORT; 0 for the key actions
 *     32      1 target length T, in [1, 64]
 *     33      1 command id length C, in [1, 64]
 *     34      2 argument length A, u16: 44 for ADD_KEY, 8 for REVOKE_KEY, else 0
 *     36      T target satellite name, UTF-8
 *   36+T      C command id, ASCII [A-Za-z0-9._:-]
 * 36+T+C      A argument
 * 36+T+C+A   64 Ed25519 signature over DOMAIN || bytes [0, 36+T+C+A)
 * </pre>
 *
 * An envelope is at most {@value #MAX_BYTES} bytes. The decoder never trusts a length field: every length is
 * checked against its bound and the total before anything is allocated (nothing beyond the input's own size),
 * and the encoding is canonical (reserved bytes 0, no trailing bytes), so decode then encode gives the same bytes.
 * The decoder checks structure only; whether the signature verifies, the key is trusted and the counter is fresh
 * is the satellite's business. Any invalid input is an {@link InvalidInputException} naming the field and offset.
 */
public final class CommandEnvelopeCodec {
  /** 'S' 'M' 'C' 'E' read as a little-endian u32. */
  public static final int MAGIC = 0x4543_4D53;
  public static final int VERSION = 1;
  public static final int HEADER_BYTES = 36;
  public static final int MAX_TARGET_BYTES = 64;
  public static final int MAX_ARGUMENT_BYTES = Command.X509_ED25519_BYTES;
  /** Largest envelope, bytes: header, the longest target, id and argument, and the signature. */
  public static final int MAX_BYTES = HEADER_BYTES + MAX_TARGET_BYTES + Command.MAX_ID_CHARS + MAX_ARGUMENT_BYTES
      + SignedCommand.SIGNATURE_BYTES;
  /**
   * Domain separation prefix of the signed message: ASCII {@code spacemoe-cmd-v1} and a NUL (16 bytes), so a
   * command signature is never a valid plan signature ({@code spacemoe-plan-v1}) and vice versa.
   */
  public static final byte[] DOMAIN = "spacemoe-cmd-v1\0".getBytes(StandardCharsets.US_ASCII);

  private static final String INPUT = "command envelope";

  private CommandEnvelopeCodec() {}

  /** Whether {@code bytes} start with the envelope's magic (whatever follows). */
  public static boolean hasMagic(byte[] bytes) {
    return bytes != null && bytes.length >= 4
        && ByteBuffer.wrap(bytes, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
  }

  /** The envelope's bytes. */
  public static byte[] encode(SignedCommand c) {
    byte[] body = body(c.keyId(), c.target(), c.counter(), c.command());
    byte[] out = Arrays.copyOf(body, body.length + SignedCommand.SIGNATURE_BYTES);
    System.arraycopy(c.signature(), 0, out, body.length, SignedCommand.SIGNATURE_BYTES);
    return out;
  }

  /** The exact bytes a command signature covers: {@link #DOMAIN}, then the envelope up to its signature. */
  public static byte[] signedMessage(SignedCommand c) {
    return signedMessage(c.keyId(), c.target(), c.counter(), c.command());
  }

  /** As {@link #signedMessage(SignedCommand)}, before there is a signature (for signing). */
  public static byte[] signedMessage(String keyId, String target, long counter, Command command) {
    byte[] body = body(keyId, target, counter, command);
    byte[] m = new byte[DOMAIN.length + body.length];
    System.arraycopy(DOMAIN, 0, m, 0, DOMAIN.length);
    System.arraycopy(body, 0, m, DOMAIN.length, body.length);
    return m;
  }

  private static byte[] body(String keyId, String target, long counter, Command command) {
    byte[] t = target.getBytes(StandardCharsets.UTF_8);
    byte[] id = command.commandId().getBytes(StandardCharsets.US_ASCII);
    byte[] arg = command.argument();
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + t.length + id.length + arg.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).put((byte) VERSION).put((byte) command.action().code()).putShort((short) 0);
    b.put(KeyIds.toBytes(keyId)).putLong(counter).putLong(command.planVersion());
    b.put((byte) t.length).put((byte) id.length).putShort((short) arg.length);
    b.put(t).put(id).put(arg);
    return b.array();
  }

  /**
   * Decodes an envelope (structure only: the signature is not checked here).
   *
   * @throws InvalidInputException naming the field and its offset, for any invalid bytes, and nothing else
   */
  public static SignedCommand decode(byte[] bytes) {
    if (bytes == null || bytes.length < HEADER_BYTES + SignedCommand.SIGNATURE_BYTES) {
      throw error("length", -1, (bytes == null ? 0 : bytes.length) + " bytes, at least "
          + (HEADER_BYTES + SignedCommand.SIGNATURE_BYTES) + " needed");
    }
    if (bytes.length > MAX_BYTES) {
      throw error("length", -1, bytes.length + " bytes exceed the limit of " + MAX_BYTES);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt(0) != MAGIC) {
      throw error("magic", 0, "not 'SMCE'");
    }
    if (bytes[4] != VERSION) {
      throw error("version", 4, "version " + (bytes[4] & 0xff) + " is not supported (this reads " + VERSION + ")");
    }
    Command.Action action = Command.Action.ofCode(bytes[5] & 0xff);
    if (action == null) {
      throw error("action", 5, "unknown action code " + (bytes[5] & 0xff));
    }
    if (b.getShort(6) != 0) {
      throw error("reserved", 6, "must be 0");
    }
    String keyId = KeyIds.of(bytes, 8);
    long counter = b.getLong(16);
    if (counter < 1) {
      throw error("counter", 16, Long.toUnsignedString(counter) + " is not in [1, 2^63-1]");
    }
    long planVersion = b.getLong(24);
    int t = bytes[32] & 0xff;
    int c = bytes[33] & 0xff;
    int a = b.getShort(34) & 0xffff;
    if (t < 1 || t > MAX_TARGET_BYTES) {
      throw error("target length", 32, t + " is not in [1, " + MAX_TARGET_BYTES + "]");
    }
    if (c < 1 || c > Command.MAX_ID_CHARS) {
      throw error("command id length", 33, c + " is not in [1, " + Command.MAX_ID_CHARS + "]");
    }
    if (a != action.argumentBytes()) {
      throw error("argument length", 34, action + " takes " + action.argumentBytes() + " bytes, got " + a);
    }
    int total = HEADER_BYTES + t + c + a + SignedCommand.SIGNATURE_BYTES;
    if (bytes.length != total) {
      throw error("length", -1, bytes.length + " bytes, the lengths in the header make " + total);
    }
    String target;
    try {
      target = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, HEADER_BYTES, t)).toString();
    } catch (CharacterCodingException e) {
      throw error("target", HEADER_BYTES, "not UTF-8");
    }
    String commandId = new String(bytes, HEADER_BYTES + t, c, StandardCharsets.ISO_8859_1);
    byte[] argument = Arrays.copyOfRange(bytes, HEADER_BYTES + t + c, HEADER_BYTES + t + c + a);
    byte[] signature = Arrays.copyOfRange(bytes, total - SignedCommand.SIGNATURE_BYTES, total);
    Command command;
    try {
      command = new Command(commandId, action, planVersion, argument);
    } catch (IllegalArgumentException e) {
      throw error("command", HEADER_BYTES + t, e.getMessage());
    }
    try {
      return new SignedCommand(keyId, target, counter, command, signature);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw error("target", HEADER_BYTES, e.getMessage());
    }
  }

  private static InvalidInputException error(String field, int offset, String problem) {
    return new InvalidInputException(offset >= 0 ? INPUT + " " + field + " (offset " + offset + ")"
        : INPUT + " " + field, problem.replace('\n', ' '));
  }
}
