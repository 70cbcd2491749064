package dev.beacon.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memory scenario: Beacon with {@code -Xmx2g}, N ephemeral instances with metadata registered, full GC, live heap
 * per instance; then allocation while idle from {@code jstat -gc} samples.
 */
public final class MemoryBench extends ServerBench {


  public MemoryBench(BenchOptions o, Vertx vertx, Path logDir, List<String> jvmOpts, List<String> warnings) {
    super(o, vertx, logDir, jvmOpts, warnings);
  }

  @Override
  public void run(JsonObject out) {
    long count = o.longValue("memory-instances");
    int perService = o.intValue("memory-per-service");
    List<String> jvm = new ArrayList<>(jvmOpts.stream().filter(f -> !f.startsWith("-Xmx") && !f.startsWith("-Xms")).toList());
    jvm.add("-Xmx" + o.get("memory-xmx"));
    out.put("jvm", String.join(" ", jvm));
    out.put("instances", count).put("instancesPerService", perService).put("services", (count + perService - 1) / perService);
    try (Target t = Target.launchOrAttach("beacon-memory", o, jvm, logDir, port -> new Probe(vertx, "127.0.0.1", port))) {
      long pid = t.pid();
      long baseline = -1;
      if (pid > 0) {
        baseline = JdkTools.liveBytes(pid);
        out.put("baselineLiveBytes", baseline);
      } else {
        warnings.add("memory: server pid unknown (pass --beacon-pid with --beacon-url): no heap numbers");
      }

      LoadGenerator gen = new LoadGenerator(vertx, "127.0.0.1", t.port());
      long t0 = System.nanoTime();
      Result r = gen.run("memory-register", Scenarios.memory(perService),
          ThroughputBench.settings(o).fixedWork(count, o.duration("memory-timeout")));
      double secs = (System.nanoTime() - t0) / 1e9;
      long ok = r.statusCounts.entrySet().stream().filter(e -> e.getKey() >= 200 && e.getKey() < 300)
          .mapToLong(Map.Entry::getValue).sum();
      out.put("registered", ok).put("registerErrors", r.errors()).put("registerSeconds", Result.round(secs, 1))
          .put("registerPerSecond", Result.round(ok / secs, 0));
      System.out.printf("[bench] memory: registered %d of %d instances in %.1f s (%.0f/s), errors %d%n", ok, count, secs,
          ok / secs, r.errors());
      if (ok != count || r.errors() > 0) {
        warnings.add("memory: " + ok + " of " + count + " registrations succeeded, " + r.errors() + " errors "
            + r.statusCounts + (r.failureSamples.isEmpty() ? "" : " e.g. " + r.failureSamples));
      }
      try (Probe p = new Probe(vertx, "127.0.0.1", t.port())) {
        Probe.Reply list = p.call(HttpMethod.GET, Scenarios.LIST + "?serviceName=bench-mem-0&healthyOnly=true");
        int hosts = ThroughputBench.hosts(list.body());
        long expect = Math.min(perService, count);
        if (hosts != expect) {
          warnings.add("memory: list of bench-mem-0 has " + hosts + " hosts, expected " + expect + ": "
              + ThroughputBench.abbreviate(list.body()));
        }
      }
      if (pid <= 0) {
        return;
      }

      JdkTools.gc(pid);
      long heapUsed = JdkTools.heapUsed(pid);
      long live = JdkTools.liveBytes(pid);
      out.put("heapUsedAfterFullGcBytes", heapUsed).put("liveBytes", live);
      if (ok > 0) {
        double perInstance = (live - baseline) / (double) ok;
        out.put("bytesPerInstance", Result.round(perInstance, 1))
            .put("bytesPerInstanceInclBaseline", Result.round(live / (double) ok, 1));
        System.out.printf("[bench] memory: live heap %.1f MB (baseline %.1f MB): %.0f bytes per instance%n",
            live / 1e6, baseline / 1e6, perInstance);
      }

      int seconds = o.intValue("idle-seconds");
      System.out.println("[bench] memory: sampling idle allocation for " + seconds + " s (jstat -gc " + pid + " 1000 "
          + (seconds + 1) + ")");
      List<JdkTools.GcSample> s = JdkTools.jstatGc(pid, seconds + 1);
      double allocated = JdkTools.allocatedBytes(s);
      double span = s.size() - 1;
      JdkTools.GcSample first = s.get(0);
      JdkTools.GcSample last = s.get(s.size() - 1);
      out.put("idleSeconds", span)
          .put("idleAllocatedMB", Result.round(allocated / 1e6, 2))
          .put("idleAllocationMBPerSecond", Result.round(allocated / 1e6 / span, 3))
          .put("idleResolutionMBPerSecond", Result.round(JdkTools.regionSize(pid) / 1e6 / span, 3))
          .put("idleYoungGcs", last.youngGcs() - first.youngGcs())
          .put("idleFullGcs", last.fullGcs() - first.fullGcs())
          .put("idleGcSeconds", Result.round(last.gcTimeSeconds() - first.gcTimeSeconds(), 3))
          .put("idleOldGenGrowthMB", Result.round((last.oldUsedKb() - first.oldUsedKb()) / 1e3 * 1.024, 2));
      System.out.printf("[bench] memory: idle allocation %.3f MB/s over %.0f s, %d young GCs%n", allocated / 1e6 / span,
          span, last.youngGcs() - first.youngGcs());
    }
  }
}
