package dev.beacon.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The rounds of one scenario: floor and target measured in turn (floor, target, floor, target, ...), so that load
 * from elsewhere on a shared machine falls on both alike. Figures are medians over the rounds; the ratio to the floor
 * is the median of the rounds' ratios (each round's pair saw the same load), and the p99 bound compares the median
 * p99s.
 */
final class Rounds {

  final String scenario;
  final List<Result> floors = new ArrayList<>();
  final List<Result> targets = new ArrayList<>();
  /** The second server's rounds ({@code --compare-url} / {@code --compare-jar}); empty without one. */
  final List<Result> compares = new ArrayList<>();

  Rounds(String scenario) {
    this.scenario = scenario;
  }

  /** The round whose rate is the median: its whole result (latencies, errors) stands for the scenario. */
  Result medianTarget() {
    return medianRound(targets);
  }

  Result medianFloor() {
    return floors.isEmpty() ? null : medianRound(floors);
  }

  double rps() {
    return medianOf(targets, Result::rps);
  }

  double p99() {
    return medianOf(targets, r -> r.percentileMs(99));
  }

  double floorRps() {
    return medianOf(floors, Result::rps);
  }

  double floorP99() {
    return medianOf(floors, r -> r.percentileMs(99));
  }

  double compareRps() {
    return medianOf(compares, Result::rps);
  }

  double compareP99() {
    return medianOf(compares, r -> r.percentileMs(99));
  }

  boolean hasFloor() {
    return !floors.isEmpty();
  }

  /** The median of the rounds' target rate / floor rate. */
  double ratio() {
    return median(roundRatios(targets, floors));
  }

  /** The median of the rounds' compared rate / {@code base} rate (floors or targets). */
  double compareRatio(List<Result> base) {
    return median(roundRatios(compares, base));
  }

  /** Target rate / floor rate, round by round: shows how steady the ratio was. */
  List<Double> roundRatios() {
    return roundRatios(targets, floors);
  }

  private static List<Double> roundRatios(List<Result> over, List<Result> base) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < Math.min(over.size(), base.size()); i++) {
      out.add(over.get(i).rps() / base.get(i).rps());
    }
    return out;
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length == 0 ? 0 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Where this scenario misses its targets (empty when it meets them, or has none): {@code !!!} lines. */
  List<String> misses(Map<String, Double> minRatios, double p99Bound) {
    Double min = minRatios.get(scenario);
    List<String> out = new ArrayList<>();
    if (min == null || !hasFloor()) {
      return out;
    }
    double ratio = ratio();
    if (ratio < min) {
      out.add(String.format("target missed: %s at %.3fx its floor (median of %d rounds' ratios; %.0f vs %.0f req/s), "
          + "target %.2fx",
          scenario, ratio, targets.size(), rps(), floorRps(), min));
    }
    if (p99() > p99Bound * floorP99()) {
      out.add(String.format("target missed: %s p99 %.2f ms is %.1fx its floor's %.2f ms, bound %.1fx", scenario, p99(),
          p99() / floorP99(), floorP99(), p99Bound));
    }
    return out;
  }

  JsonObject toJson() {
    JsonObject j = medianTarget().toJson(null).put("rounds", targets.size());
    JsonArray rounds = new JsonArray();
    for (int i = 0; i < targets.size(); i++) {
      JsonObject r = new JsonObject().put("target", targets.get(i).toJson(null));
      if (i < floors.size()) {
        r.put("floor", floors.get(i).toJson(null));
      }
      rounds.add(r);
    }
    j.put("roundResults", rounds).put("medianRequestsPerSecond", Result.round(rps(), 1))
        .put("medianP99Ms", Result.round(p99(), 3));
    if (!compares.isEmpty()) {
      JsonArray compared = new JsonArray();
      compares.forEach(c -> compared.add(c.toJson(null)));
      j.put("compareResults", compared).put("compareMedianRequestsPerSecond", Result.round(compareRps(), 1))
          .put("compareMedianP99Ms", Result.round(compareP99(), 3));
    }
    if (hasFloor()) {
      j.put("floorMedianRequestsPerSecond", Result.round(floorRps(), 1))
          .put("floorMedianP99Ms", Result.round(floorP99(), 3))
          .put("vsFloor", Result.round(ratio(), 3))
          .put("p99VsFloor", Result.round(p99() / floorP99(), 3));
    }
    return j;
  }

  /** {@code name=ratio,...}, e.g. {@code grpc-query=0.8}. */
  static Map<String, Double> parseTargets(List<String> entries) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("--targets entries are scenario=ratio, got: " + e);
      }
      out.put(e.substring(0, eq).trim(), Double.parseDouble(e.substring(eq + 1).trim()));
    }
    return out;
  }

  private static Result medianRound(List<Result> rs) {
    List<Result> sorted = new ArrayList<>(rs);
    sorted.sort(Comparator.comparingDouble(Result::rps));
    return sorted.get(sorted.size() / 2);
  }

  private static double medianOf(List<Result> rs, ToDoubleFunction<Result> f) {
    return median(rs.stream().map(f::applyAsDouble).toList());
  }
}
