/**
 * The command-line core of every SpaceMoE tool (ground, hil, the onboard selftest): one error handler with the
 * exit codes of {@link org.spacemoe.shared.cli.ExitCodes}, the build's version, one JSON report writer and progress
 * output that draws a bar only on a terminal. The only package of shared that may use picocli.
 */
package org.spacemoe.shared.cli;
