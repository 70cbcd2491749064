package dev.beacon.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Beacon's answers to the gRPC scenarios' requests, captured once after setup and served by the gRPC floor
 * ({@link GrpcFloorServer}): a directory of {@code <RequestType>.bin} files, each the Payload bytes of one answer.
 */
final class GrpcAnswers {

  private GrpcAnswers() {
  }

  /** Sends each gRPC scenario's first request to the server on {@code grpcPort} and saves the answer in {@code dir}. */
  static void capture(Vertx vertx, int grpcPort, List<String> scenarios, int services, Path dir) {
    try {
      Files.createDirectories(dir);
      NacosGrpc c = await(NacosGrpc.connect(vertx, "127.0.0.1", grpcPort, GrpcWindows.GRPC_JAVA_WINDOW));
      try {
        for (String name : scenarios.stream().filter(GrpcScenarios::isGrpc).toList()) {
          GrpcScenarios.Call call = GrpcScenarios.byName(name, services).call(0);
          Buffer answer = await(c.callRaw(NacosGrpc.encode(call.type(), call.body())));
          Files.write(dir.resolve(call.type() + ".bin"), answer.getBytes());
          System.out.println("[bench] captured Beacon's answer to " + call.type() + ": " + answer.length() + " bytes");
        }
      } finally {
        await(c.close());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The captured answers of a directory: request type → Payload bytes. */
  static Map<String, Buffer> load(Path dir) {
    Map<String, Buffer> answers = new HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".bin")).toList()) {
        String name = f.getFileName().toString();
        answers.put(name.substring(0, name.length() - ".bin".length()), Buffer.buffer(Files.readAllBytes(f)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return answers;
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("capturing gRPC answers: " + e, e);
    }
  }
}
