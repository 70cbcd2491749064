package dev.beacon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.NacosHttp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client mistake is a clear 4xx {@code caused: <message>;} and leaves the registry exactly as it was.
 * All cases aim at one fixture service so a half-applied write would show.
 */
class BadInputTest {

  static final String SVC = "bad-input-fixture";
  static final String INSTANCE = "/v1/ns/instance";
  static final int MAX_BODY = 2048;
  static ApiNode api;
  static NacosHttp http;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of(Setting.MAX_BODY_BYTES, MAX_BODY));
    http = api.http();
    assertEquals("ok", http.post("/v1/ns/service", "serviceName", SVC, "protectThreshold", "0.1",
        "metadata", "{\"owner\":\"tests\"}").body());
    assertEquals("ok", http.post(INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "1",
        "metadata", "{\"v\":\"1\"}").body());
    assertEquals("ok", http.post(INSTANCE, "serviceName", SVC, "ip", "127.0.0.2", "port", "2", "clusterName", "B",
        "weight", "3").body());
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** Everything a bad request could have touched: the fixture's hosts, checksum and settings, and the service list. */
  static String snapshot() {
    JsonObject list = http.list(SVC).json();
    JsonObject detail = http.get("/v1/ns/service", "serviceName", SVC).json();
    JsonObject all = http.get("/v1/ns/service/list", "pageNo", "1", "pageSize", "1000", "groupName", "*").json();
    return list.getJsonArray("hosts").encode() + list.getString("checksum") + detail.encode() + all.encode();
  }

  static Arguments query(String name, int status, HttpMethod method, String path, String... kv) {
    return Arguments.of(name, status, method, path, NacosHttp.params(kv), false);
  }

  static Arguments form(String name, int status, HttpMethod method, String path, String... kv) {
    return Arguments.of(name, status, method, path, NacosHttp.params(kv), true);
  }

  static Stream<Arguments> badRequests() {
    HttpMethod post = HttpMethod.POST;
    String beat = "{\"ip\":\"127.0.0.9\",\"port\":9";
    return Stream.of(
        query("missing serviceName", 400, post, INSTANCE, "ip", "127.0.0.1", "port", "5"),
        query("blank serviceName", 400, post, INSTANCE, "serviceName", "  ", "ip", "127.0.0.1", "port", "5"),
        query("illegal chars in serviceName", 400, post, INSTANCE, "serviceName", "bad name!", "ip", "127.0.0.1",
            "port", "5"),
        query("group only a@@", 400, post, INSTANCE, "serviceName", "a@@", "ip", "127.0.0.1", "port", "5"),
        query("empty group @@a", 400, post, INSTANCE, "serviceName", "@@a", "ip", "127.0.0.1", "port", "5"),
        query("illegal cluster", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "5",
            "clusterName", "a_b"),
        query("illegal namespaceId", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "5",
            "namespaceId", "ns/../x"),
        query("missing ip", 400, post, INSTANCE, "serviceName", SVC, "port", "5"),
        query("ip octet over 255", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.300", "port", "5"),
        query("missing port", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1"),
        query("port abc", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "abc"),
        query("port 0", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "0"),
        query("port 70000", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "70000"),
        query("weight -1", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "1", "weight", "-1"),
        query("weight 10001", 400, HttpMethod.PUT, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "1",
            "weight", "10001"),
        query("weight NaN", 400, HttpMethod.PATCH, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "1",
            "weight", "NaN"),
        query("malformed metadata JSON", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "1",
            "metadata", "{\"a\":"),
        query("nested metadata JSON", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "1",
            "metadata", "{\"a\":{\"b\":\"c\"}}"),
        query("bad k=v metadata", 400, post, INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "1",
            "metadata", "a=1,b"),
        form("bad beat JSON", 400, HttpMethod.PUT, INSTANCE + "/beat", "serviceName", SVC, "ip", "127.0.0.9",
            "port", "9", "beat", beat),
        form("beat with string port", 400, HttpMethod.PUT, INSTANCE + "/beat", "serviceName", SVC,
            "beat", "{\"ip\":\"127.0.0.9\",\"port\":\"x\"}"),
        form("beat with metadata not an object", 400, HttpMethod.PUT, INSTANCE + "/beat", "serviceName", SVC,
            "beat", "{\"ip\":\"127.0.0.9\",\"port\":9,\"metadata\":\"m\"}"),
        form("beat with port 0", 400, HttpMethod.PUT, INSTANCE + "/beat", "serviceName", SVC,
            "beat", "{\"ip\":\"127.0.0.9\",\"port\":0}"),
        query("bad selector type", 400, post, "/v1/ns/service", "serviceName", "bad-selector", "selector",
            "{\"type\":\"magic\"}"),
        query("protectThreshold abc", 400, HttpMethod.PUT, "/v1/ns/service", "serviceName", SVC,
            "protectThreshold", "abc"),
        query("delete unknown service", 400, HttpMethod.DELETE, "/v1/ns/service", "serviceName", "never-created"),
        query("patch unknown instance", 400, HttpMethod.PATCH, INSTANCE, "serviceName", SVC, "ip", "127.0.0.7",
            "port", "7", "weight", "2"),
        query("detail unknown service", 404, HttpMethod.GET, INSTANCE, "serviceName", "never-created",
            "ip", "127.0.0.1", "port", "1"),
        query("detail unknown instance", 404, HttpMethod.GET, INSTANCE, "serviceName", SVC,
            "ip", "127.0.0.1", "port", "99"),
        query("update unknown service", 404, HttpMethod.PUT, "/v1/ns/service", "serviceName", "never-created",
            "protectThreshold", "0.5"),
        query("manual health with TCP checker", 400, HttpMethod.PUT, "/v1/ns/health/instance", "serviceName", SVC,
            "ip", "127.0.0.1", "port", "1", "healthy", "false"),
        query("missing healthy", 400, HttpMethod.PUT, "/v1/ns/health/instance", "serviceName", SVC,
            "ip", "127.0.0.1", "port", "1"),
        query("bad health checker JSON", 400, HttpMethod.PUT, "/v1/ns/cluster", "serviceName", SVC,
            "clusterName", "DEFAULT", "checkPort", "80", "useInstancePort4Check", "true", "healthChecker", "{x"),
        query("unknown health checker type", 400, HttpMethod.PUT, "/v1/ns/cluster", "serviceName", SVC,
            "clusterName", "DEFAULT", "checkPort", "80", "useInstancePort4Check", "true",
            "healthChecker", "{\"type\":\"MAGIC\"}"),
        query("checkPort abc", 400, HttpMethod.PUT, "/v1/ns/cluster", "serviceName", SVC,
            "clusterName", "DEFAULT", "checkPort", "abc", "useInstancePort4Check", "true",
            "healthChecker", "{\"type\":\"TCP\"}"),
        query("manual health of unknown service", 404, HttpMethod.PUT, "/v1/ns/health/instance",
            "serviceName", "never-created", "ip", "127.0.0.1", "port", "1", "healthy", "true"),
        query("list selector not JSON", 400, HttpMethod.GET, "/v1/ns/service/list", "pageNo", "1", "pageSize", "1",
            "selector", "{x"),
        query("catalog pageSize 0", 400, HttpMethod.GET, "/v1/ns/catalog/instances", "serviceName", SVC,
            "clusterName", "DEFAULT", "pageNo", "1", "pageSize", "0"),
        query("threshold above 1", 400, post, "/v1/ns/service", "serviceName", "bad-threshold",
            "protectThreshold", "1.5"),
        query("batch metadata null instance", 400, HttpMethod.PUT, INSTANCE + "/metadata/batch", "serviceName", SVC,
            "metadata", "{\"a\":\"b\"}", "instances", "[null]"),
        query("batch metadata null ip", 400, HttpMethod.PUT, INSTANCE + "/metadata/batch", "serviceName", SVC,
            "metadata", "{\"a\":\"b\"}", "instances", "[{\"ip\":null,\"port\":1}]"),
        query("batch metadata null port", 400, HttpMethod.PUT, INSTANCE + "/metadata/batch", "serviceName", SVC,
            "metadata", "{\"a\":\"b\"}", "instances", "[{\"ip\":\"127.0.0.1\",\"port\":null}]"),
        query("health checker type null", 400, HttpMethod.PUT, "/v1/ns/cluster", "serviceName", SVC,
            "clusterName", "DEFAULT", "checkPort", "80", "useInstancePort4Check", "true",
            "healthChecker", "{\"type\":null}"),
        query("health checker code not a number", 400, HttpMethod.PUT, "/v1/ns/cluster", "serviceName", SVC,
            "clusterName", "DEFAULT", "checkPort", "80", "useInstancePort4Check", "true",
            "healthChecker", "{\"type\":\"HTTP\",\"expectedResponseCode\":\"abc\"}"),
        query("selector type null", 400, post, "/v1/ns/service", "serviceName", "bad-selector", "selector",
            "{\"type\":null}"),
        query("selector expression not a string", 400, post, "/v1/ns/service", "serviceName", "bad-selector",
            "selector", "{\"type\":\"label\",\"expression\":5}"),
        query("list selector without expression", 400, HttpMethod.GET, "/v1/ns/service/list", "pageNo", "1",
            "pageSize", "1", "selector", "{\"type\":\"label\",\"expression\":null}"),
        query("list selector of unknown type", 400, HttpMethod.GET, "/v1/ns/service/list", "pageNo", "1",
            "pageSize", "1", "selector", "{\"type\":\"magic\",\"expression\":\"\"}"),
        query("list selector on neither INSTANCE nor SERVICE", 400, HttpMethod.GET, "/v1/ns/service/list",
            "pageNo", "1", "pageSize", "1", "selector", "{\"type\":\"label\",\"expression\":\"HOST.label.k = 'v'\"}"),
        query("list selector without a key", 400, HttpMethod.GET, "/v1/ns/service/list", "pageNo", "1",
            "pageSize", "1", "selector", "{\"type\":\"label\",\"expression\":\"INSTANCE = 'v'\"}"),
        query("list selector with two terms", 400, HttpMethod.GET, "/v1/ns/service/list", "pageNo", "1",
            "pageSize", "1", "selector", "{\"type\":\"label\",\"expression\":\"INSTANCE.label.k = 'v' = 'w'\"}"),
        query("list pageNo abc", 400, HttpMethod.GET, "/v1/ns/service/list", "pageNo", "abc", "pageSize", "1"),
        query("list missing pageSize", 400, HttpMethod.GET, "/v1/ns/service/list", "pageNo", "1"),
        query("batch metadata bad instances", 400, HttpMethod.PUT, INSTANCE + "/metadata/batch", "serviceName", SVC,
            "metadata", "{\"a\":\"b\"}", "instances", "[1,2"),
        query("service name over 512 characters", 400, HttpMethod.POST, INSTANCE, "serviceName", "s".repeat(5000),
            "ip", "127.0.0.1", "port", "1"),
        query("unknown path", 404, HttpMethod.GET, "/v1/ns/nope"),
        query("wrong method", 405, HttpMethod.GET, INSTANCE + "/beat", "serviceName", SVC));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void badRequestIsA4xxAndChangesNothing(String name, int status, HttpMethod method, String path,
                                         Map<String, String> params, boolean inForm) {
    String before = snapshot();
    Response r = inForm ? http.send(method, path, Map.of(), params, null)
        : http.send(method, path, params, null, null);
    assertEquals(status, r.status(), name + ": " + r.body());
    assertCaused(r);
    assertEquals(before, snapshot(), name + " changed the registry");
  }

  @Test
  void missingServiceNameSaysWhichParam() {
    Response r = http.post(INSTANCE, "ip", "127.0.0.1", "port", "5");
    assertEquals("caused: Param 'serviceName' is required.;", r.body());
    assertEquals("caused: For input string: \"abc\";",
        http.post(INSTANCE, "serviceName", SVC, "ip", "127.0.0.1", "port", "abc").body());
  }

  static Stream<Arguments> badRawRequests() {
    String form = "application/x-www-form-urlencoded";
    String metadata = "{\"big\":\"" + "x".repeat(MAX_BODY * 2) + "\"}";
    return Stream.of(
        Arguments.of("bad percent escape in query", 400, INSTANCE + "?serviceName=%zz&ip=127.0.0.1&port=1", null, null),
        Arguments.of("bad percent escape in form", 400, INSTANCE, "serviceName=%zz&ip=127.0.0.1&port=1", form),
        Arguments.of("body over the limit", 413, INSTANCE,
            "serviceName=" + SVC + "&ip=127.0.0.5&port=5&metadata=" + metadata, form));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRawRequests")
  void badRawRequestIsA4xxAndChangesNothing(String name, int status, String pathAndQuery, String body,
                                            String contentType) {
    String before = snapshot();
    Response r = http.raw(HttpMethod.POST, "/nacos" + pathAndQuery, body == null ? null : Buffer.buffer(body),
        contentType);
    assertEquals(status, r.status(), name + ": " + r.body());
    assertCaused(r);
    assertEquals(before, snapshot(), name + " changed the registry");
  }

  /** Tomcat ignores a body sent with a GET, so Nacos answers from the query; so does Beacon, whatever the body. */
  @ParameterizedTest(name = "GET with a {1} body")
  @MethodSource("getBodies")
  void aBodySentWithAGetIsIgnored(String body, String contentType) {
    Response r = http.raw(HttpMethod.GET, "/nacos" + INSTANCE + "/list?serviceName=" + SVC, Buffer.buffer(body),
        contentType);
    assertEquals(200, r.status(), r.body());
    assertEquals(instanceIds(http.list(SVC).hosts()),
        instanceIds(new JsonObject(r.body()).getJsonArray("hosts")), "the query's service");
  }

  private static List<String> instanceIds(JsonArray hosts) {
    return hosts.stream().map(h -> ((JsonObject) h).getString("instanceId")).sorted().toList();
  }

  static Stream<Arguments> getBodies() {
    return Stream.of(Arguments.of("serviceName=other&healthyOnly=true", "application/x-www-form-urlencoded"),
        Arguments.of("{\"serviceName\":\"other\"}", "application/json"),
        Arguments.of("\u0000\u0001 raw", "application/octet-stream"));
  }

  @Test
  void deregisterOfUnknownNamespaceServiceOrInstanceIsOk() {
    String before = snapshot();
    for (String[] kv : new String[][] {
        {"serviceName", SVC, "ip", "127.0.0.1", "port", "1", "namespaceId", "no-such-ns"},
        {"serviceName", "no-such-service", "ip", "127.0.0.1", "port", "1"},
        {"serviceName", SVC, "ip", "127.0.0.8", "port", "8"},
        {"serviceName", SVC, "ip", "127.0.0.1", "port", "1", "clusterName", "OTHER"}}) {
      Response r = http.delete(INSTANCE, kv);
      assertEquals(new Response(200, "ok"), r, String.join(",", kv));
    }
    assertEquals(before, snapshot());
  }

  static void assertCaused(Response r) {
    assertTrue(r.body().startsWith("caused: ") && r.body().endsWith(";"), "body: " + r.body());
  }
}
