package dev.beacon.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many 2.x clients on one node: {@code grpc-conns-count} gRPC connections (each its own HTTP/2 connection, set up
 * as nacos-client sets it up) each register one instance; how long until all are registered, and the server's live
 * heap growth per connection with its instance. The connections are then closed and the instances must go.
 */
public final class GrpcConnectionsBench extends ServerBench {

  private static final int BATCH = 500;


  public GrpcConnectionsBench(BenchOptions o, Vertx vertx, Path logDir, List<String> jvmOpts, List<String> warnings) {
    super(o, vertx, logDir, jvmOpts, warnings);
  }

  @Override
  public void run(JsonObject out) {
    int count = o.intValue("grpc-conns-count");
    out.put("connections", count);
    try (Target t = Target.launchOrAttach("beacon-grpc-conns", o, jvmOpts, logDir,
        port -> new Probe(vertx, "127.0.0.1", port))) {
      long pid = t.pid();
      long baseline = pid > 0 ? JdkTools.liveBytes(pid) : -1;
      int grpcPort = t.port() + GrpcScenarios.PORT_OFFSET;
      List<NacosGrpc> open = new ArrayList<>();
      long t0 = System.nanoTime();
      long registered = 0;
      // In batches: a client connects, sets up and registers; 500 such clients at a time.
      for (int from = 0; from < count; from += BATCH) {
        List<Future<?>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(count, from + BATCH); i++) {
          GrpcScenarios.Call c = GrpcScenarios.register("bench-conns-" + (i % 100), i);
          batch.add(NacosGrpc.connect(vertx, "127.0.0.1", grpcPort, GrpcWindows.GRPC_JAVA_WINDOW).compose(conn -> {
            synchronized (open) {
              open.add(conn);
            }
            return conn.call(c.type(), c.body());
          }).map(answer -> new JsonObject(answer[1]).getInteger("resultCode", 0) == 200));
        }
        try {
          Future.join(batch).await(o.duration("grpc-conns-timeout").toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          warnings.add("grpc connections: batch from " + from + " did not finish: " + e);
        }
        registered += batch.stream().filter(f -> f.succeeded() && Boolean.TRUE.equals(f.result())).count();
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      out.put("registered", registered).put("seconds", Result.round(secs, 1));
      System.out.printf("[bench] grpc connections: %d connections, %d instances registered in %.1f s%n", open.size(),
          registered, secs);
      if (registered != count) {
        warnings.add("grpc connections: " + registered + " of " + count + " registered");
      }
      if (secs > o.duration("grpc-conns-timeout").toSeconds()) {
        warnings.add("grpc connections: took " + Result.round(secs, 1) + " s, more than "
            + o.duration("grpc-conns-timeout").toSeconds() + " s");
      }
      if (pid > 0) {
        long live = JdkTools.liveBytes(pid);
        double perConnection = (live - baseline) / (double) Math.max(1, registered);
        out.put("baselineLiveBytes", baseline).put("liveBytes", live)
            .put("bytesPerConnectionWithInstance", Result.round(perConnection, 0));
        System.out.printf("[bench] grpc connections: live heap %.1f MB (baseline %.1f MB): %.0f bytes per connection%n",
            live / 1e6, baseline / 1e6, perConnection);
      }
      Future.join(open.stream().map(NacosGrpc::close).toList()).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("grpc connections scenario: " + e, e);
    }
  }
}
