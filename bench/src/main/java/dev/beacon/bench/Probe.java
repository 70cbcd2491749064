package dev.beacon.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Single blocking HTTP calls with hard timeouts: readiness polling and sanity checks (never the measured load). */
public final class Probe implements AutoCloseable {

  private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

  private final WebClient client;
  private final String host;
  private final int port;

  public Probe(Vertx vertx, String host, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false).setConnectTimeout(2000));
    this.host = host;
    this.port = port;
  }

  /** Makes a probe of 127.0.0.1:port. */
  @FunctionalInterface
  public interface Factory {
    Probe create(int port);
  }

  public record Reply(int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** One request; a connection error or timeout gives status -1 with the message as body. */
  public Reply call(HttpMethod method, String uri) {
    try {
      Future<HttpResponse<Buffer>> f = client.request(method, port, host, uri).timeout(10_000).send();
      HttpResponse<Buffer> r = f.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      return new Reply(r.statusCode(), r.bodyAsString() == null ? "" : r.bodyAsString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-1, "interrupted");
    } catch (Exception e) {
      return new Reply(-1, String.valueOf(e.getCause() != null ? e.getCause() : e));
    }
  }

  /**
   * Polls {@code uri} every 200 ms until it answers 200 (and, if {@code needUp}, a body with "status":"UP"),
   * the child dies, or the timeout passes.
   */
  public void awaitReady(String uri, boolean needUp, ChildProcess child, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Reply last = null;
    while (System.nanoTime() < deadline) {
      if (child != null && !child.isAlive()) {
        throw new IllegalStateException(child.name() + " exited before it was ready; log " + child.log() + ":\n"
            + child.logTail(40));
      }
      last = call(HttpMethod.GET, uri);
      if (last.status() == 200 && (!needUp || UP.matcher(last.body()).find())) {
        return;
      }
      sleep(200);
    }
    throw new IllegalStateException("not ready within " + timeout.toSeconds() + " s at http://" + host + ":" + port + uri
        + " (last answer: " + last + ")" + (child == null ? "" : "; log " + child.log() + ":\n" + child.logTail(40)));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
