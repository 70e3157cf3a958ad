/** Where the hil tool's logs go: third-party libraries to a file, SpaceMoE's own warnings to the console. */
package org.spacemoe.hil.logs;
