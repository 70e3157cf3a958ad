/**
 * Wire formats of the plan uplink (no MQTT client here): topics ({@link org.spacemoe.shared.uplink.UplinkTopics}),
 * the transfer offer with per-chunk and whole-shard SHA-256 ({@link org.spacemoe.shared.uplink.TransferOffer},
 * {@link org.spacemoe.shared.uplink.ShardOffer}), binary shard chunks
 * ({@link org.spacemoe.shared.uplink.ShardChunk}, {@link org.spacemoe.shared.uplink.ShardChunkCodec}),
 * commands and status reports, the sender's chunking ({@link org.spacemoe.shared.uplink.ChunkPlanner}) and the
 * receiver's resumable assembly ({@link org.spacemoe.shared.uplink.ShardAssembler},
 * {@link org.spacemoe.shared.uplink.MissingChunks}). See {@code docs/uplink.md}.
 */
package org.spacemoe.shared.uplink;
