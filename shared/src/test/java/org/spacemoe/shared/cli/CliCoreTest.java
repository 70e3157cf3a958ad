package org.spacemoe.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spacemoe.shared.input.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliCoreTest {
  @Command(name = "tool", mixinStandardHelpOptions = true, subcommands = Sub.class)
  static final class Tool implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "sub", mixinStandardHelpOptions = true)
  static final class Sub implements Callable<Integer> {
    @Option(names = "--what") String what = "ok";
    @Option(names = "--n") int n;
    @Option(names = "--file") Path file;

    @Override
    public Integer call() throws Exception {
      switch (what) {
        case "bad":
          throw new InvalidInputException("--what", "is bad");
        case "wrapped-bad":
          throw new IllegalStateException("wrapper", new InvalidInputException("x.json", "field y: missing"));
        case "read":
          Files.readString(file);
          return 0;
        case "bug":
          throw new IllegalStateException("boom");
        case "check":
          return ExitCodes.CHECK_FAILED;
        default:
          return ExitCodes.OK;
      }
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = CliCore.configure(new CommandLine(new Tool()), "spacemoe-tool");
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void exitCodesTellACheckFromBadInputFromABug(@TempDir Path dir) {
    assertEquals(0, run("sub").code());
    assertEquals(1, run("sub", "--what", "check").code());

    Run bad = run("sub", "--what", "bad");
    assertEquals(2, bad.code());
    assertEquals("error: --what: is bad\n", bad.err());

    Run wrapped = run("sub", "--what", "wrapped-bad");
    assertEquals(2, wrapped.code());
    assertEquals("error: x.json: field y: missing\n", wrapped.err());

    Path missing = dir.resolve("nope.json");
    Run read = run("sub", "--what", "read", "--file", missing.toString());
    assertEquals(2, read.code());
    assertEquals("error: " + missing + ": no such file or directory\n", read.err());

    Run bug = run("sub", "--what", "bug");
    assertEquals(3, bug.code());
    assertTrue(bug.err().startsWith("internal error: java.lang.IllegalStateException: boom\n"), bug.err());
    assertTrue(bug.err().contains("\tat "), "stack trace printed: " + bug.err());
  }

  @Test
  void parameterErrorsAreBadInput() {
    Run unknown = run("sub", "--nope");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("error: Unknown option: '--nope'"), unknown.err());
    assertTrue(unknown.err().contains("Try 'tool sub --help' for usage."), unknown.err());

    Run notInt = run("sub", "--n", "x");
    assertEquals(2, notInt.code());
    assertTrue(notInt.err().contains("--n"), notInt.err());
  }

  @Test
  void everyCommandPrintsTheBuildVersion() {
    Run root = run("--version");
    assertEquals(0, root.code());
    assertEquals(BuildVersion.line("spacemoe-tool") + "\n", root.out());
    Run sub = run("sub", "--version");
    assertEquals(BuildVersion.line("spacemoe-tool") + "\n", sub.out());
  }
}
