package org.spacemoe.shared.uplink;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntConsumer;
import org.spacemoe.shared.input.InvalidInputException;

/**
 * An immutable set of chunk indexes as ascending, disjoint, non-adjacent ranges: what a receiver still needs
 * of one shard. Text form (in JSON a string): ranges separated by commas, each {@code first-last} (inclusive)
 * or a single index, ascending, e.g. {@code "0-9,12,15-20"}; the empty string is the empty set. Parsing
 * accepts ranges that touch (and merges them) but not overlapping or descending ones.
 */
public final class MissingChunks {
  /** Longest text accepted by {@link #parse}, characters (a fully fragmented 100,000-chunk shard fits). */
  public static final int MAX_TEXT_CHARS = 1 << 20;

  private static final MissingChunks NONE = new MissingChunks(new int[0]);

  /** {@code [first0, last0, first1, last1, ...]}, ascending, gaps of at least one between ranges. */
  private final int[] bounds;

  private MissingChunks(int[] bounds) {
    this.bounds = bounds;
  }

  /** An inclusive range of chunk indexes. */
  public record Range(int first, int last) {
    public Range {
      if (first < 0 || last < first) {
        throw new IllegalArgumentException("chunk range " + first + "-" + last);
      }
    }

    /** Number of chunks in the range. */
    public long size() {
      return (long) last - first + 1;
    }
  }

  public static MissingChunks none() {
    return NONE;
  }

  /** Every chunk of a shard with {@code chunkCount} chunks. */
  public static MissingChunks all(int chunkCount) {
    return chunkCount == 0 ? NONE : new MissingChunks(new int[] {0, chunkCount - 1});
  }

  /** The set bits of {@code missing}. */
  public static MissingChunks of(BitSet missing) {
    List<Integer> b = new ArrayList<>();
    for (int i = missing.nextSetBit(0); i >= 0; ) {
      int end = missing.nextClearBit(i); // exclusive
      b.add(i);
      b.add(end - 1);
      i = end == Integer.MAX_VALUE ? -1 : missing.nextSetBit(end);
    }
    return of(b);
  }

  /** Chunks in {@code [0, chunkCount)} whose bit in {@code received} is clear. */
  public static MissingChunks notReceived(BitSet received, int chunkCount) {
    BitSet m = new BitSet(chunkCount);
    m.set(0, chunkCount);
    m.andNot(received);
    return of(m);
  }

  private static MissingChunks of(List<Integer> b) {
    return b.isEmpty() ? NONE : new MissingChunks(b.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * Parses the text form.
   *
   * @throws InvalidInputException naming {@code input} for bad syntax, descending or overlapping ranges, or
   *     indexes beyond 2^31-2
   */
  public static MissingChunks parse(String input, String text) {
    if (text == null) {
      throw new InvalidInputException(input, "missing chunk ranges are null");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new InvalidInputException(input, text.length() + " characters of chunk ranges exceed the limit of "
          + MAX_TEXT_CHARS);
    }
    if (text.isEmpty()) {
      return NONE;
    }
    List<Integer> b = new ArrayList<>();
    int pos = 0;
    long previousLast = -2;
    while (true) {
      int comma = text.indexOf(',', pos);
      String part = text.substring(pos, comma < 0 ? text.length() : comma);
      int dash = part.indexOf('-');
      long first = index(input, part, dash < 0 ? part : part.substring(0, dash));
      long last = dash < 0 ? first : index(input, part, part.substring(dash + 1));
      if (last < first) {
        throw new InvalidInputException(input, "chunk range '" + part + "' is descending");
      }
      if (first <= previousLast) {
        throw new InvalidInputException(input, "chunk range '" + part + "' overlaps or precedes the one before;"
            + " ranges must ascend");
      }
      if (first == previousLast + 1) {
        b.set(b.size() - 1, (int) last); // touching: merge
      } else {
        b.add((int) first);
        b.add((int) last);
      }
      previousLast = last;
      if (comma < 0) {
        break;
      }
      pos = comma + 1;
    }
    return of(b);
  }

  private static long index(String input, String part, String digits) {
    if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidInputException(input, "'" + shorten(part) + "' is not a chunk index or range"
          + " (expected N or N-M, decimal)");
    }
    long v = Long.parseLong(digits);
    if (v > Integer.MAX_VALUE - 1) {
      throw new InvalidInputException(input, "chunk index " + v + " exceeds 2^31-2 (chunk counts are < 2^31)");
    }
    return v;
  }

  private static String shorten(String s) {
    String t = s.length() > 30 ? s.substring(0, 30) + "..." : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }

  /** JSON form: the text form, e.g. {@code "0-9,12"}; same as {@link #toString()}. */
  @JsonValue
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bounds.length; i += 2) {
      sb.append(i == 0 ? "" : ",").append(bounds[i]);
      if (bounds[i + 1] != bounds[i]) {
        sb.append('-').append(bounds[i + 1]);
      }
    }
    return sb.toString();
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static MissingChunks fromJson(String text) {
    return parse("missing chunks", text);
  }

  /**
   * This set, if every index is below {@code chunkCount}.
   *
   * @throws InvalidInputException naming {@code input} otherwise
   */
  public MissingChunks requireWithin(String input, int chunkCount) {
    if (bounds.length > 0 && bounds[bounds.length - 1] >= chunkCount) {
      throw new InvalidInputException(input, "chunk " + bounds[bounds.length - 1] + " is beyond the shard's "
          + chunkCount + " chunks");
    }
    return this;
  }

  public boolean isEmpty() {
    return bounds.length == 0;
  }

  /** Number of chunks in the set. */
  public long count() {
    long n = 0;
    for (int i = 0; i < bounds.length; i += 2) {
      n += (long) bounds[i + 1] - bounds[i] + 1;
    }
    return n;
  }

  public boolean contains(int index) {
    int lo = 0;
    int hi = bounds.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (index < bounds[2 * mid]) {
        hi = mid - 1;
      } else if (index > bounds[2 * mid + 1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  public List<Range> ranges() {
    List<Range> r = new ArrayList<>(bounds.length / 2);
    for (int i = 0; i < bounds.length; i += 2) {
      r.add(new Range(bounds[i], bounds[i + 1]));
    }
    return r;
  }

  /** Calls {@code action} with every index in ascending order. */
  public void forEach(IntConsumer action) {
    for (int i = 0; i < bounds.length; i += 2) {
      for (int k = bounds[i]; ; k++) {
        action.accept(k);
        if (k == bounds[i + 1]) {
          break;
        }
      }
    }
  }

  public BitSet toBitSet() {
    BitSet b = new BitSet();
    for (int i = 0; i < bounds.length; i += 2) {
      b.set(bounds[i], bounds[i + 1] + 1);
    }
    return b;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MissingChunks m && Arrays.equals(m.bounds, bounds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bounds);
  }

  @Override
  public String toString() {
    return format();
  }
}
