package dev.beacon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.core.NodeStatus;
import dev.beacon.support.ApiNode;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Service, health, cluster, catalog, operator, console and auth endpoints through a real node and WebClient. */
class ServiceApiTest {

  static final String SERVICE = "/v1/ns/service";
  static ApiNode api;
  static Beacon node;
  static NacosHttp http;
  static int port;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of());
    node = api.beacon();
    http = api.http();
    port = api.config().port();
    http = new NacosHttp(port);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  static void register(String service, int port, String... extra) {
    List<String> kv = new ArrayList<>(List.of("serviceName", service, "ip", "127.0.0.1", "port", String.valueOf(port)));
    kv.addAll(List.of(extra));
    Response r = http.post(HttpApiTest.INSTANCE, kv.toArray(String[]::new));
    assertEquals("ok", r.body());
  }

  @Test
  void serviceLifeCycleCreateDetailUpdateDelete() {
    String svc = Names.unique("svc");
    assertEquals("ok", http.post(SERVICE, "serviceName", svc, "groupName", "G", "protectThreshold", "0.5",
        "metadata", "{\"team\":\"a\"}", "selector", "{\"type\":\"none\"}").body());
    JsonObject d = http.get(SERVICE, "serviceName", svc, "groupName", "G").json();
    assertEquals(svc, d.getString("name"));
    assertEquals("G", d.getString("groupName"));
    assertEquals("public", d.getString("namespaceId"));
    assertEquals(0.5, d.getDouble("protectThreshold"), 1e-6);
    assertEquals(new JsonObject().put("team", "a"), d.getJsonObject("metadata"));
    assertEquals("none", d.getJsonObject("selector").getString("type"));
    assertEquals(400, http.post(SERVICE, "serviceName", "G@@" + svc).status(), "already exists");

    assertEquals("ok", http.put(SERVICE, "serviceName", svc, "groupName", "G", "protectThreshold", "0.2",
        "metadata", "team=b").body());
    d = http.get(SERVICE, "serviceName", "G@@" + svc).json();
    assertEquals(0.2, d.getDouble("protectThreshold"), 1e-6);
    assertEquals(new JsonObject().put("team", "b"), d.getJsonObject("metadata"));

    assertEquals("ok", http.delete(SERVICE, "serviceName", svc, "groupName", "G").body());
    Response gone = http.get(SERVICE, "serviceName", svc, "groupName", "G");
    assertEquals(404, gone.status());
    assertEquals("caused: service G@@" + svc + " is not found!;", gone.body());
    assertEquals(404, http.put(SERVICE, "serviceName", svc, "groupName", "G", "protectThreshold", "0").status());
  }

  @Test
  void serviceDetailListsClustersOfRegisteredInstances() {
    String svc = Names.unique("svcclusters");
    register(svc, 1, "clusterName", "A");
    JsonObject d = http.get(SERVICE, "serviceName", svc).json();
    JsonArray clusters = d.getJsonArray("clusters");
    assertEquals(1, clusters.size());
    assertEquals("A", clusters.getJsonObject(0).getString("name"));
    assertEquals("TCP", clusters.getJsonObject(0).getJsonObject("healthChecker").getString("type"));
  }

  @Test
  void serviceListPagesAndStripsGroup() {
    String group = Names.unique("PG");
    for (String n : List.of("a", "b", "c")) {
      assertEquals("ok", http.post(SERVICE, "serviceName", n, "groupName", group).body());
    }
    JsonObject page1 = http.get(SERVICE + "/list", "pageNo", "1", "pageSize", "2", "groupName", group).json();
    assertEquals(3, page1.getInteger("count"));
    assertEquals(new JsonArray().add("a").add("b"), page1.getJsonArray("doms"));
    JsonObject page2 = http.get(SERVICE + "/list", "pageNo", "2", "pageSize", "2", "groupName", group).json();
    assertEquals(new JsonArray().add("c"), page2.getJsonArray("doms"));
    JsonObject past = http.get(SERVICE + "/list", "pageNo", "9", "pageSize", "2", "groupName", group).json();
    assertEquals(new JsonObject().put("count", 3).put("doms", new JsonArray()), past);
    JsonObject all = http.get(SERVICE + "/list", "pageNo", "1", "pageSize", "1000", "groupName", "*").json();
    assertTrue(all.getJsonArray("doms").contains(group + "@@a"), all.encode());
  }

  @Test
  void serviceListSelectorFiltersByMetadata() {
    String group = Names.unique("SEL");
    http.post(SERVICE, "serviceName", "x", "groupName", group, "metadata", "{\"tier\":\"gold\"}");
    http.post(SERVICE, "serviceName", "y", "groupName", group);
    register(group + "@@z", 1, "metadata", "{\"zone\":\"z1\"}");
    JsonObject bySvc = http.get(SERVICE + "/list", "pageNo", "1", "pageSize", "10", "groupName", group,
        "selector", "{\"type\":\"label\",\"expression\":\"SERVICE.metadata.tier = gold\"}").json();
    assertEquals(new JsonArray().add("x"), bySvc.getJsonArray("doms"));
    JsonObject byInstance = http.get(SERVICE + "/list", "pageNo", "1", "pageSize", "10", "groupName", group,
        "selector", "{\"type\":\"label\",\"expression\":\"INSTANCE.metadata.zone=z1\"}").json();
    assertEquals(new JsonArray().add("z"), byInstance.getJsonArray("doms"));
  }

  @Test
  void serviceNamesGroupsByNamespace() {
    String svc = Names.unique("names");
    register(svc, 1, "namespaceId", "ns-names");
    JsonObject names = http.get(SERVICE + "/names", "namespaceId", "ns-names").json();
    assertEquals(new JsonArray().add("DEFAULT_GROUP@@" + svc), names.getJsonObject("services").getJsonArray("ns-names"));
    assertEquals(1, names.getInteger("count"));
  }

  @Test
  void protectThresholdServesUnhealthyAsHealthy() {
    String svc = Names.unique("protect");
    http.post(SERVICE, "serviceName", svc, "protectThreshold", "0.6");
    register(svc, 1);
    register(svc, 2, "healthy", "false");
    register(svc, 3, "healthy", "false");
    JsonObject list = http.list(svc, "healthyOnly", "true").json();
    JsonArray hosts = list.getJsonArray("hosts");
    assertEquals(3, hosts.size(), list.encode());
    hosts.forEach(h -> {
      assertEquals(true, ((JsonObject) h).getBoolean("healthy"));
      assertEquals(true, ((JsonObject) h).getBoolean("valid"));
    });
    assertEquals(true, list.getBoolean("reachProtectionThreshold"));
    http.put(SERVICE, "serviceName", svc, "protectThreshold", "0.2");
    JsonObject below = http.list(svc, "healthyOnly", "true").json();
    assertEquals(1, below.getJsonArray("hosts").size());
    assertEquals(false, below.getBoolean("reachProtectionThreshold"));
  }

  @Test
  void defaultThresholdServesAllWhenNoneIsHealthy() {
    String svc = Names.unique("allbad");
    register(svc, 1, "healthy", "false");
    register(svc, 2, "healthy", "false");
    JsonArray hosts = http.list(svc, "healthyOnly", "true").hosts();
    assertEquals(2, hosts.size());
    assertEquals(true, hosts.getJsonObject(0).getBoolean("healthy"));
  }

  @Test
  void manualHealthNeedsNoneCheckerSetThroughCluster() {
    String svc = Names.unique("manual");
    register(svc, 1, "ephemeral", "false");
    String[] setHealth = {"serviceName", svc, "ip", "127.0.0.1", "port", "1", "healthy", "false"};
    Response refused = http.put("/v1/ns/health/instance", setHealth);
    assertEquals(400, refused.status());
    assertEquals("caused: health check is still working, service: DEFAULT_GROUP@@" + svc + ";", refused.body());
    assertEquals("ok", http.put("/v1/ns/cluster", "serviceName", svc, "clusterName", "DEFAULT", "checkPort", "80",
        "useInstancePort4Check", "true", "healthChecker", "{\"type\":\"NONE\"}", "metadata", "{\"c\":\"1\"}").body());
    JsonObject cluster = http.get(SERVICE, "serviceName", svc).json().getJsonArray("clusters").getJsonObject(0);
    assertEquals("NONE", cluster.getJsonObject("healthChecker").getString("type"));
    assertEquals(new JsonObject().put("c", "1"), cluster.getJsonObject("metadata"));
    assertEquals("ok", http.put("/v1/ns/health/instance", setHealth).body());
    // The list would serve it as healthy (threshold 0, none healthy); the catalog shows the stored health.
    JsonObject catalog = http.get("/v1/ns/catalog/instances", "serviceName", svc, "clusterName", "DEFAULT",
        "pageNo", "1", "pageSize", "10").json();
    assertEquals(false, catalog.getJsonArray("list").getJsonObject(0).getBoolean("healthy"));
    assertEquals("ok", http.put("/v1/ns/health", "serviceName", svc, "ip", "127.0.0.1", "port", "1",
        "valid", "true").body());
    assertEquals(true, http.list(svc, "healthyOnly", "true").hosts().getJsonObject(0).getBoolean("healthy"));
    assertEquals(404, http.put("/v1/ns/cluster", "serviceName", Names.unique("nosvc"), "clusterName", "DEFAULT",
        "checkPort", "80", "useInstancePort4Check", "true", "healthChecker", "{\"type\":\"TCP\"}").status());
  }

  @Test
  void healthCheckersAndServerHello() {
    JsonObject checkers = http.get("/v1/ns/health/checkers").json();
    assertTrue(checkers.containsKey("TCP") && checkers.containsKey("HTTP"), checkers.encode());
    assertTrue(http.get("/v1/ns/health/server").json().getString("msg").startsWith("Hello! I am Nacos-Naming"));
    assertEquals(200, http.post("/v1/ns/health/server").status());
  }

  @Test
  void catalogListsServicesServiceAndInstances() {
    String svc = Names.unique("catalog");
    register(svc, 1, "clusterName", "C");
    register(svc, 2, "clusterName", "C", "healthy", "false");
    JsonObject services = http.get("/v1/ns/catalog/services", "pageNo", "1", "pageSize", "10",
        "serviceNameParam", svc).json();
    assertEquals(1, services.getInteger("count"));
    JsonObject row = services.getJsonArray("serviceList").getJsonObject(0);
    assertEquals(svc, row.getString("name"));
    assertEquals("DEFAULT_GROUP", row.getString("groupName"));
    assertEquals(1, row.getInteger("clusterCount"));
    assertEquals(2, row.getInteger("ipCount"));
    assertEquals(1, row.getInteger("healthyInstanceCount"));
    JsonArray withInstances = http.get("/v1/ns/catalog/services", "pageNo", "1", "pageSize", "10",
        "serviceNameParam", svc, "withInstances", "true").jsonArray();
    assertEquals(2, withInstances.getJsonObject(0).getJsonObject("clusterMap").getJsonObject("C")
        .getJsonArray("hosts").size());

    JsonObject service = http.get("/v1/ns/catalog/service", "serviceName", svc).json();
    assertEquals(svc, service.getJsonObject("service").getString("name"));
    assertEquals("C", service.getJsonArray("clusters").getJsonObject(0).getString("name"));

    JsonObject instances = http.get("/v1/ns/catalog/instances", "serviceName", svc, "clusterName", "C",
        "pageNo", "1", "pageSize", "1").json();
    assertEquals(2, instances.getInteger("count"));
    JsonObject first = instances.getJsonArray("list").getJsonObject(0);
    assertEquals("127.0.0.1#1#C#DEFAULT_GROUP@@" + svc, first.getString("instanceId"));
    assertEquals("DEFAULT_GROUP@@" + svc, first.getString("serviceName"));
    assertEquals(200, http.post("/v1/ns/catalog/instances", "serviceName", svc, "clusterName", "C",
        "pageNo", "2", "pageSize", "1").status());
    assertEquals(404, http.get("/v1/ns/catalog/instances", "serviceName", svc, "clusterName", "X",
        "pageNo", "1", "pageSize", "1").status());
    assertEquals(404, http.get("/v1/ns/catalog/service", "serviceName", Names.unique("none")).status());
  }

  @Test
  void operatorMetricsSwitchesServersAndResponsibleServer() {
    for (String prefix : List.of("/v1/ns/operator", "/v1/ns/ops")) {
      JsonObject metrics = http.get(prefix + "/metrics").json();
      assertEquals("UP", metrics.getString("status"));
      assertTrue(metrics.containsKey("serviceCount") && metrics.containsKey("instanceCount"), metrics.encode());
      JsonObject switches = http.get(prefix + "/switches").json();
      assertEquals(5000, switches.getInteger("clientBeatInterval"));
      assertEquals(3000, switches.getInteger("defaultCacheMillis"));
      assertEquals(true, switches.getBoolean("lightBeatEnabled"));
      // Switches change at runtime now (SwitchesTest); an unknown one is still refused.
      assertEquals(400, http.put(prefix + "/switches", "entry", "noSuchSwitch", "value", "false").status());
      JsonArray servers = http.get(prefix + "/servers").json().getJsonArray("servers");
      assertEquals(1, servers.size());
      assertEquals("127.0.0.1:" + port, servers.getJsonObject(0).getString("address"));
      assertEquals("UP", servers.getJsonObject(0).getString("state"));
      assertEquals("127.0.0.1:" + port, http.get(prefix + "/distro/server", "serviceName", "x").json()
          .getString("responsibleServer"));
    }
  }

  @Test
  void nodeThatIsNotUpRefusesTrafficButReportsItsStatus() {
    node.node().status().set(NodeStatus.State.STARTING);
    try {
      Response refused = http.get("/v1/ns/instance/list", "serviceName", "x");
      assertEquals(new Response(503, "server is STARTINGnow, please try again later!"), refused);
      assertEquals(503, http.raw(HttpMethod.GET, "/ready", null, null).status());
      assertEquals(200, http.raw(HttpMethod.GET, "/live", null, null).status());
      assertEquals("STARTING", http.get("/v1/ns/operator/metrics").json().getString("status"));
      Response peer = http.send(HttpMethod.GET, "/v1/ns/instance/list", NacosHttp.params("serviceName", "x"), null,
          "Nacos-Server:v1.4.8");
      assertEquals(200, peer.status(), "peers are let through");
    } finally {
      node.node().status().set(NodeStatus.State.UP);
    }
  }

  @Test
  void probesConsoleNamespacesAndLogin() {
    assertEquals(new Response(200, "UP"), http.raw(HttpMethod.GET, "/ready", null, null));
    assertEquals(new Response(200, "UP"), http.raw(HttpMethod.GET, "/live", null, null));
    String svc = Names.unique("nsconsole");
    register(svc, 1, "namespaceId", "ns-console");
    JsonObject ns = http.get("/v1/console/namespaces").json();
    assertEquals(200, ns.getInteger("code"));
    JsonArray data = ns.getJsonArray("data");
    assertEquals("public", data.getJsonObject(0).getString("namespaceShowName"));
    assertTrue(data.stream().anyMatch(o -> "ns-console".equals(((JsonObject) o).getString("namespace"))), ns.encode());
    Response login = http.send(HttpMethod.POST, "/v1/auth/users/login", NacosHttp.params("username", "nacos"),
        NacosHttp.params("password", "nacos"), null);
    assertEquals(200, login.status(), login.body());
    assertTrue(!login.json().getString("accessToken").isEmpty());
    assertEquals(18000, login.json().getInteger("tokenTtl"));
    assertEquals(200, http.form(HttpMethod.POST, "/v1/auth/login", "username", "u", "password", "p").status());
  }
}
