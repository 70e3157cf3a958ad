package org.spacemoe.hil.flash;

import java.io.IOException;

/** A board does not answer on its SSH port: refused, unreachable, unknown host or timed out. */
final class BoardDownException extends IOException {
  BoardDownException(String message, Throwable cause) {
    super(message, cause);
  }
}
