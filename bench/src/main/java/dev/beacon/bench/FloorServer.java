package dev.beacon.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;

/**
 * The floor: a bare Vert.x HTTP server on 127.0.0.1 answering every request with 200 {@code ok} and doing no other
 * work, one verticle per core like Beacon's HTTP layer. Run as a child process:
 * {@code java -cp beacon-bench.jar dev.beacon.bench.FloorServer <port> [instances]}.
 */
public final class FloorServer extends VerticleBase {

  private static final Buffer OK = Buffer.buffer("ok");
  private static final CharSequence TEXT = HttpHeaders.createOptimized("text/plain");
  private static final CharSequence LEN = HttpHeaders.createOptimized("2");

  private final int port;

  private FloorServer(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(req -> req.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, TEXT)
            .putHeader(HttpHeaders.CONTENT_LENGTH, LEN)
            .end(OK))
        .listen();
  }

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: FloorServer <port> [instances]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new FloorServer(port), new DeploymentOptions().setInstances(instances))
        .onSuccess(id -> System.out.println("floor server listening on 127.0.0.1:" + port + " with " + instances + " verticles"))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}
