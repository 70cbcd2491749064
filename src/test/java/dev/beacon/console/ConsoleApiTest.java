package dev.beacon.console;

import static dev.beacon.support.AuthUsers.ADMIN;
import static dev.beacon.support.AuthUsers.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.support.AuthUsers;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.TestNodes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API the console adds, over HTTP with auth on (no browser): namespace definitions (validation, not-empty
 * refusal, kept by Raft over a restart), the cluster status endpoints, and the change stream's admission and events.
 */
class ConsoleApiTest {

  private static BeaconConfig config;
  private static Beacon beacon;
  private static NacosHttp http;
  private static String admin;

  @BeforeAll
  static void start() {
    config = TestNodes.standaloneConfig(AuthUsers.on(Map.of()));
    beacon = TestNodes.start(config);
    http = new NacosHttp(config.port());
    admin = AuthUsers.login(http, ADMIN, ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (http != null) {
      http.close();
    }
    TestNodes.stop(beacon);
  }

  @Test
  void namespacesAreValidatedRefusedWhileNotEmptyAndKeptOverARestart() {
    String ns = Names.unique("ns");
    assertEquals(403, http.post("/v1/console/namespaces", "customNamespaceId", ns, "namespaceName", "N").status());
    assertEquals("true", http.post("/v1/console/namespaces", "accessToken", admin, "customNamespaceId", ns,
        "namespaceName", "Team", "namespaceDesc", "the team's").body());
    assertRefused(400, "the namespaceId is existed, namespaceId: " + ns, http.post("/v1/console/namespaces",
        "accessToken", admin, "customNamespaceId", ns, "namespaceName", "Again"));
    assertRefused(400, "namespaceId [a/b] mismatch the pattern", http.post("/v1/console/namespaces",
        "accessToken", admin, "customNamespaceId", "a/b", "namespaceName", "x"));
    assertRefused(400, "too long namespaceId, over 128", http.post("/v1/console/namespaces", "accessToken", admin,
        "customNamespaceId", "n".repeat(129), "namespaceName", "x"));
    assertRefused(400, "Param 'namespaceName' is required.", http.post("/v1/console/namespaces",
        "accessToken", admin, "customNamespaceId", Names.unique("ns")));
    assertRefused(400, "namespaceName [a@b] contains illegal char", http.post("/v1/console/namespaces",
        "accessToken", admin, "customNamespaceId", Names.unique("ns"), "namespaceName", "a@b"));
    assertRefused(404, "namespace nope-" + ns + " is not found", http.put("/v1/console/namespaces",
        "accessToken", admin, "namespace", "nope-" + ns, "namespaceShowName", "x"));
    assertRefused(400, "the public namespace cannot be deleted", http.delete("/v1/console/namespaces",
        "accessToken", admin, "namespaceId", "public"));

    http.register(Names.unique("svc"), "127.0.0.61", 80, "namespaceId", ns, "accessToken", admin);
    JsonObject listed = namespace(ns);
    assertEquals("Team", listed.getString("namespaceShowName"));
    assertEquals("the team's", listed.getString("namespaceDesc"));
    assertEquals(1, listed.getInteger("serviceCount"));
    assertEquals(1, listed.getInteger("instanceCount"));
    assertRefused(400, "namespace " + ns + " is not empty: 1 services, 1 instances",
        http.delete("/v1/console/namespaces", "accessToken", admin, "namespaceId", ns));
    assertEquals(200, http.put("/v1/console/namespaces", "accessToken", admin, "namespace", ns,
        "namespaceShowName", "Team 2", "namespaceDesc", "").status());

    String empty = Names.unique("empty");
    http.post("/v1/console/namespaces", "accessToken", admin, "customNamespaceId", empty, "namespaceName", "E");
    TestNodes.stop(beacon);
    beacon = TestNodes.start(config);
    admin = AuthUsers.login(http, ADMIN, ADMIN_PASSWORD);
    assertEquals("Team 2", namespace(ns).getString("namespaceShowName"), "replayed from the Raft log");
    assertEquals("E", namespace(empty).getString("namespaceShowName"));
    assertEquals(200, http.delete("/v1/console/namespaces", "accessToken", admin, "namespaceId", empty).status());
    assertEquals(404, http.get("/v1/console/namespaces", "accessToken", admin, "show", "all", "namespaceId", empty)
        .status());
  }

  @Test
  void clusterStatusIsOpenLikeTheOtherStatusReads() {
    JsonObject state = http.get("/v1/console/server/state").json();
    assertEquals(true, state.getBoolean("auth_enabled"));
    JsonArray nodes = http.get("/v1/core/cluster/nodes").json().getJsonArray("data");
    assertEquals(1, nodes.size());
    JsonObject self = nodes.getJsonObject(0).getJsonObject("self");
    assertEquals("UP", self.getString("status"));
    assertEquals(config.nodeId(), self.getString("raftLeader"));
    assertTrue(self.getBoolean("raftIsLeader"));
  }

  @Test
  void theChangeStreamAdmitsLikeAListReadAndNamesChangedServices() throws Exception {
    assertEquals(403, http.get("/v1/console/changes").status());
    assertEquals(403, http.get("/v1/console/changes", "accessToken", "not-a-token").status());
    String user = Names.unique("reader");
    AuthUsers.create(http, admin, user, "Pa55-word", "ROLE_" + user.replace('-', '_').toUpperCase(),
        "other:*:*", "r");
    String reader = AuthUsers.login(http, user, "Pa55-word");
    assertEquals(403, http.get("/v1/console/changes", "accessToken", reader).status(), "no grant on public");
    assertEquals(400, http.get("/v1/console/changes", "accessToken", admin, "namespaceId", "bad ns!").status());
    NacosHttp.Response malformed = http.raw(HttpMethod.GET,
        "/nacos/v1/console/changes?namespaceId=%zz&accessToken=" + admin, null, null);
    assertEquals(400, malformed.status(), malformed.body());
    assertTrue(malformed.body().startsWith("caused: malformed request parameters"), malformed.body());

    HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + config.port() + "/nacos/v1/console/changes?accessToken=" + admin)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = stream.body()) {
      assertEquals(200, stream.statusCode());
      assertTrue(stream.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
      StringBuilder seen = new StringBuilder();
      Thread reader1 = new Thread(() -> {
        try {
          byte[] buf = new byte[4096];
          for (int n; (n = in.read(buf)) > 0; ) {
            synchronized (seen) {
              seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
          }
        } catch (IOException e) {
          // closed by the test
        }
      }, "sse-reader");
      reader1.setDaemon(true);
      reader1.start();
      Await.until("hello", Duration.ofSeconds(5), () -> contains(seen, "event: hello"));
      String svc = Names.unique("streamed");
      http.register(svc, "127.0.0.62", 80, "accessToken", admin);
      Await.until("a change naming " + svc, Duration.ofSeconds(3),
          () -> contains(seen, "event: change\ndata: {\"services\":[\"DEFAULT_GROUP@@" + svc + "\"]}"));
    }
  }

  private static boolean contains(StringBuilder seen, String text) {
    synchronized (seen) {
      return seen.indexOf(text) >= 0;
    }
  }

  private static JsonObject namespace(String id) {
    NacosHttp.Response r = http.get("/v1/console/namespaces", "accessToken", admin, "show", "all", "namespaceId", id);
    assertEquals(200, r.status(), r.toString());
    return r.json();
  }

  private static void assertRefused(int status, String message, NacosHttp.Response r) {
    assertEquals(status, r.status(), r.toString());
    assertTrue(r.body().startsWith("caused: " + message), r.body());
  }
}
