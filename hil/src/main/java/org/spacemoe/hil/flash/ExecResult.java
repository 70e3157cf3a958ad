package org.spacemoe.hil.flash;

/** A remote command's exit status (-1 when the channel closed without one) and its output, UTF-8. */
record ExecResult(int exitStatus, String stdout, String stderr) {
  boolean ok() {
    return exitStatus == 0;
  }

  /** The last non-blank line of stderr (else stdout), for one-line reasons. */
  String lastLine() {
    String s = stderr.isBlank() ? stdout : stderr;
    return s.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("exit status " + exitStatus).trim();
  }
}
