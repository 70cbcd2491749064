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
import java.util.Map;

/**
 * The throughput part: Beacon set up, the floor started beside it, then each scenario in rounds alternating floor and
 * Beacon ({@link Rounds}).
 */
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

  /** Runs the selected scenarios; each one's rounds (median target result, with its floor) go to {@code results}. */
  public void run(List<Rounds> results) {
    List<String> names = o.list("scenarios");
    for (String n : names) { // fail fast on a typo, before starting anything
      if (GrpcScenarios.isGrpc(n)) {
        GrpcScenarios.byName(n, 1);
      } else {
        scenarios.byName(AuthScenarios.isAuth(n) ? AuthScenarios.plain(n) : n);
      }
    }
    Rounds.parseTargets(o.list("targets"));
    boolean floors = names.contains("floor");
    List<String> plain = names.stream().filter(n -> !n.equals("floor") && !AuthScenarios.isAuth(n)).toList();
    List<String> auth = names.stream().filter(AuthScenarios::isAuth).toList();
    if (!auth.isEmpty() && !o.get("beacon-url").isBlank()) {
      throw new IllegalArgumentException("the auth-* scenarios start their own server; leave out --beacon-url");
    }
    if (!(plain.isEmpty() && auth.isEmpty()) && o.get("beacon-url").isBlank()) {
      Locations.beaconJar(o.get("beacon-jar")); // fail before starting anything
    }
    Floor floor = null;
    try {
      if (plain.isEmpty() && auth.isEmpty() && floors) { // the floor alone: its rate for the list request
        floor = startFloor(null);
        Rounds r = new Rounds("floor");
        for (int round = 0; round < rounds(); round++) {
          r.targets.add(measure("floor", floor.httpPort(), "", round));
        }
        results.add(r);
      }
      if (!plain.isEmpty()) {
        try (Target t = Target.launchOrAttach("beacon", o, jvmOpts, logDir, this::probe);
             Target c = Target.compare(o, jvmOpts, logDir, this::probe)) {
          setup(t.port(), "");
          if (c != null) {
            setup(c.port(), "");
          }
          Path answers = logDir.resolveSibling("grpc-answers");
          if (plain.stream().anyMatch(GrpcScenarios::isGrpc)) {
            GrpcAnswers.capture(vertx, t.port() + GrpcScenarios.PORT_OFFSET, plain, o.intValue("register-services"),
                answers);
          }
          floor = floors ? startFloor(answers) : null;
          for (String n : plain) {
            results.add(rounds(n, t.port(), c == null ? -1 : c.port(), "", floor));
          }
          checkList(t.port(), "after the scenarios", "");
        }
      }
      if (!auth.isEmpty()) {
        if (floor == null && floors) {
          floor = startFloor(null);
        }
        AuthScenarios a = new AuthScenarios();
        try (Target t = Target.launch("beacon-auth", o, jvmOpts, logDir, this::probe, a.serverArgs());
             Probe p = probe(t.port())) {
          String token = a.login(p);
          setup(t.port(), token);
          for (String n : auth) {
            results.add(rounds(n, t.port(), -1, token, floor));
          }
          checkList(t.port(), "after the scenarios", token);
        }
        printAuthRatios(results);
      }
    } finally {
      if (floor != null) {
        floor.process().close();
      }
    }
    Map<String, Double> targets = Rounds.parseTargets(o.list("targets"));
    for (Rounds r : results) {
      warnings.addAll(r.misses(targets, Double.parseDouble(o.get("p99-bound"))));
    }
  }

  /** The floor child (HTTP, and gRPC when answers were captured), started once and measured between Beacon rounds. */
  private record Floor(ChildProcess process, int httpPort, int grpcPort) {
  }

  private int rounds() {
    return Math.max(1, o.intValue("rounds"));
  }

  /**
   * Floor, target and the compared server ({@code comparePort}, -1 for none) in turn, {@code rounds} times; all get
   * the same requests.
   */
  private Rounds rounds(String name, int port, int comparePort, String token, Floor floor) {
    Rounds r = new Rounds(name);
    for (int round = 0; round < rounds(); round++) {
      if (floor != null) {
        r.floors.add(measure("floor:" + name, name, floor.httpPort(), floor.grpcPort(), token, round));
      }
      r.targets.add(measure(name, name, port, port + GrpcScenarios.PORT_OFFSET, token, round));
      settle(name, port);
      if (comparePort > 0) {
        r.compares.add(measure("compare:" + name, name, comparePort, comparePort + GrpcScenarios.PORT_OFFSET, token,
            round));
        settle(name, comparePort);
      }
    }
    if (r.hasFloor()) {
      System.out.printf("[bench] %s: median %.0f req/s (p99 %.2f ms) vs floor %.0f req/s (p99 %.2f ms): %.2fx, "
          + "rounds %s%n", name, r.rps(), r.p99(), r.floorRps(), r.floorP99(), r.ratio(),
          r.roundRatios().stream().map(x -> String.format("%.2f", x)).toList());
    }
    if (!r.compares.isEmpty()) {
      System.out.printf("[bench] %s: compared server median %.0f req/s (p99 %.2f ms)%s%n", name, r.compareRps(),
          r.compareP99(), r.hasFloor() ? String.format(": %.2fx floor", r.compareRatio(r.floors)) : "");
    }
    return r;
  }

  /**
   * After a gRPC round the server deregisters what the round's closed connections published (tens of thousands of
   * instances after grpc-batch-register); waits until its instance count holds still, so that this work is not
   * charged to the next round, and says how long it took.
   */
  private void settle(String scenario, int port) {
    if (!GrpcScenarios.isGrpc(scenario)) {
      return;
    }
    long t0 = System.nanoTime();
    long deadline = t0 + Duration.ofSeconds(30).toNanos();
    try (Probe p = probe(port)) {
      String last = "";
      while (System.nanoTime() < deadline) {
        String count = instanceCount(p.call(HttpMethod.GET, Scenarios.METRICS).body());
        if (count.equals(last)) {
          break;
        }
        last = count;
        Probe.sleep(250);
      }
    }
    System.out.printf("[bench]   settled in %.1f s after %s%n", (System.nanoTime() - t0) / 1e9, scenario);
  }

  private static String instanceCount(String metrics) {
    try {
      return String.valueOf(new JsonObject(metrics).getValue("instanceCount"));
    } catch (RuntimeException e) {
      return metrics;
    }
  }

  /** Each auth-on scenario's rate as a multiple of the same scenario's with auth off, measured in this run. */
  private static void printAuthRatios(List<Rounds> results) {
    for (Rounds r : results) {
      if (AuthScenarios.isAuth(r.scenario)) {
        results.stream().filter(off -> off.scenario.equals(AuthScenarios.plain(r.scenario))).findFirst()
            .ifPresent(off -> System.out.printf("[bench] %s: %.0f req/s with auth on, %.0f with auth off: %.2fx%n",
                AuthScenarios.plain(r.scenario), r.rps(), off.rps(), r.rps() / off.rps()));
      }
    }
  }

  private Probe probe(int port) {
    return new Probe(vertx, "127.0.0.1", port);
  }

  /** Starts the floor; with {@code grpcAnswers} (captured from Beacon) also its gRPC side. */
  private Floor startFloor(Path grpcAnswers) {
    int port = ChildProcess.freePort();
    int grpcPort = grpcAnswers == null ? -1 : ChildProcess.freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(ChildProcess.javaBinary());
    cmd.addAll(jvmOpts);
    cmd.add("-cp");
    cmd.add(Locations.self().toString());
    cmd.add(FloorServer.class.getName());
    cmd.add(String.valueOf(port));
    cmd.add(String.valueOf(Runtime.getRuntime().availableProcessors()));
    if (grpcAnswers != null) {
      cmd.add(String.valueOf(grpcPort));
      cmd.add(grpcAnswers.toString());
    }
    ChildProcess floor = ChildProcess.start("floor", cmd, logDir);
    try (Probe p = probe(port)) {
      p.awaitReady("/", false, floor, o.duration("startup-timeout"));
    } catch (RuntimeException e) {
      floor.close();
      throw e;
    }
    return new Floor(floor, port, grpcPort);
  }

  private Result measure(String label, int port, String token, int round) {
    return measure(label, label, port, -1, token, round);
  }

  /**
   * One round of scenario {@code name} against the server on {@code port} (gRPC: {@code grpcPort}). Rounds after the
   * first warm up for {@code round-warmup} only: both JVMs are warm by then.
   */
  private Result measure(String label, String name, int port, int grpcPort, String token, int round) {
    LoadGenerator.Settings s = round == 0 ? settings : settings.withWarmup(
        o.duration("round-warmup").compareTo(settings.warmup()) < 0 ? o.duration("round-warmup") : settings.warmup());
    String load = loadAverage();
    System.out.println("[bench] " + label + " round " + (round + 1) + ": warm-up " + s.warmup().toMillis()
        + " ms, then up to " + s.duration().toMillis() + " ms or " + s.maxRequests() + " requests, " + s.connections()
        + " connections x " + s.inflight() + " in flight; load average " + load);
    LoadGenerator gen = new LoadGenerator(vertx, "127.0.0.1", port);
    Result r = GrpcScenarios.isGrpc(name)
        ? gen.run(label, s, () -> new GrpcScenarios.Channel("127.0.0.1", grpcPort,
            GrpcScenarios.byName(name, o.intValue("register-services")), o.intValue("grpc-window")))
        : gen.run(label, source(name.equals("floor") ? "list" : name, token), s);
    r.loadAverageBefore = load;
    System.out.printf("[bench]   %s: %d requests, %.0f req/s, p50 %.3f ms, p99 %.3f ms, errors %d%n", label,
        r.requests, r.rps(), r.percentileMs(50), r.percentileMs(99), r.errors());
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
