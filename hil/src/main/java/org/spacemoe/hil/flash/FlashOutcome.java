package org.spacemoe.hil.flash;

/** What a flash did to one board. */
public enum FlashOutcome {
  /** Files were copied, the release switched, the service restarted and is healthy. */
  CHANGED,
  /** Every file was current: nothing copied, no restart (the service is started only if it was not running). */
  UNCHANGED,
  /** The board does not answer on SSH. */
  DOWN,
  /** Something failed after connecting: the reason says what. */
  FAILED;

  boolean ok() {
    return this == CHANGED || this == UNCHANGED;
  }
}
