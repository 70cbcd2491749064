package dev.beacon.grpc;

import dev.beacon.model.Instance;
import dev.beacon.model.ServiceKey;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.grpc.server.GrpcServerResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One nacos-client 2.x connection: one HTTP/2 connection, shared by its unary calls and its bi-stream. It is the lease
 * of what it registered: its instances live while it does. Confined to the {@link GrpcVerticle}'s event loop.
 */
final class GrpcConnection {

  final String id;
  final HttpConnection http;
  /** The bi-stream's response side, where pushes go; null until the set-up message arrived. */
  GrpcServerResponse<Buffer, Buffer> stream;
  String clientVersion = "";
  /** What this connection publishes, per service (one entry per service, a batch is a list). */
  // Small maps: most clients publish one or two services; 10,000 connections should cost the server little.
  final Map<ServiceKey, List<Instance>> published = new HashMap<>(2);
  /** The services it subscribed to, with the clusters it asked for. */
  final Map<ServiceKey, String> subscribed = new HashMap<>(2);
  /** Pushes sent and not yet acknowledged, by request id. */
  final Map<String, ServiceKey> unacked = new HashMap<>(2);

  GrpcConnection(String id, HttpConnection http) {
    this.id = id;
    this.http = http;
  }

  /** Set up (the bi-stream's first message arrived): only then does it take naming requests. */
  boolean registered() {
    return stream != null;
  }

  @Override
  public String toString() {
    return id + (clientVersion.isEmpty() ? "" : " (" + clientVersion + ")");
  }
}
