package org.spacemoe.orbit;

import org.orekit.propagation.analytical.tle.TLE;

/**
 * One TLE set read from a file.
 *
 * @param name the name line (3-line sets, without a leading {@code "0 "}), or {@code null} for 2-line sets
 * @param line1Number 1-based line number of data line 1 in the file
 * @param tle the parsed elements
 */
record TleEntry(String name, int line1Number, TLE tle) {}
