package dev.beacon.support;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A blocking Vert.x WebClient for tests of the Nacos HTTP API on one node. Paths are relative to {@code /nacos};
 * parameters are {@code name, value} pairs, sent in the query string unless a method says form.
 */
public final class NacosHttp implements AutoCloseable {

  public static final String JAVA_CLIENT = "Nacos-Java-Client:v1.4.8";

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final int port;

  public NacosHttp(int port) {
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setUserAgentEnabled(false));
  }

  /** A status and a body; {@code json()} parses the body. */
  public record Response(int status, String body) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    /** The list response's {@code hosts}. */
    public JsonArray hosts() {
      return json().getJsonArray("hosts");
    }
  }

  public static Map<String, String> params(String... kv) {
    if (kv.length % 2 != 0) {
      throw new IllegalArgumentException("params are name, value pairs");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put(kv[i], kv[i + 1]);
    }
    return map;
  }

  public Response get(String path, String... kv) {
    return send(HttpMethod.GET, path, params(kv), null, null);
  }

  public Response post(String path, String... kv) {
    return send(HttpMethod.POST, path, params(kv), null, null);
  }

  public Response put(String path, String... kv) {
    return send(HttpMethod.PUT, path, params(kv), null, null);
  }

  public Response delete(String path, String... kv) {
    return send(HttpMethod.DELETE, path, params(kv), null, null);
  }

  public Response patch(String path, String... kv) {
    return send(HttpMethod.PATCH, path, params(kv), null, null);
  }

  /** Every parameter in an {@code application/x-www-form-urlencoded} body. */
  public Response form(HttpMethod method, String path, String... kv) {
    return send(method, path, Map.of(), params(kv), null);
  }

  public Response send(HttpMethod method, String path, Map<String, String> query, Map<String, String> form,
                       String userAgent) {
    HttpRequest<Buffer> request = client.request(method, "/nacos" + path).timeout(10_000);
    query.forEach(request::addQueryParam);
    if (userAgent != null) {
      request.putHeader("User-Agent", userAgent);
    }
    if (form == null) {
      return await(request.send());
    }
    MultiMap body = MultiMap.caseInsensitiveMultiMap();
    form.forEach(body::add);
    return await(request.sendForm(body));
  }

  /** Sends without waiting (query parameters); for bursts of concurrent requests. */
  public io.vertx.core.Future<Response> sendAsync(HttpMethod method, String path, String... kv) {
    HttpRequest<Buffer> request = client.request(method, "/nacos" + path).timeout(10_000);
    params(kv).forEach(request::addQueryParam);
    return request.send().map(r -> new Response(r.statusCode(), r.bodyAsString() == null ? "" : r.bodyAsString()));
  }

  /** A raw request: any absolute path, any body. */
  public Response raw(HttpMethod method, String absolutePath, Buffer body, String contentType) {
    HttpRequest<Buffer> request = client.request(method, absolutePath).timeout(10_000);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return await(body == null ? request.send() : request.sendBuffer(body));
  }

  /** Registers an instance ({@code POST /v1/ns/instance}); anything but {@code 200 ok} fails the test. */
  public void register(String service, String ip, int port, String... extra) {
    Map<String, String> query = params("serviceName", service, "ip", ip, "port", String.valueOf(port));
    query.putAll(params(extra));
    Response r = send(HttpMethod.POST, "/v1/ns/instance", query, null, null);
    if (r.status() != 200 || !r.body().equals("ok")) {
      throw new AssertionError("register " + query + " answered " + r);
    }
  }

  /** {@code GET /v1/ns/instance/list} as the Java client asks it (grouped names). */
  public Response list(String service, String... kv) {
    Map<String, String> query = params(kv);
    query.put("serviceName", service);
    return send(HttpMethod.GET, "/v1/ns/instance/list", query, null, JAVA_CLIENT);
  }

  /** A list query that accepts gzip, as nacos-client does; the body is unzipped here when the server zipped it. */
  public Response listGzip(String service) {
    HttpRequest<Buffer> request = client.request(HttpMethod.GET, "/nacos/v1/ns/instance/list").timeout(10_000)
        .addQueryParam("serviceName", service).putHeader("User-Agent", JAVA_CLIENT)
        .putHeader("Accept-Encoding", "gzip,deflate,sdch");
    try {
      HttpResponse<Buffer> r = request.send().await(15, TimeUnit.SECONDS);
      byte[] bytes = r.body() == null ? new byte[0] : r.body().getBytes();
      if ("gzip".equalsIgnoreCase(r.getHeader("Content-Encoding"))) {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
            new java.io.ByteArrayInputStream(bytes))) {
          bytes = in.readAllBytes();
        }
      }
      return new Response(r.statusCode(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  public int port() {
    return port;
  }

  private static Response await(io.vertx.core.Future<HttpResponse<Buffer>> future) {
    try {
      HttpResponse<Buffer> r = future.await(15, TimeUnit.SECONDS);
      return new Response(r.statusCode(), r.bodyAsString() == null ? "" : r.bodyAsString());
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("client vertx did not close: " + e, e);
    }
  }
}
