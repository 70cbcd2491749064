package dev.beacon.distro.bench;

import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.ServiceKey;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestCluster;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints Distro numbers on this machine (not a test): delta convergence across 3 local nodes, and the full sync of
 * 100,000 instances to a joining node. Arguments: rounds services instancesPerService (default 500 1000 100). Run:
 * {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test}, then
 * {@code java -Xmx3g -cp target/classes:target/test-classes:$(cat cp.txt) dev.beacon.distro.bench.DistroBench}.
 */
public final class DistroBench {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int services = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int perService = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    TestCluster cluster = new TestCluster(3, Map.of(Setting.BEAT_TIMEOUT, 3_600_000, Setting.DELETE_TIMEOUT, 3_600_000,
        Setting.EMPTY_SERVICE_TTL, 3_600_000, Setting.DISTRO_VERIFY_PERIOD, 5000, Setting.DISTRO_HELLO_PERIOD, 1000,
        Setting.DISTRO_MEMBER_TIMEOUT, 10_000));
    try {
      convergence(cluster, rounds);
      fullSync(cluster, services, perService);
    } finally {
      cluster.close();
    }
    System.exit(0);
  }

  /** Register on A over HTTP; time until B's and C's registries (read in-process, spinning) hold the instance. */
  private static void convergence(TestCluster cluster, int rounds) {
    int portA = cluster.node(0).node().config().port();
    Registry b = cluster.node(1).node().registry();
    Registry c = cluster.node(2).node().registry();
    long[] fromRequest = new long[rounds];
    long[] fromReply = new long[rounds];
    for (int i = -50; i < rounds; i++) { // 50 warm-up rounds
      String name = "conv-" + i;
      ServiceKey key = ServiceKey.of(ServiceKey.DEFAULT_NAMESPACE, ServiceKey.DEFAULT_GROUP, name);
      InstanceRef ref = new InstanceRef("DEFAULT", "127.0.0.1", 9000);
      long t0 = System.nanoTime();
      NacosHttp.call(portA, HttpMethod.POST, "/v1/ns/instance",
          Map.of("serviceName", name, "ip", "127.0.0.1", "port", 9000));
      long replied = System.nanoTime();
      while (!(has(b, key, ref) && has(c, key, ref))) {
        LockSupport.parkNanos(20_000);
      }
      long seen = System.nanoTime();
      if (i >= 0) {
        fromRequest[i] = seen - t0;
        fromReply[i] = seen - replied;
      }
    }
    System.out.printf("delta convergence, %d registrations on A over HTTP, visible in B's and C's registries:%n", rounds);
    print("  from request sent", fromRequest);
    print("  from 200 ok received", fromReply);
  }

  private static boolean has(Registry r, ServiceKey key, InstanceRef ref) {
    var v = r.view(key);
    return v != null && v.find(ref) != null;
  }

  private static void print(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf("%s: median %.2f ms, p99 %.2f ms, max %.2f ms%n", what, s[s.length / 2] / 1e6,
        s[(int) Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6);
  }

  /** Loads services x perService instances through node A's sink, then times a fourth node's start and sync. */
  private static void fullSync(TestCluster cluster, int services, int perService) throws Exception {
    Beacon a = cluster.node(0);
    Metadata meta = Metadata.of(Map.of("version", "1.0.0", "preserved.register.source", "SPRING_CLOUD"));
    long loadStart = System.nanoTime();
    List<Future<Object>> writes = new ArrayList<>();
    for (int s = 0; s < services; s++) {
      ServiceKey key = ServiceKey.of("public", "DEFAULT_GROUP", "bulk-" + s);
      for (int i = 0; i < perService; i++) {
        Instance inst = new Instance(new InstanceRef("DEFAULT", "127.0." + (i / 250) + "." + (i % 250 + 1),
            8000 + s % 50_000), 1, true, true, true, false, meta, "DEFAULT", null);
        writes.add(a.node().sink().submit(new RegistryCommand.Register(key, inst)));
        if (writes.size() == 2000) {
          Future.all(writes).await(60, TimeUnit.SECONDS);
          writes.clear();
        }
      }
    }
    Future.all(writes).await(60, TimeUnit.SECONDS);
    long total = (long) services * perService;
    for (int n = 0; n < 3; n++) {
      Registry r = cluster.node(n).node().registry();
      while (r.instanceCount() < total) {
        Thread.sleep(50);
      }
    }
    System.out.printf("loaded %d instances in %d services through A (forwarding + deltas) in %d ms%n", total,
        services, (System.nanoTime() - loadStart) / 1_000_000);
    System.gc();
    long t0 = System.nanoTime();
    Beacon d = cluster.startAnother().await(5, TimeUnit.MINUTES);
    long up = System.nanoTime() - t0;
    cluster.adopt(d);
    System.out.printf("full sync to a joining 4th node: %d services / %d instances, chunk %d services:%n",
        d.distro().stats().fullSyncServices.sum(), d.node().registry().instanceCount(),
        d.node().config().intValue(Setting.DISTRO_SYNC_CHUNK));
    System.out.printf("  sync (first request to last chunk applied): %d ms; Beacon.start to UP (incl. Hazelcast join):"
        + " %d ms%n", d.distro().stats().fullSyncMillis.sum(), up / 1_000_000);
  }
}
