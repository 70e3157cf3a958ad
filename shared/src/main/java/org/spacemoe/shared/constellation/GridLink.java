package org.spacemoe.shared.constellation;

/** A candidate +Grid link between satellites {@code a < b} (dense indices); whether it exists depends on the slot. */
public record GridLink(int a, int b, LinkKind kind) {
  public GridLink {
    if (a == b) {
      throw new IllegalArgumentException("self link " + a);
    }
    if (a > b) {
      int t = a;
      a = b;
      b = t;
    }
  }
}
