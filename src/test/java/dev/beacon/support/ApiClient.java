package dev.beacon.support;

import dev.beacon.Beacon;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Calls a node's Nacos HTTP API from a test thread with a real Vert.x WebClient; waits for each reply. */
public final class ApiClient implements AutoCloseable {

  /** The User-Agent nacos-client 1.4.8 sends: makes list queries with udpPort push subscriptions. */
  public static final String JAVA_CLIENT = "Nacos-Java-Client:v1.4.8";

  /** What came back: status and body text. */
  public record Response(int status, String body) {
  }

  private final Vertx vertx = Vertx.vertx();
  private final WebClient web;

  public ApiClient(Beacon node) {
    web = WebClient.create(vertx, new WebClientOptions().setDefaultHost(node.node().config().host())
        .setDefaultPort(node.node().config().port()));
  }

  public Response call(HttpMethod method, String path, Map<String, ?> params) {
    return call(method, path, params, "curl/8");
  }

  /** {@code path} below {@code /nacos}; params go in the query string, as nacos-client sends them. */
  public Response call(HttpMethod method, String path, Map<String, ?> params, String userAgent) {
    return absolute(method, "/nacos" + path, params, userAgent);
  }

  /** A request to a path outside {@code /nacos} ({@code /metrics}, {@code /ready}). */
  public Response absolute(HttpMethod method, String path, Map<String, ?> params, String userAgent) {
    HttpRequest<Buffer> request = web.request(method, path).putHeader("User-Agent", userAgent);
    MultiMap query = request.queryParams();
    params.forEach((k, v) -> query.add(k, String.valueOf(v)));
    try {
      HttpResponse<Buffer> r = request.send().await(10, TimeUnit.SECONDS);
      return new Response(r.statusCode(), r.bodyAsString() == null ? "" : r.bodyAsString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  /** Registers an instance and asserts the server said ok. */
  public void register(String service, String ip, int port) {
    Response r = call(HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service, "ip", ip, "port", port));
    if (r.status() != 200) {
      throw new AssertionError("register failed: " + r);
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
