package dev.beacon.grpc;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientRequest;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hand-driven Nacos gRPC connection for tests (one HTTP/2 connection per instance): unary payloads in any shape,
 * including bytes no client would send, and a bi-stream whose incoming messages queue up for the test to read.
 */
final class RawGrpc implements AutoCloseable {

  static final ServiceMethod<Buffer, Buffer> REQUEST = ServiceMethod.client(ServiceName.create("Request"), "request",
      GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);
  static final ServiceMethod<Buffer, Buffer> BI_STREAM = ServiceMethod.client(ServiceName.create("BiRequestStream"),
      "requestBiStream", GrpcMessageEncoder.IDENTITY, GrpcMessageDecoder.IDENTITY);

  private final GrpcClient client;
  private final SocketAddress server;
  final BlockingQueue<Payload> pushed = new LinkedBlockingQueue<>();
  private GrpcClientRequest<Buffer, Buffer> stream;

  RawGrpc(Vertx vertx, int grpcPort) {
    // Vert.x keeps one HTTP/2 connection per server by default: every call of this client shares it.
    this.client = GrpcClient.client(vertx);
    this.server = SocketAddress.inetSocketAddress(grpcPort, "127.0.0.1");
  }

  /** One unary call with raw bytes; the decoded answer. */
  Payload unaryBytes(Buffer bytes) throws Exception {
    Buffer answer = client.request(server, REQUEST)
        .compose(req -> req.send(bytes).compose(GrpcClientResponse::last))
        .await(10, TimeUnit.SECONDS);
    return Payload.decode(answer);
  }

  Payload unary(String type, JsonObject body) throws Exception {
    return unaryBytes(new Payload(type, "127.0.0.1", Map.of("app", "test"), body.toBuffer()).encode());
  }

  /** Opens the bi-stream and sends the set-up; with an ability table, as nacos-client 2.5 sends it. */
  void setUp(boolean abilityTable) throws Exception {
    stream = client.request(server, BI_STREAM).await(10, TimeUnit.SECONDS);
    stream.response().onSuccess(resp -> resp.handler(b -> pushed.add(Payload.decode(b))));
    JsonObject setup = new JsonObject().put("clientVersion", "Nacos-Java-Client:v2.5.1")
        .put("labels", new JsonObject().put("module", "naming").put("source", "sdk")).put("headers", new JsonObject())
        .put("module", "internal");
    if (abilityTable) {
      setup.put("abilityTable", new JsonObject());
    }
    stream.write(new Payload("ConnectionSetupRequest", "127.0.0.1", Map.of(), setup.toBuffer()).encode())
        .await(10, TimeUnit.SECONDS);
  }

  /** Sends a message on the bi-stream (an acknowledgement). */
  void answer(String type, JsonObject body) throws Exception {
    stream.write(Payload.of(type, body).encode()).await(10, TimeUnit.SECONDS);
  }

  Payload next(long timeoutMillis) throws InterruptedException {
    return pushed.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws Exception {
    client.close().await(10, TimeUnit.SECONDS);
  }
}
