package org.spacemoe.ground.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One in-process run of the ground CLI.
 *
 * @param out the command's standard output
 * @param err the command's error writer
 * @param systemErr whatever went straight to {@code System.err} (progress bars, log lines, stray traces)
 */
record CliRun(int exit, String out, String err, String systemErr) {

  static CliRun of(String... args) {
    ByteArrayOutputStream sys = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    // swap System.err before building the command line: picocli's default execution strategy remembers the
    // System.err of its construction and, if that differs at execute time, replaces the err writer set below
    System.setErr(new PrintStream(sys, true, StandardCharsets.UTF_8));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit;
    try {
      CommandLine cl = GroundCli.newCommandLine();
      cl.setOut(new PrintWriter(out, true));
      cl.setErr(new PrintWriter(err, true));
      exit = cl.execute(args);
    } finally {
      System.setErr(saved);
    }
    return new CliRun(exit, out.toString(), err.toString(), sys.toString(StandardCharsets.UTF_8));
  }

  /** For assertion messages. */
  String describe() {
    return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err + "--- System.err ---\n" + systemErr;
  }
}
