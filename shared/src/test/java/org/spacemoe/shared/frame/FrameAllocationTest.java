package org.spacemoe.shared.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decoding never allocates for a size it has not validated: a header declaring a huge tensor in a
 * short buffer, or a frame whose CRC is wrong, costs only the exception. Measured with HotSpot's
 * per-thread allocation counter; skipped on a JVM without one.
 */
class FrameAllocationTest {
  /**
   * Exception, message and stack trace (about 3-5 KiB measured): generous, and far below any
   * tensor tested here (4 to 64 MiB).
   */
  private static final long SMALL = 64 * 1024;

  private static final ActivationFrameCodec CODEC = new ActivationFrameCodec();
  private static com.sun.management.ThreadMXBean threads;

  @BeforeAll
  static void allocationCounter() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
    threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "no allocation counter");
    threads.setThreadAllocatedMemoryEnabled(true);
    // warm up the decode and exception paths (class loading, string concatenation bootstraps)
    for (int i = 0; i < 50; i++) {
      allocatedBy(() -> CODEC.decode(declaring(16, 1_048_576, 64 << 20)));
      allocatedBy(() -> CODEC.decode(FrameBytes.put32(header(), FrameLayout.ROWS_OFFSET, -1)));
    }
  }

  /** A 48-byte HIDDEN FP32 frame whose header declares rows x cols and a payload length. */
  static byte[] declaring(long rows, long cols, long payloadLength) {
    byte[] frame = header();
    FrameBytes.put32(frame, FrameLayout.ROWS_OFFSET, rows);
    FrameBytes.put32(frame, FrameLayout.COLS_OFFSET, cols);
    return FrameBytes.put32(frame, FrameLayout.PAYLOAD_LENGTH_OFFSET, payloadLength);
  }

  static byte[] header() {
    return Arrays.copyOf(new ActivationFrameCodec().encode(ActivationFrame.hidden(1, 1, 0, 0,
        TensorCodec.FP32, 1, 1, new float[] {0})), FrameLayout.MIN_FRAME_BYTES);
  }

  static long allocatedBy(Runnable decode) {
    long before = threads.getCurrentThreadAllocatedBytes();
    try {
      decode.run();
    } catch (FrameDecodeException refused) {
      // expected in these tests
    }
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void aDeclared64MiBTensorInA48ByteBufferAllocatesNothingBig() {
    byte[] frame = declaring(16, 1_048_576, 64 << 20); // exactly the 64 MiB default limit
    assertEquals(FrameError.LENGTH_MISMATCH, FrameDecodeErrorsTest.reason(() -> CODEC.decode(frame)));
    long allocated = allocatedBy(() -> CODEC.decode(frame));
    assertTrue(allocated < SMALL, allocated + " bytes allocated");
  }

  @Test
  void hugeDimensionsAreRefusedBeforeAllocation() {
    byte[] frame = declaring(0xFFFF_FFFFL, 0xFFFF_FFFFL, 0xFFFF_FFFFL);
    assertEquals(FrameError.SHAPE_TOO_LARGE, FrameDecodeErrorsTest.reason(() -> CODEC.decode(frame)));
    long allocated = allocatedBy(() -> CODEC.decode(frame));
    assertTrue(allocated < SMALL, allocated + " bytes allocated");
  }

  @Test
  void aBadCrcIsFoundBeforeTheTensorIsAllocated() {
    int cols = 1 << 20; // 4 MiB FP32 tensor
    byte[] frame = CODEC.encode(ActivationFrame.hidden(1, 1, 0, 0, TensorCodec.FP32, 1, cols,
        new float[cols]));
    frame[frame.length - 1] ^= 1;
    assertEquals(FrameError.BAD_CRC, FrameDecodeErrorsTest.reason(() -> CODEC.decode(frame)));
    long allocated = allocatedBy(() -> CODEC.decode(frame));
    assertTrue(allocated < SMALL, allocated + " bytes allocated");
  }

  @Test
  void aValidFrameAllocatesAboutItsTensor() {
    int cols = 1 << 20;
    byte[] frame = CODEC.encode(ActivationFrame.hidden(1, 1, 0, 0, TensorCodec.INT8, 1, cols,
        new float[cols]));
    long allocated = allocatedBy(() -> CODEC.decode(frame));
    assertTrue(allocated >= 4L * cols && allocated < 4L * cols + SMALL, allocated + " bytes");
  }
}
