package dev.beacon.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A blocking Vert.x WebClient for tests of the Nacos HTTP API on one node. Paths are relative to {@code /nacos};
 * parameters are {@code name, value} pairs, sent in the query string unless a method says form. The static
 * {@code call/get/probe(port, ...)} need no instance: for cluster tests whose nodes stop and restart under them.
 */
public final class NacosHttp implements AutoCloseable {

  public static final String JAVA_CLIENT = "Nacos-Java-Client:v1.4.8";

  /** Shared by the static per-port calls: its threads are daemons and it needs no closing. */
  private static final HttpClient JDK = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final int port;

  public NacosHttp(int port) {
    this("127.0.0.1", port, new PoolOptions().getHttp1MaxSize());
  }

  public NacosHttp(String host, int port) {
    this(host, port, new PoolOptions().getHttp1MaxSize());
  }

  /** With up to {@code connections} keep-alive connections, for bursts through {@link #sendAsync}. */
  public NacosHttp(int port, int connections) {
    this("127.0.0.1", port, connections);
  }

  private NacosHttp(String host, int port, int connections) {
    this.port = port;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(host).setDefaultPort(port)
        .setUserAgentEnabled(false), new PoolOptions().setHttp1MaxSize(connections));
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

  /** Parameters of any type (sent as {@code String.valueOf}) in the query string. */
  public Response call(HttpMethod method, String path, Map<String, ?> query) {
    return send(method, path, query, null, null);
  }

  public Response send(HttpMethod method, String path, Map<String, ?> query, Map<String, String> form,
                       String userAgent) {
    return sendWith(method, path, query, form, userAgent == null ? Map.of() : Map.of("User-Agent", userAgent));
  }

  /** With request headers ({@code Authorization}, {@code User-Agent}, …). */
  public Response sendWith(HttpMethod method, String path, Map<String, ?> query, Map<String, String> form,
                           Map<String, String> headers) {
    HttpResponse<Buffer> r = exchange(method, path, query, form, headers);
    return new Response(r.statusCode(), r.bodyAsString() == null ? "" : r.bodyAsString());
  }

  /** The whole response, headers included. */
  public HttpResponse<Buffer> exchange(HttpMethod method, String path, Map<String, ?> query, Map<String, String> form,
                                       Map<String, String> headers) {
    HttpRequest<Buffer> request = client.request(method, "/nacos" + path).timeout(10_000);
    query.forEach((name, value) -> request.addQueryParam(name, String.valueOf(value)));
    headers.forEach(request::putHeader);
    if (form == null) {
      return awaitRaw(request.send());
    }
    MultiMap body = MultiMap.caseInsensitiveMultiMap();
    form.forEach(body::add);
    return awaitRaw(request.sendForm(body));
  }

  private static HttpResponse<Buffer> awaitRaw(Future<HttpResponse<Buffer>> future) {
    try {
      return future.await(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  /** Sends without waiting (query parameters); for bursts of concurrent requests. */
  public Future<Response> sendAsync(HttpMethod method, String path, String... kv) {
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
        try (GZIPInputStream in = new GZIPInputStream(
            new ByteArrayInputStream(bytes))) {
          bytes = in.readAllBytes();
        }
      }
      return new Response(r.statusCode(), new String(bytes, StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  public int port() {
    return port;
  }

  /** One request to the node on {@code port} (JDK client, no instance to close); params in the query string. */
  public static Response call(int port, HttpMethod method, String path, Map<String, ?> params) {
    return call("127.0.0.1", port, method, path, params);
  }

  /** As {@link #call(int, HttpMethod, String, Map)} to a node listening on {@code host}. */
  public static Response call(String host, int port, HttpMethod method, String path, Map<String, ?> params) {
    String query = params.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
            URI.create("http://" + host + ":" + port + "/nacos" + path + "?" + query))
        .timeout(Duration.ofSeconds(10)).method(method.name(), java.net.http.HttpRequest.BodyPublishers.noBody())
        .build();
    try {
      java.net.http.HttpResponse<String> r = JDK.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Response get(int port, String path, Map<String, ?> params) {
    return call(port, HttpMethod.GET, path, params);
  }

  /** The status of a GET of a path outside {@code /nacos} ({@code /ready}); -1 when the node does not answer. */
  public static int probe(int port, String path) {
    return probe("127.0.0.1", port, path);
  }

  public static int probe(String host, int port, String path) {
    try {
      return JDK.send(java.net.http.HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
          .timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static Response await(Future<HttpResponse<Buffer>> future) {
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
