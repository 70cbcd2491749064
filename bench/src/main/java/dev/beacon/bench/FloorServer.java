package dev.beacon.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * The floor: a bare Vert.x HTTP server on 127.0.0.1 answering every request with 200 {@code ok} and doing no other
 * work, one verticle per core like Beacon's HTTP layer; with a gRPC port and a directory of captured answers also the
 * gRPC floor ({@link GrpcFloorServer}). Run as a child process:
 * {@code java -cp beacon-bench.jar dev.beacon.bench.FloorServer <port> [instances [grpcPort answersDir]]}.
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
      System.err.println("usage: FloorServer <port> [instances [grpcPort answersDir]]");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int instances = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    Vertx vertx = Vertx.vertx();
    Future<String> grpc = Future.succeededFuture("");
    if (args.length > 3) {
      int grpcPort = Integer.parseInt(args[2]);
      Map<String, Buffer> answers = GrpcAnswers.load(Path.of(args[3]));
      grpc = vertx.deployVerticle(() -> new GrpcFloorServer(grpcPort, answers),
          new DeploymentOptions().setInstances(instances)).map(id -> ", gRPC on " + grpcPort + " " + answers.keySet());
    }
    grpc.compose(g -> vertx.deployVerticle(() -> new FloorServer(port), new DeploymentOptions().setInstances(instances))
            .map(id -> g))
        .onSuccess(g -> System.out.println("floor server listening on 127.0.0.1:" + port + " with " + instances
            + " verticles" + g))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}
