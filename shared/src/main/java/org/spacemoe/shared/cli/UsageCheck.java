package org.spacemoe.shared.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * Renders the usage help of a command and of every subcommand below it and reports each one whose rendering warned
 * (picocli prints {@code [picocli WARN] Could not format ...} to {@link System#err} for a stray {@code %} in a
 * description) or left a format string in the text. Used by each tool's tests.
 */
public final class UsageCheck {
  private UsageCheck() {}

  /** The result: every command's rendered help by qualified name, and the problems found. */
  public record Result(Map<String, String> help, Map<String, String> problems) {}

  /** Renders every command's help below (and including) {@code root}. */
  public static synchronized Result check(CommandLine root) {
    Map<String, String> help = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    PrintStream saved = System.err;
    try {
      walk(root, help, problems, saved);
    } finally {
      System.setErr(saved);
    }
    return new Result(help, problems);
  }

  private static void walk(CommandLine cl, Map<String, String> help, Map<String, String> problems, PrintStream saved) {
    String name = cl.getCommandSpec().qualifiedName();
    if (help.containsKey(name)) {
      return; // an alias
    }
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
    StringWriter text = new StringWriter();
    try (PrintWriter w = new PrintWriter(text)) {
      cl.usage(w, CommandLine.Help.Ansi.OFF);
    } finally {
      System.setErr(saved);
    }
    String rendered = text.toString();
    help.put(name, rendered);
    StringBuilder p = new StringBuilder();
    String err = stray.toString(StandardCharsets.UTF_8);
    if (!err.isEmpty()) {
      p.append("wrote to stderr: ").append(err.strip());
    }
    if (rendered.contains("%n") || rendered.contains("Could not format")) {
      p.append(p.length() == 0 ? "" : "; ").append("unformatted text in the help");
    }
    if (p.length() > 0) {
      problems.put(name, p.toString());
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      walk(sub, help, problems, saved);
    }
  }
}
