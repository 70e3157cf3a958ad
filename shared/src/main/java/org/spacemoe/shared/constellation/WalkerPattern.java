package org.spacemoe.shared.constellation;

/** Walker constellation patterns: the spread of right ascensions of the ascending nodes. */
public enum WalkerPattern {
  /** Planes spread over 360 degrees (i:T/P/F delta). */
  DELTA(2 * Math.PI),
  /** Planes spread over 180 degrees (polar star); adjacent planes 0 and P-1 counter-rotate across the seam. */
  STAR(Math.PI);

  private final double raanSpreadRad;

  WalkerPattern(double raanSpreadRad) {
    this.raanSpreadRad = raanSpreadRad;
  }

  public double raanSpreadRad() {
    return raanSpreadRad;
  }

  public String specName() {
    return "walker-" + name().toLowerCase();
  }
}
