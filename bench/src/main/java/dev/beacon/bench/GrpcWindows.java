package dev.beacon.bench;

import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;

/**
 * HTTP/2 flow-control windows as grpc-java sizes them (nacos-client 2.x uses grpc-java): 1 MiB for every stream and
 * for the connection (NettyChannelBuilder's and NettyServerBuilder's DEFAULT_FLOW_CONTROL_WINDOW), instead of
 * HTTP/2's 64 KB default, which a 56 KB answer nearly fills: with it a second answer waits for a WINDOW_UPDATE.
 */
final class GrpcWindows {

  static final int GRPC_JAVA_WINDOW = 1024 * 1024;

  private GrpcWindows() {
  }

  /** The generator's connections; {@code window} is the stream and connection window (HTTP/2's default: 65535). */
  static HttpClientOptions client(int window) {
    return new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false)
        .setTcpNoDelay(true).setInitialSettings(new Http2Settings().setInitialWindowSize(window))
        .setHttp2ConnectionWindowSize(window);
  }

  /** The gRPC floor's server: the same windows as Beacon's gRPC server. */
  static HttpServerOptions server() {
    return new HttpServerOptions().setInitialSettings(new Http2Settings().setInitialWindowSize(GRPC_JAVA_WINDOW))
        .setHttp2ConnectionWindowSize(GRPC_JAVA_WINDOW);
  }
}
