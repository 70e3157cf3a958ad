package org.spacemoe.hil.flash;

import java.nio.file.Path;

/**
 * A file a board should have.
 *
 * @param relPath path under the release directory, '/'-separated, no {@code ..}
 * @param source the local file
 * @param sha256 its SHA-256, lower-case hex
 * @param secret true if it holds a secret (the TLS store password, a private key): mode 0600 on the board,
 *     readable only by the SSH user the service runs as
 */
record BundleFile(String relPath, Path source, String sha256, boolean secret) {
  /** A file without secrets. */
  BundleFile(String relPath, Path source, String sha256) {
    this(relPath, source, sha256, false);
  }
}
