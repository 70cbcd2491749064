package dev.beacon.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Push latency over gRPC: {@code n} 2.x-style connections subscribe to one service; a publisher connection then
 * registers a new address there (replacing its previous one) {@code push-changes} times, one at a time, and each
 * subscriber's {@code NotifySubscriberRequest} that first shows the new address is timed from the register's send.
 * Includes Beacon's {@code push-delay} (20 ms by default), which merges changes into one push.
 */
public final class GrpcPushBench extends ServerBench {

  private static final String SERVICE = "bench-push";


  public GrpcPushBench(BenchOptions o, Vertx vertx, Path logDir, List<String> jvmOpts, List<String> warnings) {
    super(o, vertx, logDir, jvmOpts, warnings);
  }

  @Override
  public void run(JsonObject out) {
    try (Target t = Target.launchOrAttach("beacon-grpc-push", o, jvmOpts, logDir,
        port -> new Probe(vertx, "127.0.0.1", port))) {
      int grpcPort = t.port() + GrpcScenarios.PORT_OFFSET;
      for (String n : o.list("push-subscribers")) {
        out.put(n + " subscribers", measure(grpcPort, Integer.parseInt(n)));
      }
    }
  }

  private JsonObject measure(int grpcPort, int subscribers) {
    int changes = o.intValue("push-changes");
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, CountDownLatch> seen = new ConcurrentHashMap<>();
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    List<NacosGrpc> open = new ArrayList<>();
    try {
      for (int i = 0; i < subscribers; i += 200) { // connect and subscribe 200 at a time
        List<Future<?>> batch = new ArrayList<>();
        for (int j = i; j < Math.min(subscribers, i + 200); j++) {
          String[] last = {""}; // this subscriber's newest address: a push repeating it is not timed again
          batch.add(NacosGrpc.connect(vertx, "127.0.0.1", grpcPort, GrpcWindows.GRPC_JAVA_WINDOW,
              push -> received(push, last, sentAt, seen, latency)).compose(c -> {
                synchronized (open) {
                  open.add(c);
                }
                return c.call("SubscribeServiceRequest", new JsonObject().put("headers", new JsonObject())
                    .put("namespace", "public").put("serviceName", SERVICE).put("groupName", "DEFAULT_GROUP")
                    .put("clusters", "").put("subscribe", true).put("module", "naming"));
              }));
        }
        Future.all(batch).await(60, TimeUnit.SECONDS);
      }
      NacosGrpc publisher = NacosGrpc.connect(vertx, "127.0.0.1", grpcPort, GrpcWindows.GRPC_JAVA_WINDOW)
          .await(30, TimeUnit.SECONDS);
      open.add(publisher);
      Thread.sleep(500); // the subscribers' first pushes (the current list) come and go
      long missing = 0;
      for (int k = 0; k < changes; k++) {
        GrpcScenarios.Call c = GrpcScenarios.register(SERVICE, subscribers * 1000L + k);
        String ip = c.body().getJsonObject("instance").getString("ip");
        CountDownLatch all = new CountDownLatch(subscribers);
        seen.put(ip, all);
        sentAt.put(ip, System.nanoTime());
        publisher.call(c.type(), c.body()).await(10, TimeUnit.SECONDS);
        if (!all.await(10, TimeUnit.SECONDS)) {
          missing += all.getCount();
        }
      }
      JsonObject r = new JsonObject().put("changes", changes).put("pushesTimed", latency.getTotalCount())
          .put("missing", missing).put("p50Ms", latency.getValueAtPercentile(50) / 1000.0)
          .put("p99Ms", latency.getValueAtPercentile(99) / 1000.0).put("maxMs", latency.getMaxValue() / 1000.0);
      System.out.printf("[bench] grpc push, %d subscribers: %d pushes timed, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          subscribers, latency.getTotalCount(), r.getDouble("p50Ms"), r.getDouble("p99Ms"), r.getDouble("maxMs"));
      if (missing > 0) {
        warnings.add("grpc push, " + subscribers + " subscribers: " + missing + " pushes never arrived");
      }
      double target = Double.parseDouble(o.get("push-p99-target-ms"));
      if (subscribers >= 1000 && r.getDouble("p99Ms") >= target) {
        warnings.add(String.format("target missed: grpc push p99 %.1f ms at %d subscribers, target < %.0f ms",
            r.getDouble("p99Ms"), subscribers, target));
      }
      return r;
    } catch (Exception e) {
      throw new IllegalStateException("grpc push scenario: " + e, e);
    } finally {
      close(open);
    }
  }

  private static void close(List<NacosGrpc> open) {
    try {
      Future.join(open.stream().map(NacosGrpc::close).toList()).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("[bench] closing push connections: " + e);
    }
  }

  /** A push: the first that shows an awaited address is timed, once per subscriber ({@code last}). */
  private static void received(String[] push, String[] last, Map<String, Long> sentAt,
                               Map<String, CountDownLatch> seen, Histogram latency) {
    if (!push[0].equals("NotifySubscriberRequest")) {
      return;
    }
    long now = System.nanoTime();
    JsonArray hosts = new JsonObject(push[1]).getJsonObject("serviceInfo").getJsonArray("hosts", new JsonArray());
    for (int i = 0; i < hosts.size(); i++) {
      String ip = hosts.getJsonObject(i).getString("ip");
      Long sent = sentAt.get(ip);
      CountDownLatch latch = seen.get(ip);
      if (sent != null && latch != null && !ip.equals(last[0])) {
        last[0] = ip;
        synchronized (latency) {
          latency.recordValue(Math.max(1, (now - sent) / 1000));
        }
        latch.countDown();
      }
    }
  }
}
