package dev.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package structure of {@code src/main/java}, from its {@code import} lines: which package may import which
 * (the table below, also in each {@code package-info.java} and docs/ARCHITECTURE.md), so that dependencies run one
 * way. {@code dev.beacon} itself is the composition root: it may import everything and nothing imports it.
 */
class PackageDependenciesTest {

  private static final Path MAIN = Path.of("src/main/java/dev/beacon");
  /** The client module (artifact beacon-client): the message contract the server builds on, and NamingClient. */
  private static final Path CLIENT = Path.of("client/src/main/java/dev/beacon");
  private static final Pattern MAY_IMPORT = Pattern.compile("<li>May import(.*?)</li>", Pattern.DOTALL);
  private static final Pattern NAMED_PACKAGE = Pattern.compile("dev\\.beacon\\.([a-z]+)");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.beacon\\.([a-z]+)\\.", Pattern.MULTILINE);

  /** Each package and the dev.beacon packages it may import. */
  private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("model", Set.of("client")),
      Map.entry("config", Set.of()),
      Map.entry("auth", Set.of()),
      Map.entry("core", Set.of("client", "model")),
      Map.entry("registry", Set.of("core", "model")),
      Map.entry("health", Set.of("config", "core", "model", "registry")),
      Map.entry("distro", Set.of("config", "core", "model", "registry")),
      Map.entry("raft", Set.of("config", "core", "model", "registry")),
      Map.entry("push", Set.of("client", "config", "core", "distro", "model", "registry")),
      Map.entry("api", Set.of("auth", "config", "core", "model")),
      // The API edge reaches Raft only through core's ports (ReplicatedEntries, RaftStatus, ReadBarrier).
      Map.entry("http", Set.of("api", "auth", "client", "config", "core", "distro", "health", "model", "push",
          "registry")),
      // The event-bus edge serves http's route table; http does not know it.
      Map.entry("bus", Set.of("api", "auth", "client", "core", "distro", "http", "model")),
      Map.entry("grpc", Set.of("api", "auth", "config", "core", "model", "registry")),
      Map.entry("metrics", Set.of("core", "distro", "model", "push", "raft", "registry")),
      // A module of its own that applications use without the server: it cannot import any server package.
      Map.entry("client", Set.of()));

  @Test
  void everyPackageImportsOnlyWhatItMayAndNothingImportsTheRoot() {
    Map<String, Set<String>> actual = imports();
    List<String> violations = new ArrayList<>();
    actual.forEach((pkg, used) -> {
      Set<String> allowed = ALLOWED.get(pkg);
      if (allowed == null) {
        violations.add("package " + pkg + " is not in the table: say what it may import");
        return;
      }
      used.stream().filter(u -> !allowed.contains(u) && !u.equals(pkg))
          .forEach(u -> violations.add(pkg + " imports " + u));
    });
    assertEquals(List.of(), violations);
    assertTrue(actual.keySet().containsAll(Set.of("model", "registry", "http", "grpc")), actual.toString());
  }

  /**
   * Each package's documented contract says the same as the table: the dev.beacon packages named in its
   * package-info's {@code <li>May import …</li>} item are exactly its row.
   */
  @Test
  void everyPackageInfoMayImportListIsItsTableRow() {
    List<String> problems = new ArrayList<>();
    ALLOWED.forEach((pkg, allowed) -> {
      Path info = (pkg.equals("client") ? CLIENT : MAIN).resolve(pkg).resolve("package-info.java");
      if (!Files.exists(info)) {
        problems.add(pkg + ": no package-info.java");
        return;
      }
      Matcher item = MAY_IMPORT.matcher(read(info));
      if (!item.find()) {
        problems.add(pkg + ": package-info has no <li>May import …</li> item");
        return;
      }
      Set<String> named = new TreeSet<>();
      Matcher m = NAMED_PACKAGE.matcher(item.group(1));
      while (m.find()) {
        named.add(m.group(1));
      }
      named.remove(pkg); // its own classes, named in passing
      if (!named.equals(new TreeSet<>(allowed))) {
        problems.add(pkg + ": package-info may import " + named + ", table row " + new TreeSet<>(allowed));
      }
    });
    assertEquals(List.of(), problems);
  }

  @Test
  void theAllowedTableHasNoCycle() {
    for (String start : ALLOWED.keySet()) {
      assertTrue(!reaches(start, start, new TreeSet<>()), "cycle through " + start);
    }
  }

  private static boolean reaches(String from, String target, Set<String> seen) {
    for (String next : ALLOWED.getOrDefault(from, Set.of())) {
      if (next.equals(target) || (seen.add(next) && reaches(next, target, seen))) {
        return true;
      }
    }
    return false;
  }

  /** Package (below dev.beacon; "" for dev.beacon) → the dev.beacon sub-packages its sources import. */
  private static Map<String, Set<String>> imports() {
    Map<String, Set<String>> result = new TreeMap<>();
    imports(MAIN, result);
    imports(CLIENT, result);
    return result;
  }

  private static void imports(Path root, Map<String, Set<String>> result) {
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
        Path dir = root.relativize(f.getParent());
        String pkg = dir.toString().replace('/', '.');
        if (pkg.isEmpty()) {
          return; // the composition root
        }
        Set<String> used = result.computeIfAbsent(pkg, k -> new TreeSet<>());
        String source = read(f);
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
          used.add(m.group(1));
        }
        if (Pattern.compile("^import (static )?dev\\.beacon\\.[A-Z]", Pattern.MULTILINE).matcher(source).find()) {
          used.add("(root)");
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
