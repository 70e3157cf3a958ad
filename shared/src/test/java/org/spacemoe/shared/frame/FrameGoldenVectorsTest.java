package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.spacemoe.shared.frame.FrameBytes.bytes;
import static org.spacemoe.shared.frame.FrameBytes.concat;
import static org.spacemoe.shared.frame.FrameBytes.crc32cLe;
import static org.spacemoe.shared.frame.FrameBytes.hex;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Hand-annotated byte vectors. Every header uses plan version 7, sequence id 0x1122334455667788
 * (distinct bytes, to show the little-endian order) and token step 3. The CRC literals were
 * computed independently (bitwise CRC-32C, reflected polynomial 0x82F63B78, outside Java) and are
 * checked here against java.util.zip.CRC32C over the prefix.
 */
class FrameGoldenVectorsTest {
  private final ActivationFrameCodec codec = new ActivationFrameCodec();

  @Test
  void crc32cIsCastagnoli() {
    CRC32C crc = new CRC32C();
    crc.update("123456789".getBytes(StandardCharsets.US_ASCII));
    assertEquals(0xE3069283L, crc.getValue(), "CRC-32C check value");
  }

  /** (a) TOKEN frame, 1x1 I32, token id 42, layer 31, no expert. */
  @Test
  void tokenFrame() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x4F, 0x45,                         // 0  magic 'S' 'M' 'O' 'E'
        0x01,                                           // 4  format version 1
        0x01,                                           // 5  kind 1 = TOKEN
        0x03,                                           // 6  codec 3 = I32
        0x00,                                           // 7  flags 0
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8  plan version 7 (u64 LE)
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 16 sequence id 0x1122334455667788
        0x03, 0x00, 0x00, 0x00,                         // 24 token step 3 (u32)
        0x1F, 0x00,                                     // 28 layer 31 (u16)
        0xFF, 0xFF,                                     // 30 expert 0xFFFF = none
        0x01, 0x00, 0x00, 0x00,                         // 32 rows 1
        0x01, 0x00, 0x00, 0x00,                         // 36 cols 1
        0x04, 0x00, 0x00, 0x00,                         // 40 payload length 4 = 1*1*4
        0x2A, 0x00, 0x00, 0x00);                        // 44 token id 42 (i32 LE)
    byte[] crc = bytes(0xAE, 0x7D, 0xBC, 0x18);         // 48 CRC32C 0x18BC7DAE over [0, 48)
    ActivationFrame frame = ActivationFrame.tokens(7, 0x1122334455667788L, 3, 31, 42);
    assertGolden(frame, prefix, crc);
  }

  /** (b) HIDDEN frame, FP32 1x2 [1.0, -2.0], layer 4, no expert. */
  @Test
  void hiddenFp32Frame() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x4F, 0x45,                         // 0  magic 'S' 'M' 'O' 'E'
        0x01,                                           // 4  format version 1
        0x02,                                           // 5  kind 2 = HIDDEN
        0x00,                                           // 6  codec 0 = FP32
        0x00,                                           // 7  flags 0
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8  plan version 7
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 16 sequence id 0x1122334455667788
        0x03, 0x00, 0x00, 0x00,                         // 24 token step 3
        0x04, 0x00,                                     // 28 layer 4
        0xFF, 0xFF,                                     // 30 expert none
        0x01, 0x00, 0x00, 0x00,                         // 32 rows 1
        0x02, 0x00, 0x00, 0x00,                         // 36 cols 2
        0x08, 0x00, 0x00, 0x00,                         // 40 payload length 8 = 1*2*4
        0x00, 0x00, 0x80, 0x3F,                         // 44 1.0f  = 0x3F800000
        0x00, 0x00, 0x00, 0xC0);                        // 48 -2.0f = 0xC0000000
    byte[] crc = bytes(0x38, 0x27, 0xA6, 0x64);         // 52 CRC32C 0x64A62738 over [0, 52)
    ActivationFrame frame = ActivationFrame.hidden(7, 0x1122334455667788L, 3, 4, TensorCodec.FP32,
        1, 2, new float[] {1.0f, -2.0f});
    assertGolden(frame, prefix, crc);
  }

  /**
   * (c) EXPERT_REQUEST frame, INT8 1x2 [254.0, -2.0] to expert 5: scale = 254 / 127 = 2.0, codes
   * 127 and -1; both values are exact multiples of the scale, so decoding gives them back exactly.
   */
  @Test
  void int8Frame() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x4F, 0x45,                         // 0  magic 'S' 'M' 'O' 'E'
        0x01,                                           // 4  format version 1
        0x03,                                           // 5  kind 3 = EXPERT_REQUEST
        0x02,                                           // 6  codec 2 = INT8
        0x00,                                           // 7  flags 0
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8  plan version 7
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 16 sequence id 0x1122334455667788
        0x03, 0x00, 0x00, 0x00,                         // 24 token step 3
        0x04, 0x00,                                     // 28 layer 4
        0x05, 0x00,                                     // 30 expert 5
        0x01, 0x00, 0x00, 0x00,                         // 32 rows 1
        0x02, 0x00, 0x00, 0x00,                         // 36 cols 2
        0x06, 0x00, 0x00, 0x00,                         // 40 payload length 6 = 1*4 + 1*2
        0x00, 0x00, 0x00, 0x40,                         // 44 row 0 scale 2.0f = 0x40000000
        0x7F,                                           // 48 q[0][0] = 127  ->  254.0
        0xFF);                                          // 49 q[0][1] = -1   ->   -2.0
    byte[] crc = bytes(0x31, 0xF6, 0x78, 0x4C);         // 50 CRC32C 0x4C78F631 over [0, 50)
    ActivationFrame frame = ActivationFrame.expertRequest(7, 0x1122334455667788L, 3, 4, 5,
        TensorCodec.INT8, 1, 2, new float[] {254.0f, -2.0f});
    assertGolden(frame, prefix, crc);
  }

  /** (d) EXPERT_RESPONSE frame, FP16 1x2 [1.0, -2.0] from expert 5. */
  @Test
  void fp16Frame() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x4F, 0x45,                         // 0  magic 'S' 'M' 'O' 'E'
        0x01,                                           // 4  format version 1
        0x04,                                           // 5  kind 4 = EXPERT_RESPONSE
        0x01,                                           // 6  codec 1 = FP16
        0x00,                                           // 7  flags 0
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8  plan version 7
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 16 sequence id 0x1122334455667788
        0x03, 0x00, 0x00, 0x00,                         // 24 token step 3
        0x04, 0x00,                                     // 28 layer 4
        0x05, 0x00,                                     // 30 expert 5
        0x01, 0x00, 0x00, 0x00,                         // 32 rows 1
        0x02, 0x00, 0x00, 0x00,                         // 36 cols 2
        0x04, 0x00, 0x00, 0x00,                         // 40 payload length 4 = 1*2*2
        0x00, 0x3C,                                     // 44 1.0  = half 0x3C00
        0x00, 0xC0);                                    // 46 -2.0 = half 0xC000
    byte[] crc = bytes(0xF7, 0x92, 0xE9, 0x15);         // 48 CRC32C 0x15E992F7 over [0, 48)
    ActivationFrame frame = ActivationFrame.expertResponse(7, 0x1122334455667788L, 3, 4, 5,
        TensorCodec.FP16, 1, 2, new float[] {1.0f, -2.0f});
    assertGolden(frame, prefix, crc);
  }

  /** (e) ACK frame for (plan 7, seq 0x1122334455667788, step 3, layer 4, expert 5): I32 1x1, 0. */
  @Test
  void ackFrame() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x4F, 0x45,                         // 0  magic 'S' 'M' 'O' 'E'
        0x01,                                           // 4  format version 1
        0x05,                                           // 5  kind 5 = ACK
        0x03,                                           // 6  codec 3 = I32
        0x00,                                           // 7  flags 0
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8  plan version 7
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 16 sequence id 0x1122334455667788
        0x03, 0x00, 0x00, 0x00,                         // 24 token step 3
        0x04, 0x00,                                     // 28 layer 4
        0x05, 0x00,                                     // 30 expert 5 (the acknowledged frame's)
        0x01, 0x00, 0x00, 0x00,                         // 32 rows 1
        0x01, 0x00, 0x00, 0x00,                         // 36 cols 1
        0x04, 0x00, 0x00, 0x00,                         // 40 payload length 4 = 1*1*4
        0x00, 0x00, 0x00, 0x00);                        // 44 the single value 0 (i32)
    byte[] crc = bytes(0x62, 0x84, 0x87, 0xC2);         // 48 CRC32C 0xC2878462 over [0, 48)
    ActivationFrame frame = ActivationFrame.ack(7, 0x1122334455667788L, 3, 4, 5);
    assertGolden(frame, prefix, crc);
  }

  /**
   * (f) SLICE_RESPONSE frame (tensor-parallel LM head): FP32 1x2 [best logit 3.5, token id 17] from share 2 of the
   * last layer 31.
   */
  @Test
  void sliceResponseFrame() {
    byte[] prefix = bytes(
        0x53, 0x4D, 0x4F, 0x45,                         // 0  magic 'S' 'M' 'O' 'E'
        0x01,                                           // 4  format version 1
        0x0A,                                           // 5  kind 10 = SLICE_RESPONSE
        0x00,                                           // 6  codec 0 = FP32
        0x00,                                           // 7  flags 0
        0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 8  plan version 7
        0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // 16 sequence id 0x1122334455667788
        0x03, 0x00, 0x00, 0x00,                         // 24 token step 3
        0x1F, 0x00,                                     // 28 layer 31
        0x02, 0x00,                                     // 30 expert field: share 2
        0x01, 0x00, 0x00, 0x00,                         // 32 rows 1
        0x02, 0x00, 0x00, 0x00,                         // 36 cols 2
        0x08, 0x00, 0x00, 0x00,                         // 40 payload length 8 = 1*2*4
        0x00, 0x00, 0x60, 0x40,                         // 44 3.5  = 0x40600000 (f32 LE)
        0x00, 0x00, 0x88, 0x41);                        // 48 17.0 = 0x41880000, the token id
    byte[] crc = bytes(0x7D, 0x96, 0x14, 0x48);         // 52 CRC32C 0x4814967D over [0, 52)
    ActivationFrame frame = new ActivationFrame(7, 0x1122334455667788L, 3, 31, 2, FrameKind.SLICE_RESPONSE,
        TensorCodec.FP32, 1, 2, new float[] {3.5f, 17.0f}, null);
    assertGolden(frame, prefix, crc);
  }

  private void assertGolden(ActivationFrame frame, byte[] prefix, byte[] crc) {
    assertEquals(hex(crc), hex(crc32cLe(prefix)), "hand-written CRC vs java.util.zip.CRC32C");
    byte[] expected = concat(prefix, crc);
    byte[] encoded = codec.encode(frame);
    assertEquals(hex(expected), hex(encoded), "encoded bytes");
    assertArrayEquals(expected, encoded);
    assertEquals(expected.length, ActivationFrameCodec.encodedSize(frame));
    assertEquals(frame, codec.decode(expected), "decoded frame");
  }
}
