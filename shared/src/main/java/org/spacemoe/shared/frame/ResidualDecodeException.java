package org.spacemoe.shared.frame;

/**
 * A float vector received as a residual is not one. The one-line message names the element and its
 * index in the vector; {@link #reason()} says which rule was broken.
 */
public final class ResidualDecodeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final ResidualError reason;
  private final int index;

  ResidualDecodeException(ResidualError reason, String field, int index, String problem) {
    super("residual " + field + (index >= 0 ? " (index " + index + ")" : "") + ": " + problem
        + " [" + reason + "]");
    this.reason = reason;
    this.index = index;
  }

  /** Which rule the vector broke. */
  public ResidualError reason() {
    return reason;
  }

  /** Index of the offending float in the vector, or -1 for the length. */
  public int index() {
    return index;
  }
}
