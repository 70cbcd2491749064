package dev.beacon.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark run: the floor server and Beacon's throughput scenarios (default), the memory scenario
 * ({@code --memory}), or both ({@code --all}); a table on stdout and bench/target/results.json.
 * Exit code: 0 clean, 1 the run failed, 2 it finished but with errors, warnings or a missed target.
 */
public final class BenchMain {

  private BenchMain() {
  }

  public static void main(String[] args) {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    if (o.flag("help")) {
      System.out.println(BenchOptions.usage());
      return;
    }
    System.exit(run(o));
  }

  static int run(BenchOptions o) {
    boolean all = o.flag("all");
    boolean memory = o.flag("memory") || all;
    boolean connections = o.flag("grpc-conns") || all;
    boolean push = o.flag("grpc-push") || all;
    boolean throughput = (!o.flag("memory") && !o.flag("grpc-conns") && !o.flag("grpc-push")) || all;
    Path benchDir = Locations.benchDir();
    Path logDir = benchDir.resolve("target/logs");
    Path out = o.get("out").isBlank() ? benchDir.resolve("target/results.json") : Path.of(o.get("out"));
    List<String> jvmOpts = Arrays.stream(o.get("server-jvm-opts").trim().split("\\s+")).filter(s -> !s.isBlank()).toList();
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    List<Rounds> results = new ArrayList<>();
    JsonObject memoryResult = memory ? new JsonObject() : null;
    JsonObject connectionsResult = connections ? new JsonObject() : null;
    JsonObject pushResult = push ? new JsonObject() : null;
    JsonObject meta = new JsonObject()
        .put("startedAt", Instant.now().toString())
        .put("cores", Runtime.getRuntime().availableProcessors())
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"))
        .put("serverJvmOpts", String.join(" ", jvmOpts))
        .put("options", new JsonObject(new LinkedHashMap<>(o.asMap())));
    System.out.println("[bench] server JVM flags (floor and Beacon): " + String.join(" ", jvmOpts) + "; logs in " + logDir);

    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, o.intValue("client-threads"))));
    boolean failed = false;
    try {
      if (throughput) {
        new ThroughputBench(o, vertx, logDir, jvmOpts, warnings).run(results);
      }
      if (memory) {
        new MemoryBench(o, vertx, logDir, jvmOpts, warnings).run(memoryResult);
      }
      if (connections) {
        new GrpcConnectionsBench(o, vertx, logDir, jvmOpts, warnings).run(connectionsResult);
      }
      if (push) {
        new GrpcPushBench(o, vertx, logDir, jvmOpts, warnings).run(pushResult);
      }
    } catch (RuntimeException e) {
      failed = true;
      System.out.println();
      System.out.println("!!! BENCHMARK FAILED: " + e.getMessage());
      e.printStackTrace(System.out);
      meta.put("failure", String.valueOf(e.getMessage()));
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.out.println("[bench] closing vert.x: " + e);
      }
    }
    Report.printTable(results);
    Report.printSection("memory scenario (" + (memoryResult == null ? "" : memoryResult.getString("jvm", "")) + ")",
        memoryResult);
    Report.printSection("gRPC connections scenario", connectionsResult);
    Report.printSection("gRPC push scenario (registration to NotifySubscriberRequest)", pushResult);
    System.out.println();
    Report.printErrors(results, warnings);
    if (connectionsResult != null) {
      meta.put("grpcConnections", connectionsResult);
    }
    if (pushResult != null) {
      meta.put("grpcPush", pushResult);
    }
    Report.writeJson(out, meta, results, memoryResult, warnings);
    if (failed) {
      return 1;
    }
    boolean errors = !warnings.isEmpty() || results.stream().anyMatch(r -> Report.errors(r) > 0);
    return errors ? 2 : 0;
  }
}
