package dev.beacon.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The measured numbers of one scenario run: counts, rate, latency (microseconds in the histogram) and errors. */
public final class Result {

  public final String name;
  public final long requests;
  public final double seconds;
  public final Histogram histogram;
  public final Map<Integer, Long> statusCounts;
  public final long failures;
  public final List<String> failureSamples;
  public final long bytes;
  /** The machine's load average when the scenario started (set by the caller; null if not known). */
  public String loadAverageBefore;

  private Result(String name, long requests, double seconds, Histogram histogram, Map<Integer, Long> statusCounts,
                 long failures, List<String> failureSamples, long bytes) {
    this.name = name;
    this.requests = requests;
    this.seconds = seconds;
    this.histogram = histogram;
    this.statusCounts = statusCounts;
    this.failures = failures;
    this.failureSamples = failureSamples;
    this.bytes = bytes;
  }

  static Result merge(String name, long measureStart, List<LoadGenerator.Worker> workers) {
    Histogram h = new Histogram(workers.get(0).histogram.getHighestTrackableValue(), 3);
    Map<Integer, Long> status = new TreeMap<>();
    List<String> samples = new ArrayList<>();
    long requests = 0;
    long failures = 0;
    long bytes = 0;
    long lastDone = measureStart;
    for (LoadGenerator.Worker w : workers) {
      h.add(w.histogram);
      w.statusCounts.forEach((k, v) -> status.merge(k, v, Long::sum));
      samples.addAll(w.failureSamples);
      requests += w.measured;
      failures += w.failures;
      bytes += w.bytes;
      lastDone = Math.max(lastDone, w.lastDone);
    }
    double seconds = Math.max(1e-9, (lastDone - measureStart) / 1e9);
    return new Result(name, requests, seconds, h, status, failures, samples.subList(0, Math.min(5, samples.size())), bytes);
  }

  public double rps() {
    return requests / seconds;
  }

  /** Non-2xx answers plus requests that got no answer. */
  public long errors() {
    long non2xx = statusCounts.entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() >= 300)
        .mapToLong(Map.Entry::getValue).sum();
    return non2xx + failures;
  }

  public double percentileMs(double p) {
    return requests == 0 ? 0 : histogram.getValueAtPercentile(p) / 1000.0;
  }

  public double maxMs() {
    return requests == 0 ? 0 : histogram.getMaxValue() / 1000.0;
  }

  public JsonObject toJson(Double floorRps) {
    JsonObject status = new JsonObject();
    statusCounts.forEach((k, v) -> status.put(String.valueOf(k), v));
    JsonObject j = new JsonObject()
        .put("scenario", name)
        .put("requests", requests)
        .put("seconds", round(seconds, 3))
        .put("requestsPerSecond", round(rps(), 1))
        .put("p50Ms", round(percentileMs(50), 3))
        .put("p99Ms", round(percentileMs(99), 3))
        .put("p999Ms", round(percentileMs(99.9), 3))
        .put("maxMs", round(maxMs(), 3))
        .put("errors", errors())
        .put("failures", failures)
        .put("statusCounts", status)
        .put("failureSamples", new JsonArray(new ArrayList<>(failureSamples)))
        .put("bytesReceived", bytes)
        .put("loadAverageBefore", loadAverageBefore);
    if (floorRps != null && floorRps > 0) {
      j.put("vsFloor", round(rps() / floorRps, 3));
    }
    return j;
  }

  static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
