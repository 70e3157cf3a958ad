package org.spacemoe.hil.flash;

import java.nio.file.Path;

/**
 * A file a board should have.
 *
 * @param relPath path under the release directory, '/'-separated, no {@code ..}
 * @param source the local file
 * @param sha256 its SHA-256, lower-case hex
 */
record BundleFile(String relPath, Path source, String sha256) {}
