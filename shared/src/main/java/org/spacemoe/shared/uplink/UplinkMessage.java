package org.spacemoe.shared.uplink;

import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/**
 * A message on a satellite's command topic: a {@link TransferOffer} or {@link Command} (JSON objects whose
 * {@code format} field says which) or a {@link ShardChunk} (binary, starts with {@code SMCK}).
 */
public sealed interface UplinkMessage permits TransferOffer, Command, ShardChunk {
  /** Largest JSON message accepted on the command and status topics, bytes. */
  int MAX_JSON_BYTES = 16 * 1024 * 1024;

  /** Encoded bytes, as published. */
  default byte[] toBytes() {
    if (this instanceof ShardChunk c) {
      return ShardChunkCodec.encode(c);
    }
    return StrictJson.toBytes(this);
  }

  /**
   * Decodes a command-topic payload.
   *
   * @throws InvalidInputException ({@link ChunkDecodeException} for a chunk) naming what is wrong
   */
  static UplinkMessage decode(byte[] bytes) {
    if (ShardChunkCodec.hasMagic(bytes)) {
      return ShardChunkCodec.decode(bytes);
    }
    String format = UplinkJson.formatOf("command message", bytes);
    if (TransferOffer.FORMAT.equals(format)) {
      return TransferOffer.parse("transfer offer", bytes);
    }
    if (Command.FORMAT.equals(format)) {
      return Command.parse("command", bytes);
    }
    throw new InvalidInputException("command message", "unknown format '"
        + format.substring(0, Math.min(40, format.length())).replaceAll("\\p{Cntrl}", "?") + "' (expected "
        + TransferOffer.FORMAT + ", " + Command.FORMAT + " or a binary shard chunk)");
  }
}
