package dev.beacon.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Prints the results table (each scenario's median rate as a multiple of its floor's) and writes results.json. */
public final class Report {

  private Report() {
  }

  /** Failed requests of all of a scenario's rounds, floor rounds included. */
  public static long errors(Rounds r) {
    return r.targets.stream().mapToLong(Result::errors).sum() + r.floors.stream().mapToLong(Result::errors).sum()
        + r.compares.stream().mapToLong(Result::errors).sum();
  }

  /** Median rate and latencies of each scenario, and its floor's (same requests, rounds alternating) with the ratio. */
  public static void printTable(List<Rounds> results) {
    if (results.isEmpty()) {
      return;
    }
    String fmt = "%-20s %6s %9s %8s %8s %9s %9s %8s %7s %8s  %s%n";
    System.out.println();
    System.out.printf(fmt, "scenario", "rounds", "req/s", "p50 ms", "p99 ms", "p99.9 ms", "floor r/s", "floor p99",
        "errors", "vs floor", "p99 vs floor");
    for (Rounds r : results) {
      Result m = r.medianTarget();
      long errors = errors(r);
      System.out.printf(fmt, r.scenario, r.targets.size(), String.format("%.0f", r.rps()), ms(m.percentileMs(50)),
          ms(r.p99()), ms(m.percentileMs(99.9)), r.hasFloor() ? String.format("%.0f", r.floorRps()) : "-",
          r.hasFloor() ? ms(r.floorP99()) : "-", errors == 0 ? "0" : errors + " !!",
          r.hasFloor() ? String.format("%.2fx", r.ratio()) : "n/a",
          r.hasFloor() ? String.format("%.1fx", r.p99() / r.floorP99()) : "n/a");
    }
    System.out.println("(medians of the rounds; vs floor: median of the rounds' ratios; p50 and p99.9 of the "
        + "median-rate round)");
    if (results.stream().anyMatch(r -> !r.compares.isEmpty())) {
      System.out.println();
      System.out.printf("%-20s %9s %8s %9s %9s%n", "compared server", "req/s", "p99 ms", "vs floor", "vs target");
      for (Rounds r : results) {
        if (!r.compares.isEmpty()) {
          System.out.printf("%-20s %9.0f %8s %9s %9s%n", r.scenario, r.compareRps(), ms(r.compareP99()),
              r.hasFloor() ? String.format("%.2fx", r.compareRatio(r.floors)) : "n/a",
              String.format("%.2fx", r.compareRatio(r.targets)));
        }
      }
    }
  }

  public static void printErrors(List<Rounds> results, List<String> warnings) {
    boolean any = false;
    for (Rounds rounds : results) {
      for (Result r : concat(concat(rounds.floors, rounds.targets), rounds.compares)) {
        if (r.errors() > 0) {
          any = true;
          System.out.println("!!! ERRORS in scenario '" + r.name + "': " + r.errors() + " of " + r.requests
              + " requests; status counts " + r.statusCounts + ", no answer " + r.failures
              + (r.failureSamples.isEmpty() ? "" : ", e.g. " + r.failureSamples));
        }
      }
    }
    for (String w : warnings) {
      any = true;
      System.out.println("!!! WARNING: " + w);
    }
    if (any) {
      System.out.println("!!! THIS BENCHMARK RUN HAD ERRORS, WARNINGS OR MISSED TARGETS (exit code 2).");
    }
  }

  private static List<Result> concat(List<Result> a, List<Result> b) {
    List<Result> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
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

  public static void writeJson(Path out, JsonObject meta, List<Rounds> results, JsonObject memory,
                               List<String> warnings) {
    JsonArray scenarios = new JsonArray();
    results.forEach(r -> scenarios.add(r.toJson()));
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
