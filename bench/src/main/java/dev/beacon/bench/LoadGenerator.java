package dev.beacon.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop HTTP/1.1 load: {@code connections × inflight} request loops split over {@code threads} event loops,
 * each loop sending its next request when the previous answered. A run is bounded by time (warm-up + duration) AND by
 * a count of measured requests; requests started during the warm-up are not measured. Latency goes to an HdrHistogram
 * in microseconds; non-2xx answers and failed requests are errors.
 */
public final class LoadGenerator {

  /** One request to send. */
  public record Req(HttpMethod method, String uri) {}

  /** The request for global sequence number {@code seq} (0, 1, 2, ...); called from several threads at once. */
  @FunctionalInterface
  public interface RequestSource {
    Req request(long seq);
  }

  public record Settings(int connections, int inflight, int threads, Duration warmup, Duration duration,
                         long maxRequests, Duration requestTimeout) {
    public Settings {
      if (connections < 1 || inflight < 1 || threads < 1 || maxRequests < 1) {
        throw new IllegalArgumentException("connections, inflight, threads, max-requests must be >= 1");
      }
      threads = Math.min(threads, connections);
    }

    public Settings withWarmup(Duration w) {
      return new Settings(connections, inflight, threads, w, duration, maxRequests, requestTimeout);
    }

    /** Exactly {@code count} requests, no warm-up, within {@code timeout}: for setup work such as pre-registration. */
    public Settings fixedWork(long count, Duration timeout) {
      return new Settings(connections, inflight, threads, Duration.ZERO, timeout, count, requestTimeout);
    }
  }

  private final Vertx vertx;
  private final String host;
  private final int port;

  public LoadGenerator(Vertx vertx, String host, int port) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
  }

  /**
   * Where one worker's requests go: opened on the worker's event loop with its share of the connections, then asked
   * for request {@code seq} by each of its loops; answers the status (HTTP status; gRPC: 200 or the result code) and
   * counts the bytes received in {@code bytes}.
   */
  public interface Channel {
    Future<Void> open(Vertx vertx, int connections, int inflight);

    Future<Integer> send(long seq, long[] bytes);

    Future<Void> close();
  }

  /** Runs HTTP/1.1 load: each request from {@code source}. */
  public Result run(String name, RequestSource source, Settings s) {
    return run(name, s, () -> new HttpChannel(host, port, source, s.requestTimeout().toMillis()));
  }

  /** Runs the load to its end (time or count) and returns the measured numbers. Blocks the calling thread. */
  public Result run(String name, Settings s, Supplier<Channel> channels) {
    long now = System.nanoTime();
    Shared shared = new Shared(now + s.warmup().toNanos(), now + s.warmup().toNanos() + s.duration().toNanos(),
        s.maxRequests());
    List<Worker> workers = new ArrayList<>();
    List<CompletableFuture<Void>> done = new ArrayList<>();
    List<String> deployments = new ArrayList<>();
    for (int t = 0; t < s.threads(); t++) {
      int conns = s.connections() / s.threads() + (t < s.connections() % s.threads() ? 1 : 0);
      Worker w = new Worker(channels.get(), shared, conns, s.inflight());
      workers.add(w);
      done.add(w.finished.future().toCompletionStage().toCompletableFuture());
      deployments.add(join(vertx.deployVerticle(w, new DeploymentOptions()), 30));
    }
    long bound = s.warmup().plus(s.duration()).plus(s.requestTimeout()).toSeconds() + 30;
    long t0 = System.nanoTime();
    long progress = vertx.setPeriodic(10_000, id -> System.out.printf("[bench]   %s: %d requests sent in %.0f s%n", name,
        shared.seq.get(), (System.nanoTime() - t0) / 1e9));
    try {
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(bound, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("[bench] WARNING: " + name + " did not finish within " + bound + " s: " + e);
    } finally {
      vertx.cancelTimer(progress);
      shared.stop = true;
      for (String id : deployments) {
        try {
          join(vertx.undeploy(id), 10);
        } catch (RuntimeException e) {
          System.out.println("[bench] WARNING: undeploy: " + e);
        }
      }
    }
    return Result.merge(name, shared.measureStart, workers);
  }

  private static <T> T join(Future<T> f, long seconds) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** State shared by the workers of one run. */
  static final class Shared {
    final long measureStart;
    final long end;
    final long maxMeasured;
    final AtomicLong seq = new AtomicLong();
    final AtomicLong measuredIssued = new AtomicLong();
    volatile boolean stop;

    Shared(long measureStart, long end, long maxMeasured) {
      this.measureStart = measureStart;
      this.end = end;
      this.maxMeasured = maxMeasured;
    }
  }

  /** One event loop's share of the connections and request loops; all its fields are touched on its event loop only. */
  static final class Worker extends VerticleBase {
    final Channel channel;
    final Shared shared;
    final int connections;
    final int inflight;
    final Promise<Void> finished = Promise.promise();
    final Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    final Map<Integer, Long> statusCounts = new HashMap<>();
    final List<String> failureSamples = new ArrayList<>();
    final long[] received = new long[1];
    long measured;
    long failures;
    long bytes;
    long lastDone;
    int running;

    Worker(Channel channel, Shared shared, int connections, int inflight) {
      this.channel = channel;
      this.shared = shared;
      this.connections = connections;
      this.inflight = inflight;
    }

    @Override
    public Future<?> start() {
      return channel.open(vertx, connections, inflight).onSuccess(v -> {
        running = connections * inflight;
        for (int i = 0; i < connections * inflight; i++) {
          context.runOnContext(x -> next());
        }
      });
    }

    @Override
    public Future<?> stop() {
      return channel.close();
    }

    private void next() {
      long now = System.nanoTime();
      boolean measuring = now >= shared.measureStart;
      if (shared.stop || now >= shared.end
          || (measuring && shared.measuredIssued.incrementAndGet() > shared.maxMeasured)) {
        shared.stop = true;
        if (--running == 0) {
          finished.tryComplete();
        }
        return;
      }
      long start = System.nanoTime();
      long before = received[0];
      channel.send(shared.seq.getAndIncrement(), received).onComplete(ar -> {
        long end = System.nanoTime();
        if (measuring) {
          measured++;
          bytes += received[0] - before;
          lastDone = Math.max(lastDone, end);
          histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), Math.max(1, (end - start) / 1000)));
          if (ar.succeeded()) {
            statusCounts.merge(ar.result(), 1L, Long::sum);
          } else {
            failures++;
            if (failureSamples.size() < 5) {
              failureSamples.add(String.valueOf(ar.cause()));
            }
          }
        }
        if (ar.succeeded()) {
          next();
        } else {
          context.runOnContext(v -> next()); // a failure may complete synchronously: do not recurse
        }
      });
    }
  }

  /** HTTP/1.1 keep-alive connections, pipelined when more than one request is in flight per connection. */
  static final class HttpChannel implements Channel {
    private final String host;
    private final int port;
    private final RequestSource source;
    private final long timeoutMillis;
    private HttpClientAgent client;

    HttpChannel(String host, int port, RequestSource source, long timeoutMillis) {
      this.host = host;
      this.port = port;
      this.source = source;
      this.timeoutMillis = timeoutMillis;
    }

    @Override
    public Future<Void> open(Vertx vertx, int connections, int inflight) {
      client = vertx.createHttpClient(
          new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true).setTcpNoDelay(true)
              .setPipelining(inflight > 1).setPipeliningLimit(Math.max(1, inflight)).setConnectTimeout(5000)
              .setDefaultHost(host).setDefaultPort(port),
          new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
      return Future.succeededFuture();
    }

    @Override
    public Future<Integer> send(long seq, long[] bytes) {
      Req r = source.request(seq);
      RequestOptions opts = new RequestOptions().setMethod(r.method()).setHost(host).setPort(port)
          .setURI(r.uri()).setIdleTimeout(timeoutMillis)
          // The headers nacos-client 1.4.x sends on every naming call (it accepts gzip responses).
          .putHeader("User-Agent", "Nacos-Java-Client:v1.4.8").putHeader("Accept-Encoding", "gzip,deflate,sdch")
          .putHeader("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8");
      return client.request(opts)
          .compose(req -> req.send())
          .compose(resp -> {
            resp.handler(b -> bytes[0] += b.length()); // count the body without aggregating it
            return resp.end().map(v -> resp.statusCode());
          });
    }

    @Override
    public Future<Void> close() {
      return client == null ? Future.succeededFuture() : client.close();
    }
  }
}
