package dev.beacon.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.push.Subscriptions;
import dev.beacon.support.ApiNode;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instance endpoints of the Nacos v1 API through a real node and Vert.x WebClient. */
class HttpApiTest {

  static final String INSTANCE = "/v1/ns/instance";
  static ApiNode api;
  static Beacon node;
  static NacosHttp http;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of());
    node = api.beacon();
    http = api.http();
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  static void register(String service, String ip, int port, String... extra) {
    http.register(service, ip, port, extra);
  }

  static List<String> addresses(JsonArray hosts) {
    return hosts.stream().map(h -> ((JsonObject) h).getString("ip") + ":" + ((JsonObject) h).getInteger("port"))
        .collect(Collectors.toList());
  }

  @Test
  void registeredInstanceIsListedWithGroupedNamesForJavaClient() {
    String svc = Names.unique("orders");
    register(svc, "127.0.0.1", 8080, "metadata", "{\"k\":\"v\"}", "weight", "2.5");
    JsonObject list = http.list(svc).json();
    assertEquals("DEFAULT_GROUP@@" + svc, list.getString("name"));
    assertEquals("DEFAULT_GROUP@@" + svc, list.getString("dom"));
    assertEquals("", list.getString("clusters"));
    assertEquals(3000, list.getInteger("cacheMillis"));
    assertTrue(list.containsKey("lastRefTime") && list.containsKey("checksum"));
    assertEquals(false, list.getBoolean("useSpecifiedURL"));
    JsonObject host = list.getJsonArray("hosts").getJsonObject(0);
    assertEquals("127.0.0.1", host.getString("ip"));
    assertEquals(8080, host.getInteger("port"));
    assertEquals(2.5, host.getDouble("weight"));
    assertEquals(true, host.getBoolean("healthy"));
    assertEquals(true, host.getBoolean("valid"));
    assertEquals(true, host.getBoolean("enabled"));
    assertEquals(true, host.getBoolean("ephemeral"));
    assertEquals("DEFAULT", host.getString("clusterName"));
    assertEquals("DEFAULT_GROUP@@" + svc, host.getString("serviceName"));
    assertEquals("127.0.0.1#8080#DEFAULT#DEFAULT_GROUP@@" + svc, host.getString("instanceId"));
    assertEquals(new JsonObject().put("k", "v"), host.getJsonObject("metadata"));
  }

  @Test
  void otherAgentsGetUngroupedDomButGroupedName() {
    String svc = Names.unique("plain");
    register(svc, "127.0.0.2", 8080);
    JsonObject list = http.get(INSTANCE + "/list", "serviceName", svc).json();
    assertEquals(svc, list.getString("dom"));
    assertEquals("DEFAULT_GROUP@@" + svc, list.getString("name"));
    assertEquals(svc, list.getJsonArray("hosts").getJsonObject(0).getString("serviceName"));
  }

  @Test
  void cacheMillisIsLongOnlyWhenPushWillHappen() {
    String svc = Names.unique("cache");
    register(svc, "127.0.0.1", 1);
    boolean pushes = node.node().subscriptions() != Subscriptions.NONE;
    JsonObject list = http.list(svc, "udpPort", "45678", "clientIP", "127.0.0.1").json();
    assertEquals(pushes ? 10000 : 3000, list.getInteger("cacheMillis"), "a client told 10 s must get pushes");
    assertEquals(3000, http.list(svc).json().getInteger("cacheMillis"));
  }

  @Test
  void unknownServiceListsOnlyNameClustersCacheMillisAndHosts() {
    String svc = Names.unique("nothing");
    JsonObject list = http.list(svc, "clusters", "A").json();
    assertEquals(new JsonObject().put("name", "DEFAULT_GROUP@@" + svc).put("clusters", "A").put("cacheMillis", 3000)
        .put("hosts", new JsonArray()), list);
  }

  @Test
  void clustersAreEchoedAndFilter() {
    String svc = Names.unique("clustered");
    register(svc, "127.0.0.1", 1001, "clusterName", "A");
    register(svc, "127.0.0.1", 1002, "clusterName", "B");
    register(svc, "127.0.0.1", 1003, "cluster", "C");
    JsonObject list = http.list(svc, "clusters", "A,C").json();
    assertEquals("A,C", list.getString("clusters"));
    assertEquals(List.of("127.0.0.1:1001", "127.0.0.1:1003"), addresses(list.getJsonArray("hosts")).stream().sorted()
        .toList());
    assertEquals(3, http.list(svc).hosts().size());
  }

  @Test
  void healthyOnlyDropsUnhealthyAndHealthyComeFirst() {
    String svc = Names.unique("health");
    register(svc, "127.0.0.1", 1, "healthy", "false");
    register(svc, "127.0.0.1", 2);
    register(svc, "127.0.0.1", 3, "healthy", "false");
    JsonArray all = http.list(svc).hosts();
    assertEquals(3, all.size());
    assertEquals(2, all.getJsonObject(0).getInteger("port"));
    assertEquals(false, all.getJsonObject(1).getBoolean("healthy"));
    assertEquals(false, all.getJsonObject(2).getBoolean("valid"));
    JsonArray healthy = http.list(svc, "healthyOnly", "true").hosts();
    assertEquals(List.of("127.0.0.1:2"), addresses(healthy));
  }

  @Test
  void disabledInstancesAreLeftOut() {
    String svc = Names.unique("disabled");
    register(svc, "127.0.0.1", 1, "enable", "false");
    register(svc, "127.0.0.1", 2, "enabled", "false");
    register(svc, "127.0.0.1", 3);
    assertEquals(List.of("127.0.0.1:3"), addresses(http.list(svc).hosts()));
  }

  @Test
  void groupNameAndGroupedServiceNameMeanTheSameService() {
    String svc = Names.unique("grouped");
    register(svc, "127.0.0.1", 1, "groupName", "G1");
    register("G1@@" + svc, "127.0.0.1", 2);
    JsonObject list = http.list(svc, "groupName", "G1").json();
    assertEquals("G1@@" + svc, list.getString("name"));
    assertEquals(2, list.getJsonArray("hosts").size());
    assertEquals(2, http.list("G1@@" + svc).hosts().size());
    assertEquals(0, http.list(svc).hosts().size(), "DEFAULT_GROUP is a different service");
  }

  @Test
  void namespacesAreIsolated() {
    String svc = Names.unique("tenant");
    register(svc, "127.0.0.1", 1, "namespaceId", "ns-a");
    register(svc, "127.0.0.1", 2, "namespaceId", "ns-b");
    assertEquals(List.of("127.0.0.1:1"), addresses(http.list(svc, "namespaceId", "ns-a").hosts()));
    assertEquals(List.of("127.0.0.1:2"), addresses(http.list(svc, "namespaceId", "ns-b").hosts()));
    assertEquals(0, http.list(svc).hosts().size());
  }

  @Test
  void deregisterRemovesInstanceAndIsIdempotent() {
    String svc = Names.unique("dereg");
    register(svc, "127.0.0.1", 1);
    register(svc, "127.0.0.1", 2);
    assertEquals("ok", http.delete(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1").body());
    assertEquals(List.of("127.0.0.1:2"), addresses(http.list(svc).hosts()));
    Response again = http.delete(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1");
    assertEquals(200, again.status());
    assertEquals("ok", again.body());
  }

  @Test
  void ephemeralDeleteDoesNotRemovePersistentInstance() {
    String svc = Names.unique("persist");
    register(svc, "127.0.0.1", 1, "ephemeral", "false");
    assertEquals("ok", http.delete(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1").body());
    assertEquals(1, http.list(svc).hosts().size());
    assertEquals("ok", http.delete(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1",
        "ephemeral", "false").body());
    assertEquals(0, http.list(svc).hosts().size());
  }

  @Test
  void putUpsertsAndReplacesFields() {
    String svc = Names.unique("update");
    Response r = http.put(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1", "weight", "3",
        "metadata", "a=1,b=2");
    assertEquals("ok", r.body());
    JsonObject host = http.list(svc).hosts().getJsonObject(0);
    assertEquals(3.0, host.getDouble("weight"));
    assertEquals(new JsonObject().put("a", "1").put("b", "2"), host.getJsonObject("metadata"));
    http.put(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1", "weight", "4", "enabled", "true");
    host = http.list(svc).hosts().getJsonObject(0);
    assertEquals(4.0, host.getDouble("weight"));
    assertEquals(new JsonObject(), host.getJsonObject("metadata"), "PUT replaces the metadata");
  }

  @Test
  void patchChangesOnlyTheGivenFields() {
    String svc = Names.unique("patch");
    register(svc, "127.0.0.1", 1, "weight", "2", "metadata", "{\"x\":\"1\"}");
    assertEquals("ok", http.patch(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1",
        "weight", "5").body());
    JsonObject host = http.list(svc).hosts().getJsonObject(0);
    assertEquals(5.0, host.getDouble("weight"));
    assertEquals(new JsonObject().put("x", "1"), host.getJsonObject("metadata"));
    http.patch(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1", "enabled", "false");
    assertEquals(0, http.list(svc).hosts().size());
  }

  @Test
  void detailDescribesOneInstance() {
    String svc = Names.unique("detail");
    register(svc, "127.0.0.3", 9, "clusterName", "C1", "metadata", "{\"k\":\"v\"}");
    JsonObject d = http.get(INSTANCE, "serviceName", svc, "ip", "127.0.0.3", "port", "9", "clusterName", "C1").json();
    assertEquals("DEFAULT_GROUP@@" + svc, d.getString("service"));
    assertEquals("127.0.0.3", d.getString("ip"));
    assertEquals(9, d.getInteger("port"));
    assertEquals("C1", d.getString("clusterName"));
    assertEquals(1.0, d.getDouble("weight"));
    assertEquals(true, d.getBoolean("healthy"));
    assertEquals("127.0.0.3#9#C1#DEFAULT_GROUP@@" + svc, d.getString("instanceId"));
    assertEquals(new JsonObject().put("k", "v"), d.getJsonObject("metadata"));
    assertEquals(200, http.get(INSTANCE, "serviceName", svc, "ip", "127.0.0.3", "port", "9", "cluster", "C1")
        .status(), "legacy 'cluster' is accepted too");
  }

  @Test
  void parametersInFormBodyWorkForEveryMethod() {
    String svc = Names.unique("form");
    assertEquals("ok", http.form(HttpMethod.POST, INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1").body());
    assertEquals("ok", http.form(HttpMethod.PUT, INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "2",
        "weight", "2").body());
    assertEquals("ok", http.form(HttpMethod.PATCH, INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "2",
        "weight", "7").body());
    assertEquals(List.of("127.0.0.1:1", "127.0.0.1:2"), addresses(http.list(svc).hosts()));
    assertEquals(7.0, http.list(svc).hosts().getJsonObject(1).getDouble("weight"));
    assertEquals("ok", http.form(HttpMethod.DELETE, INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1")
        .body());
    assertEquals(List.of("127.0.0.1:2"), addresses(http.list(svc).hosts()));
  }

  @Test
  void registerWithKilobytesOfMetadataInTheQueryString() {
    String svc = Names.unique("bigmeta");
    String value = "x".repeat(6000);
    register(svc, "127.0.0.1", 1, "metadata", new JsonObject().put("k", value).encode());
    assertEquals(value, http.list(svc).hosts().getJsonObject(0).getJsonObject("metadata").getString("k"));
  }

  @Test
  void legacyDomParameterNamesTheService() {
    String svc = Names.unique("dom");
    assertEquals("ok", http.post(INSTANCE, "dom", svc, "ip", "127.0.0.1", "port", "1").body());
    JsonObject list = http.get(INSTANCE + "/list", "dom", svc, "env", "e1").json();
    assertEquals("e1", list.getString("env"));
    assertEquals(1, list.getJsonArray("hosts").size());
    assertEquals(new JsonObject(), http.get(INSTANCE + "/list", "serviceName", svc, "isCheck", "true").json());
  }

  @Test
  void snowflakeIdGeneratorGivesSmallestFreeInteger() {
    String svc = Names.unique("snow");
    register(svc, "127.0.0.1", 1, "metadata", "{\"preserved.instance.id.generator\":\"snowflake\"}");
    register(svc, "127.0.0.1", 2, "metadata", "{\"preserved.instance.id.generator\":\"snowflake\"}");
    JsonArray hosts = http.list(svc).hosts();
    assertEquals("0", hosts.getJsonObject(0).getString("instanceId"));
    assertEquals("1", hosts.getJsonObject(1).getString("instanceId"));
  }

  @Test
  void sameAddressWithOtherEphemeralnessIsAConflict() {
    String svc = Names.unique("conflict");
    register(svc, "127.0.0.1", 1);
    Response r = http.post(INSTANCE, "serviceName", svc, "ip", "127.0.0.1", "port", "1", "ephemeral", "false");
    assertEquals(400, r.status());
    assertTrue(r.body().startsWith("caused: "), r.body());
    assertEquals(true, http.list(svc).hosts().getJsonObject(0).getBoolean("ephemeral"));
    assertNull(http.list(svc).json().getString("groupName"), "no top-level groupName in 1.4");
    assertFalse(http.list(svc).json().containsKey("allIPs"));
  }
}
