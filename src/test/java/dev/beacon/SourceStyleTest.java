package dev.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The formatting rules a reviewer would otherwise check by eye, for every Java source of the build (server, tests,
 * benchmark): imports sorted (static ones first, each group in ASCII order, one blank line after each group), and no
 * fully qualified class name in code where an import would do (only a clash of simple names justifies one).
 */
class SourceStyleTest {

  private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("src/test/java"),
      Path.of("client/src/main/java"), Path.of("client/src/test/java"), Path.of("bench/src/main/java"));
  private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)\\.(\\w+|\\*);$");
  private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])((?:java|javax|io\\.vertx|dev\\.beacon|"
      + "io\\.micrometer|com\\.hazelcast|org\\.apache|com\\.alibaba|org\\.junit|io\\.netty|com\\.fasterxml)"
      + "(?:\\.[a-z0-9_]+)*)\\.([A-Z]\\w*)");

  @Test
  void importsAreSortedAndNoAvoidableQualifiedNames() {
    List<String> problems = new ArrayList<>();
    for (Path root : ROOTS) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> check(f, read(f), problems));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertEquals(List.of(), problems, "see Source style in README (Working on Beacon)");
  }

  private static void check(Path file, List<String> lines, List<String> problems) {
    List<String> imports = lines.stream().filter(l -> l.startsWith("import ")).toList();
    List<String> expected = new ArrayList<>(imports.stream().filter(l -> l.startsWith("import static ")).sorted()
        .toList());
    expected.addAll(imports.stream().filter(l -> !l.startsWith("import static ")).sorted().toList());
    if (!imports.equals(expected)) {
      problems.add(file + ": imports not sorted (static first, then ASCII order)");
    }
    Map<String, String> imported = new HashMap<>();
    for (String l : imports) {
      Matcher m = IMPORT.matcher(l);
      if (m.matches() && m.group(1) == null) {
        imported.put(m.group(3), m.group(2) + "." + m.group(3));
      }
    }
    boolean comment = false;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      String t = line.strip();
      if (comment || t.startsWith("/*") || t.startsWith("*") || t.startsWith("//") || t.startsWith("import ")
          || t.startsWith("package ")) {
        comment = (comment || t.startsWith("/*")) && !t.contains("*/");
        continue;
      }
      Matcher m = QUALIFIED.matcher(code(line));
      while (m.find()) {
        String name = m.group(2);
        String full = m.group(1) + "." + name;
        boolean clash = imported.containsKey(name) && !imported.get(name).equals(full)
            || Files.exists(file.resolveSibling(name + ".java"));
        if (!clash) {
          problems.add(file + ":" + (n + 1) + ": " + full + " written out; import it");
        }
      }
    }
  }

  /** The line without string literals and trailing comment. */
  private static String code(String line) {
    String noStrings = line.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    int comment = noStrings.indexOf("//");
    return comment < 0 ? noStrings : noStrings.substring(0, comment);
  }

  private static List<String> read(Path f) {
    try {
      return Files.readAllLines(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
