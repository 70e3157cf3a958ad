package org.spacemoe.shared.uplink;

import org.spacemoe.shared.input.InvalidInputException;
import org.spacemoe.shared.input.StrictJson;

/**
 * A message on a satellite's command topic: a {@link TransferOffer} (JSON, {@code format} field), a
 * {@link ShardChunk} (binary, starts with {@code SMCK}) or a {@link SignedCommand} (binary, starts with
 * {@code SMCE}). A JSON command (format {@value #UNSIGNED_COMMAND_FORMAT}, the unsigned form of version 1) is
 * refused: commands are always signed.
 */
public sealed interface UplinkMessage permits TransferOffer, SignedCommand, ShardChunk {
  /** Format of the unsigned JSON commands this project sent before commands were signed; refused. */
  String UNSIGNED_COMMAND_FORMAT = "spacemoe-command";

  /** Largest JSON message accepted on the command and status topics, bytes. */
  int MAX_JSON_BYTES = 16 * 1024 * 1024;

  /** Encoded bytes, as published. */
  default byte[] toBytes() {
    if (this instanceof ShardChunk c) {
      return ShardChunkCodec.encode(c);
    }
    if (this instanceof SignedCommand c) {
      return CommandEnvelopeCodec.encode(c);
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
    if (CommandEnvelopeCodec.hasMagic(bytes)) {
      return CommandEnvelopeCodec.decode(bytes);
    }
    String format = UplinkJson.formatOf("command message", bytes);
    if (TransferOffer.FORMAT.equals(format)) {
      return TransferOffer.parse("transfer offer", bytes);
    }
    if (UNSIGNED_COMMAND_FORMAT.equals(format)) {
      throw new InvalidInputException("command envelope", "an unsigned JSON command: commands must be signed"
          + " envelopes (binary, 'SMCE')");
    }
    throw new InvalidInputException("command message", "unknown format '"
        + format.substring(0, Math.min(40, format.length())).replaceAll("\\p{Cntrl}", "?") + "' (expected "
        + TransferOffer.FORMAT + ", a binary signed command or a binary shard chunk)");
  }
}
