package dev.beacon.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Prints the results table (with each Beacon scenario's rate as a multiple of the floor's) and writes results.json. */
public final class Report {

  private Report() {
  }

  public static Double floorRps(List<Result> results) {
    return results.stream().filter(r -> r.name.equals("floor")).findFirst().map(Result::rps).orElse(null);
  }

  public static void printTable(List<Result> results) {
    if (results.isEmpty()) {
      return;
    }
    Double floor = floorRps(results);
    String fmt = "%-10s %10s %11s %9s %9s %9s %8s  %s%n";
    System.out.println();
    System.out.printf(fmt, "scenario", "requests", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "errors", "vs floor");
    System.out.printf(fmt, "--------", "--------", "-----", "------", "------", "--------", "------", "--------");
    for (Result r : results) {
      String vs = r.name.equals("floor") ? "(floor)"
          : floor == null || floor <= 0 ? "n/a (no floor run)" : String.format("%.2fx floor", r.rps() / floor);
      System.out.printf(fmt, r.name, r.requests, String.format("%.0f", r.rps()), ms(r.percentileMs(50)),
          ms(r.percentileMs(99)), ms(r.percentileMs(99.9)), r.errors() == 0 ? "0" : r.errors() + " !!", vs);
    }
  }

  public static void printErrors(List<Result> results, List<String> warnings) {
    boolean any = false;
    for (Result r : results) {
      if (r.errors() > 0) {
        any = true;
        System.out.println("!!! ERRORS in scenario '" + r.name + "': " + r.errors() + " of " + r.requests
            + " requests; status counts " + r.statusCounts + ", no answer " + r.failures
            + (r.failureSamples.isEmpty() ? "" : ", e.g. " + r.failureSamples));
      }
    }
    for (String w : warnings) {
      any = true;
      System.out.println("!!! WARNING: " + w);
    }
    if (any) {
      System.out.println("!!! THIS BENCHMARK RUN HAD ERRORS OR WARNINGS: its numbers are not trustworthy.");
    }
  }

  public static void printSection(String title, JsonObject m) {
    if (m == null) {
      return;
    }
    System.out.println();
    System.out.println(title);
    m.forEach(e -> {
      if (!e.getKey().equals("jvm")) {
        System.out.printf("  %-28s %s%n", e.getKey(), e.getValue());
      }
    });
  }

  private static String ms(double v) {
    return String.format("%.3f", v);
  }

  public static void writeJson(Path out, JsonObject meta, List<Result> results, JsonObject memory,
                               List<String> warnings) {
    Double floor = floorRps(results);
    JsonArray scenarios = new JsonArray();
    results.forEach(r -> scenarios.add(r.toJson(r.name.equals("floor") ? null : floor)));
    JsonObject json = meta.copy().put("scenarios", scenarios).put("warnings", new JsonArray(List.copyOf(warnings)));
    if (memory != null) {
      json.put("memory", memory);
    }
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, json.encodePrettily() + "\n");
      System.out.println("[bench] results written to " + out);
    } catch (IOException e) {
      System.out.println("!!! could not write " + out + ": " + e);
    }
  }
}
