package org.spacemoe.hil.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.spacemoe.ground.cli.GroundCli;
import picocli.CommandLine;

/** One in-process run of the ground CLI: its exit code, standard output and error writer. */
record GroundRun(int code, String out, String err) {

  static GroundRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = GroundCli.newCommandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new GroundRun(code, out.toString(), err.toString());
  }
}
