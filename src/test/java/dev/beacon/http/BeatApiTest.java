package dev.beacon.http;

import static dev.beacon.http.HttpApiTest.INSTANCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.ApiNode;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Beats, batch metadata, statuses, list query shapes (cached bodies) and concurrent writes through a real node and WebClient. */
class BeatApiTest {

  static ApiNode api;
  static NacosHttp http;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of());
    http = api.http();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void lightBeatForUnknownInstanceAnswers20404() {
    String svc = Names.unique("beat");
    Response r = http.put(INSTANCE + "/beat", "serviceName", svc, "ip", "127.0.0.1", "port", "1");
    assertEquals(200, r.status(), r.body());
    assertEquals(new JsonObject().put("clientBeatInterval", 5000).put("code", 20404), r.json());
  }

  @Test
  void beatBodyRecreatesInstanceAndIntervalComesFromMetadata() {
    String svc = Names.unique("beatbody");
    String beat = new JsonObject().put("serviceName", "DEFAULT_GROUP@@" + svc).put("ip", "127.0.0.4").put("port", 77)
        .put("cluster", "DEFAULT").put("weight", 2.0).put("scheduled", false).put("period", 700).put("stopped", false)
        .put("metadata", new JsonObject().put("preserved.heart.beat.interval", "700")).encode();
    Response r = http.send(HttpMethod.PUT, INSTANCE + "/beat", NacosHttp.params("serviceName", "DEFAULT_GROUP@@" + svc,
        "ip", "127.0.0.4", "port", "77"), NacosHttp.params("beat", beat), NacosHttp.JAVA_CLIENT);
    assertEquals(200, r.status(), r.body());
    assertEquals(700, r.json().getInteger("clientBeatInterval"));
    assertEquals(10200, r.json().getInteger("code"));
    assertEquals(true, r.json().getBoolean("lightBeatEnabled"));
    JsonObject host = http.list(svc).hosts().getJsonObject(0);
    assertEquals("127.0.0.4", host.getString("ip"));
    assertEquals(2.0, host.getDouble("weight"));
    Response light = http.put(INSTANCE + "/beat", "serviceName", svc, "ip", "127.0.0.4", "port", "77");
    assertEquals(new JsonObject().put("clientBeatInterval", 700).put("code", 10200).put("lightBeatEnabled", true),
        light.json());
  }

  @Test
  void beatBodyNullFieldsReadAsAbsent() {
    String svc = Names.unique("beatnull");
    String beat = "{\"ip\":\"127.0.0.5\",\"port\":5,\"weight\":null,\"cluster\":null,\"metadata\":null,"
        + "\"ephemeral\":null,\"serviceName\":null}";
    Response r = http.send(HttpMethod.PUT, INSTANCE + "/beat", NacosHttp.params("serviceName", svc),
        NacosHttp.params("beat", beat), null);
    assertEquals(200, r.status(), r.body());
    JsonObject host = http.list(svc).hosts().getJsonObject(0);
    assertEquals("DEFAULT", host.getString("clusterName"));
    assertEquals(1.0, host.getDouble("weight"));
    assertEquals(true, host.getBoolean("ephemeral"));
  }

  @Test
  void everyListQueryShapeOfOneServiceGetsItsOwnAnswer() {
    String svc = Names.unique("shapes");
    http.register(svc, "127.0.0.1", 1, "clusterName", "A");
    http.register(svc, "127.0.0.1", 2, "clusterName", "B", "healthy", "false");
    for (int round = 0; round < 2; round++) {
      JsonObject all = http.list(svc).json();
      assertEquals(2, all.getJsonArray("hosts").size());
      assertEquals("DEFAULT_GROUP@@" + svc, all.getString("dom"));
      assertEquals(svc, http.get(INSTANCE + "/list", "serviceName", svc).json().getString("dom"));
      assertEquals(1, http.list(svc, "healthyOnly", "true").hosts().size());
      JsonObject b = http.list(svc, "clusters", "B").json();
      assertEquals("B", b.getString("clusters"));
      assertEquals(2, b.getJsonArray("hosts").getJsonObject(0).getInteger("port"));
      assertEquals("x", http.list(svc, "env", "x").json().getString("env"));
      assertEquals(all, http.listGzip(svc).json(), "gzip carries the same body");
    }
    JsonObject before = http.list(svc).json();
    http.register(svc, "127.0.0.1", 3, "clusterName", "A");
    JsonObject after = http.list(svc).json();
    assertEquals(3, after.getJsonArray("hosts").size(), "a change is never hidden by a cached body");
    assertEquals(3, http.listGzip(svc).hosts().size());
    assertTrue(after.getLong("lastRefTime") >= before.getLong("lastRefTime"));
    assertTrue(!after.getString("checksum").equals(before.getString("checksum")));
  }

  @Test
  void instanceStatusesListsAddressesAndHealth() {
    String svc = Names.unique("statuses");
    http.register(svc, "127.0.0.1", 5);
    JsonObject s = http.get(INSTANCE + "/statuses", "key", "public##DEFAULT_GROUP@@" + svc).json();
    assertEquals(new JsonArray().add("127.0.0.1:5_true"), s.getJsonArray("ips"));
    assertEquals(404, http.get(INSTANCE + "/statuses", "key", "public##DEFAULT_GROUP@@none").status());
  }

  @Test
  void batchMetadataMergesAndDeletesKeys() {
    String svc = Names.unique("batch");
    http.register(svc, "127.0.0.1", 1, "metadata", "{\"keep\":\"1\"}");
    http.register(svc, "127.0.0.1", 2);
    String instances = new JsonArray().add(new JsonObject().put("ip", "127.0.0.1").put("port", 1)).encode();
    Response r = http.put(INSTANCE + "/metadata/batch", "serviceName", svc, "metadata", "{\"a\":\"x\"}",
        "instances", instances);
    assertEquals(200, r.status(), r.body());
    assertEquals(new JsonArray().add("127.0.0.1:1:unknown:DEFAULT:ephemeral"), r.json().getJsonArray("updated"));
    JsonArray hosts = http.list(svc).hosts();
    assertEquals(new JsonObject().put("a", "x").put("keep", "1"), hosts.getJsonObject(0).getJsonObject("metadata"));
    assertEquals(new JsonObject(), hosts.getJsonObject(1).getJsonObject("metadata"));
    r = http.delete(INSTANCE + "/metadata/batch", "serviceName", svc, "metadata", "{\"a\":\"\"}");
    assertEquals(2, r.json().getJsonArray("updated").size());
    assertEquals(new JsonObject().put("keep", "1"), http.list(svc).hosts().getJsonObject(0).getJsonObject("metadata"));
  }

  @Test
  void concurrentRegistrationsAndDeregistrationsAllApply() throws Exception {
    String svc = Names.unique("burst");
    int n = 300;
    List<Future<Response>> replies = new ArrayList<>();
    for (int port = 1; port <= n; port++) {
      replies.add(http.sendAsync(HttpMethod.POST, INSTANCE, "serviceName", svc, "ip", "127.0.1." + (port % 200),
          "port", String.valueOf(port)));
    }
    Future.all(new ArrayList<>(replies)).await(30, TimeUnit.SECONDS);
    replies.forEach(r -> assertEquals(new Response(200, "ok"), r.result()));
    assertEquals(n, http.list(svc).hosts().size());
    replies.clear();
    for (int port = 2; port <= n; port += 2) {
      replies.add(http.sendAsync(HttpMethod.DELETE, INSTANCE, "serviceName", svc, "ip", "127.0.1." + (port % 200),
          "port", String.valueOf(port)));
    }
    Future.all(new ArrayList<>(replies)).await(30, TimeUnit.SECONDS);
    JsonArray left = http.list(svc).hosts();
    assertEquals(n / 2, left.size());
    left.forEach(h -> assertEquals(1, ((JsonObject) h).getInteger("port") % 2));
  }
}
