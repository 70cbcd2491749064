package dev.beacon.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The throughput part: the floor server first, then Beacon's scenarios, each result appended as soon as it is known. */
public final class ThroughputBench {

  private final BenchOptions o;
  private final Vertx vertx;
  private final Path logDir;
  private final List<String> jvmOpts;
  private final List<String> warnings;
  private final LoadGenerator.Settings settings;
  private final Scenarios scenarios;

  public ThroughputBench(BenchOptions o, Vertx vertx, Path logDir, List<String> jvmOpts, List<String> warnings) {
    this.o = o;
    this.vertx = vertx;
    this.logDir = logDir;
    this.jvmOpts = jvmOpts;
    this.warnings = warnings;
    this.settings = settings(o);
    this.scenarios = new Scenarios(o.intValue("beat-instances"), o.intValue("list-instances"),
        o.intValue("register-services"), o.intValue("mixed-pool"));
  }

  static LoadGenerator.Settings settings(BenchOptions o) {
    return new LoadGenerator.Settings(o.intValue("connections"), o.intValue("inflight"), o.intValue("client-threads"),
        o.duration("warmup"), o.duration("duration"), o.longValue("max-requests"), o.duration("request-timeout"));
  }

  public void run(List<Result> results) {
    List<String> names = o.list("scenarios");
    for (String n : names) { // fail fast on a typo, before starting anything
      if (GrpcScenarios.isGrpc(n)) {
        GrpcScenarios.byName(n, 1);
      } else {
        scenarios.byName(AuthScenarios.isAuth(n) ? AuthScenarios.plain(n) : n);
      }
    }
    List<String> plain = names.stream().filter(n -> !n.equals("floor") && !AuthScenarios.isAuth(n)).toList();
    List<String> auth = names.stream().filter(AuthScenarios::isAuth).toList();
    if (!auth.isEmpty() && !o.get("beacon-url").isBlank()) {
      throw new IllegalArgumentException("the auth-* scenarios start their own server; leave out --beacon-url");
    }
    if (!(plain.isEmpty() && auth.isEmpty()) && o.get("beacon-url").isBlank()) {
      Locations.beaconJar(o.get("beacon-jar")); // fail before the floor run, not after it
    }
    if (names.contains("floor")) {
      results.add(runFloor());
    }
    if (!plain.isEmpty()) {
      try (Target t = Target.launchOrAttach("beacon", o, jvmOpts, logDir, this::probe)) {
        measureAll(plain, t.port(), "", results);
      }
    }
    if (!auth.isEmpty()) {
      AuthScenarios a = new AuthScenarios();
      try (Target t = Target.launch("beacon-auth", o, jvmOpts, logDir, this::probe, a.serverArgs());
           Probe p = probe(t.port())) {
        measureAll(auth, t.port(), a.login(p), results);
      }
      printAuthRatios(results);
    }
  }

  /** Sets up the pools on the server at {@code port}, then measures each scenario; {@code token}: see AuthScenarios. */
  private void measureAll(List<String> names, int port, String token, List<Result> results) {
    setup(port, token);
    for (String n : names) {
      results.add(measure(n, port, token));
    }
    checkList(port, "after the scenarios", token);
  }

  /** Each auth-on scenario's rate as a multiple of the same scenario's with auth off, measured in this run. */
  private static void printAuthRatios(List<Result> results) {
    for (Result r : results) {
      if (AuthScenarios.isAuth(r.name)) {
        results.stream().filter(off -> off.name.equals(AuthScenarios.plain(r.name))).findFirst().ifPresent(off ->
            System.out.printf("[bench] %s: %.0f req/s with auth on, %.0f with auth off: %.2fx%n",
                AuthScenarios.plain(r.name), r.rps(), off.rps(), r.rps() / off.rps()));
      }
    }
  }

  private Probe probe(int port) {
    return new Probe(vertx, "127.0.0.1", port);
  }

  private Result runFloor() {
    int port = ChildProcess.freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildProcess.javaBinary());
    cmd.addAll(jvmOpts);
    cmd.add("-cp");
    cmd.add(Locations.self().toString());
    cmd.add(FloorServer.class.getName());
    cmd.add(String.valueOf(port));
    try (ChildProcess floor = ChildProcess.start("floor", cmd, logDir); Probe p = probe(port)) {
      p.awaitReady("/", false, floor, o.duration("startup-timeout"));
      return measure("floor", port, "");
    }
  }

  private Result measure(String name, int port, String token) {
    System.out.println("[bench] scenario " + name + ": warm-up " + settings.warmup().toMillis() + " ms, then up to "
        + settings.duration().toMillis() + " ms or " + settings.maxRequests() + " requests, " + settings.connections()
        + " connections x " + settings.inflight() + " in flight; load average " + loadAverage());
    String load = loadAverage();
    LoadGenerator gen = new LoadGenerator(vertx, "127.0.0.1", port);
    Result r = GrpcScenarios.isGrpc(name)
        ? gen.run(name, settings, () -> new GrpcScenarios.Channel("127.0.0.1", port + GrpcScenarios.PORT_OFFSET,
            GrpcScenarios.byName(name, o.intValue("register-services"))))
        : gen.run(name, source(name, token), settings);
    r.loadAverageBefore = load;
    System.out.printf("[bench]   %s: %d requests, %.0f req/s, p50 %.3f ms, p99 %.3f ms, errors %d%n", name, r.requests,
        r.rps(), r.percentileMs(50), r.percentileMs(99), r.errors());
    return r;
  }

  /** An HTTP scenario's requests, each carrying {@code token} (empty with auth off). */
  private LoadGenerator.RequestSource source(String name, String token) {
    String plain = AuthScenarios.isAuth(name) ? AuthScenarios.plain(name) : name;
    return AuthScenarios.withToken(scenarios.byName(plain), token);
  }

  /** Pre-registers the beat pool and the list service (exact counts, not measured) and sanity-checks them. */
  private void setup(int port, String token) {
    LoadGenerator gen = new LoadGenerator(vertx, "127.0.0.1", port);
    Duration timeout = Duration.ofMinutes(5);
    fixed(gen, "setup-beat-pool", AuthScenarios.withToken(scenarios.setupBeatPool(), token),
        scenarios.beatInstances(), timeout);
    fixed(gen, "setup-list-service", AuthScenarios.withToken(scenarios.setupListService(), token),
        scenarios.listInstances(), timeout);
    checkList(port, "after setup", token);
    try (Probe p = probe(port)) {
      LoadGenerator.Req beat = Scenarios.beat(0);
      Probe.Reply r = p.call(beat.method(), beat.uri() + token);
      if (!r.ok() || r.body().contains("20404")) {
        warnings.add("a beat of a registered instance answered " + r.status() + " " + abbreviate(r.body())
            + " (expected 200 with code 10200)");
      }
    }
  }

  static void fixed(LoadGenerator gen, String name, LoadGenerator.RequestSource source, long count, Duration timeout,
                    LoadGenerator.Settings base, List<String> warnings) {
    long t0 = System.nanoTime();
    Result r = gen.run(name, source, base.fixedWork(count, timeout));
    System.out.printf("[bench] %s: %d of %d requests in %.1f s, errors %d%n", name, r.requests, count,
        (System.nanoTime() - t0) / 1e9, r.errors());
    if (r.requests != count || r.errors() > 0) {
      warnings.add(name + ": " + r.requests + " of " + count + " requests done, " + r.errors() + " errors "
          + r.statusCounts + (r.failureSamples.isEmpty() ? "" : " e.g. " + r.failureSamples));
    }
  }

  private void fixed(LoadGenerator gen, String name, LoadGenerator.RequestSource source, long count, Duration timeout) {
    fixed(gen, name, source, count, timeout, settings, warnings);
  }

  private void checkList(int port, String when, String token) {
    try (Probe p = probe(port)) {
      Probe.Reply r = p.call(HttpMethod.GET, Scenarios.LIST_URI + token);
      int hosts = hosts(r.body());
      if (!r.ok() || hosts != scenarios.listInstances()) {
        warnings.add("list of " + Scenarios.LIST_SERVICE + " " + when + " answered " + r.status() + " with " + hosts
            + " hosts, expected " + scenarios.listInstances() + ": " + abbreviate(r.body()));
      } else {
        System.out.println("[bench] list of " + Scenarios.LIST_SERVICE + " " + when + ": " + hosts + " healthy hosts, "
            + r.body().length() + " bytes");
      }
    }
  }

  /** The number of entries of "hosts" in a Nacos list answer, or -1 if it is not one. */
  static int hosts(String body) {
    try {
      JsonArray a = new JsonObject(body).getJsonArray("hosts");
      return a == null ? -1 : a.size();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** The machine's 1-minute load average: other work on a shared box makes numbers noisy; this shows it. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= 200 ? one : one.substring(0, 200) + "...";
  }
}
