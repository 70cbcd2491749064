package dev.beacon.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.server.GrpcServer;
import java.util.Map;

/**
 * The gRPC floor: a bare Vert.x gRPC server speaking just enough of nacos-client 2.x's protocol for the bench's
 * connections (the bi-stream's set-up is acknowledged) and answering every unary {@code /Request/request} with bytes
 * captured from Beacon for the same request type ({@link GrpcAnswers}, e.g. the 200-instance
 * {@code QueryServiceResponse}). It reads the request's type and nothing else: what any server must do.
 * Same HTTP/2 settings as Beacon's gRPC server ({@link GrpcWindows}).
 */
final class GrpcFloorServer extends VerticleBase {

  private static final ServiceMethod<Buffer, Buffer> REQUEST = ServiceMethod.server(ServiceName.create("Request"),
      "request", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);
  private static final ServiceMethod<Buffer, Buffer> BI_STREAM = ServiceMethod.server(
      ServiceName.create("BiRequestStream"), "requestBiStream", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);
  private static final Buffer SETUP_ACK = NacosGrpc.encode("SetupAckRequest", new JsonObject()
      .put("abilityTable", new JsonObject()).put("module", "internal").put("headers", new JsonObject()));
  private static final Buffer UNKNOWN = NacosGrpc.encode("ErrorResponse", new JsonObject().put("resultCode", 500)
      .put("errorCode", 302).put("message", "no captured answer").put("success", false));

  private final int port;
  private final Map<String, Buffer> answers;

  GrpcFloorServer(int port, Map<String, Buffer> answers) {
    this.port = port;
    this.answers = answers;
  }

  @Override
  public Future<?> start() {
    GrpcServer grpc = GrpcServer.server(vertx);
    grpc.callHandler(REQUEST, call -> call.handler(bytes ->
        call.response().send(answers.getOrDefault(NacosGrpc.type(bytes), UNKNOWN))));
    grpc.callHandler(BI_STREAM, call -> {
      boolean[] setUp = {false};
      call.handler(bytes -> {
        if (!setUp[0]) {
          setUp[0] = true;
          call.response().write(SETUP_ACK);
        }
      });
    });
    return vertx.createHttpServer(GrpcWindows.server().setHost("127.0.0.1").setPort(port).setTcpNoDelay(true))
        .requestHandler(grpc).listen();
  }
}
