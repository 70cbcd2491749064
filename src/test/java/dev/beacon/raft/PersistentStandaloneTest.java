package dev.beacon.raft;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestNodes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A standalone node keeps persistent instances, service and cluster settings and namespace definitions in its Raft log and snapshots
 * under data-dir: a new node started from the same config has them back (ephemeral instances are gone). Also the
 * Nacos 1.4 rules for services mixing ephemeral and persistent instances, and nacos-client 1.4.8 with
 * {@code setEphemeral(false)}.
 */
class PersistentStandaloneTest {

  /** Short beat life cycle: an ephemeral instance without beats is gone in ~1.5 s; persistent ones must stay. */
  private static final Map<Setting, Object> TIMINGS = Map.of(Setting.BEAT_INTERVAL, 300, Setting.BEAT_TIMEOUT, 700,
      Setting.DELETE_TIMEOUT, 1200, Setting.EXPIRY_CHECK_PERIOD, 100, Setting.HEALTH_CHECK_PERIOD, 300,
      Setting.HEALTH_CHECK_TIMEOUT, 200);

  private static Beacon shared;

  @BeforeAll
  static void start() throws IOException {
    System.setProperty("com.alibaba.nacos.client.naming.local.ip", "127.0.0.1");
    System.setProperty("JM.SNAPSHOT.PATH", Files.createTempDirectory("nacos-client-cache").toString());
    shared = TestNodes.start(TestNodes.standaloneConfig(TIMINGS));
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(shared);
  }

  @Test
  void restartReplaysTheLog() {
    restartKeepsPersistentData(10000, false);
  }

  @Test
  void restartAfterSnapshots() {
    restartKeepsPersistentData(5, true);
  }

  private void restartKeepsPersistentData(int snapshotEntries, boolean expectSnapshot) {
    Map<Setting, Object> settings = new HashMap<>(TIMINGS);
    settings.put(Setting.RAFT_SNAPSHOT_ENTRIES, snapshotEntries);
    BeaconConfig config = TestNodes.standaloneConfig(settings);
    String service = TestNodes.uniqueService("persist");
    String defined = TestNodes.uniqueService("defined");
    Beacon node = TestNodes.start(config);
    try {
      int port = config.port();
      for (int i = 1; i <= 4; i++) {
        ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0." + i,
            "port", 9000 + i, "ephemeral", "false", "weight", "2.5", "metadata", "{\"k\":\"v" + i + "\"}")));
      }
      ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance",
          Map.of("serviceName", service, "ip", "127.0.1.1", "port", 9100)));
      ok(NacosHttp.call(port, HttpMethod.DELETE, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0.4",
          "port", 9004, "ephemeral", "false")));
      ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/service",
          Map.of("serviceName", defined, "protectThreshold", "0.6",
          "metadata", "{\"owner\":\"team-a\"}")));
      ok(NacosHttp.call(port, HttpMethod.PUT, "/v1/ns/service",
          Map.of("serviceName", defined, "protectThreshold", "0.7",
          "metadata", "{\"owner\":\"team-b\"}")));
      ok(NacosHttp.call(port, HttpMethod.PUT, "/v1/ns/cluster", Map.of("serviceName", service, "clusterName", "DEFAULT",
          "checkPort", 80, "useInstancePort4Check", "true",
          "healthChecker", "{\"type\":\"HTTP\",\"path\":\"/health\",\"expectedResponseCode\":204}")));
      ok(NacosHttp.call(port, HttpMethod.POST, "/v1/console/namespaces", Map.of("customNamespaceId", service,
          "namespaceName", "kept", "namespaceDesc", "over restarts")));
      assertEquals(4, hosts(port, service).size(), "3 persistent + 1 ephemeral before restart");
      if (expectSnapshot) {
        Path raftDir = Path.of(config.get(Setting.DATA_DIR), "raft");
        Await.until("a Raft snapshot under " + raftDir, WAIT, () -> hasSnapshot(raftDir));
      }
    } finally {
      TestNodes.stop(node);
    }

    Beacon again = TestNodes.start(config);
    try {
      int port = config.port();
      JsonArray hosts = hosts(port, service);
      assertEquals(3, hosts.size(), "persistent instances back, ephemeral one gone: " + hosts);
      for (int i = 1; i <= 3; i++) {
        JsonObject h = host(hosts, "127.0.0." + i, 9000 + i);
        assertFalse(h.getBoolean("ephemeral"), h.encode());
        assertEquals(2.5, h.getDouble("weight"), h.encode());
        assertEquals("v" + i, h.getJsonObject("metadata").getString("k"), h.encode());
      }
      JsonObject detail = ok(NacosHttp.get(port, "/v1/ns/service", Map.of("serviceName", defined))).json();
      assertEquals(0.7, detail.getDouble("protectThreshold"), detail.encode());
      assertEquals("team-b", detail.getJsonObject("metadata").getString("owner"), detail.encode());
      JsonObject cluster = ok(NacosHttp.get(port, "/v1/ns/service", Map.of("serviceName", service))).json()
          .getJsonArray("clusters").getJsonObject(0);
      JsonObject checker = cluster.getJsonObject("healthChecker");
      assertEquals("HTTP", checker.getString("type"), cluster.encode());
      assertEquals("/health", checker.getString("path"), cluster.encode());
      assertEquals(204, checker.getInteger("expectedResponseCode"), cluster.encode());
      JsonObject namespace = ok(NacosHttp.get(port, "/v1/console/namespaces",
          Map.of("show", "all", "namespaceId", service))).json();
      assertEquals("kept", namespace.getString("namespaceShowName"), namespace.encode());
      assertEquals("over restarts", namespace.getString("namespaceDesc"), namespace.encode());
      // The restored node takes writes and they survive too (the log continues after the snapshot).
      ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0.9",
          "port", 9009, "ephemeral", "false")));
      assertEquals(4, hosts(port, service).size());
    } finally {
      TestNodes.stop(again);
    }
  }

  @Test
  void mixedServiceFollowsNacos14() {
    int port = shared.node().config().port();
    String service = TestNodes.uniqueService("mixed");
    ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", service, "ip", "127.0.0.1", "port", 8001)));
    ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", service, "ip", "127.0.0.1", "port", 8002,
        "ephemeral", "false")));
    JsonArray hosts = hosts(port, service);
    assertEquals(2, hosts.size(), hosts.encode());
    assertTrue(host(hosts, "127.0.0.1", 8001).getBoolean("ephemeral"));
    assertFalse(host(hosts, "127.0.0.1", 8002).getBoolean("ephemeral"));

    NacosHttp.Response toPersistent = NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", service,
        "ip", "127.0.0.1", "port", 8001, "ephemeral", "false"));
    assertEquals(400, toPersistent.status(), toPersistent.body());
    assertTrue(toPersistent.body().startsWith("caused: "), toPersistent.body());
    NacosHttp.Response toEphemeral = NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", service,
        "ip", "127.0.0.1", "port", 8002, "ephemeral", "true"));
    assertEquals(400, toEphemeral.status(), toEphemeral.body());

    ok(NacosHttp.call(port, HttpMethod.DELETE, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0.1",
        "port", 8002, "ephemeral", "true")));
    assertEquals(2, hosts(port, service).size(), "an ephemeral delete leaves the persistent instance");
    ok(NacosHttp.call(port, HttpMethod.DELETE, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0.1",
        "port", 8002, "ephemeral", "false")));
    JsonArray left = hosts(port, service);
    assertEquals(1, left.size(), left.encode());
    assertTrue(host(left, "127.0.0.1", 8001).getBoolean("ephemeral"));
  }

  @Test
  void nacosClientRegistersPersistentInstance() throws Exception {
    int port = shared.node().config().port();
    String service = TestNodes.uniqueService("client-persist");
    Properties props = new Properties();
    props.setProperty("serverAddr", "127.0.0.1:" + port);
    props.setProperty("namingLoadCacheAtStart", "false");
    NamingService naming = NamingFactory.createNamingService(props);
    try {
      Instance persistent = new Instance();
      persistent.setIp("127.0.0.5");
      persistent.setPort(7005);
      persistent.setEphemeral(false);
      naming.registerInstance(service, persistent);
      Instance ephemeral = new Instance();
      ephemeral.setIp("127.0.0.6");
      ephemeral.setPort(7006);
      naming.registerInstance(service, ephemeral);
      Await.until("client lists both instances", WAIT, () -> all(naming, service).size() == 2);

      // The client beats only the ephemeral one; stop it, and wait well past the delete timeout.
      naming.deregisterInstance(service, ephemeral);
      long since = System.nanoTime();
      Await.until("ephemeral one gone", WAIT, () -> hosts(port, service).size() == 1);
      Await.until("twice the delete timeout passed", WAIT, () -> System.nanoTime() - since > 2_400_000_000L);
      JsonObject only = host(hosts(port, service), "127.0.0.5", 7005);
      assertFalse(only.getBoolean("ephemeral"), only.encode());
      List<Instance> listed = Await.value("client sees the persistent instance", WAIT, () -> all(naming, service),
          l -> l.size() == 1);
      assertFalse(listed.get(0).isEphemeral(), listed.toString());
      assertEquals("127.0.0.5", listed.get(0).getIp());

      naming.deregisterInstance(service, persistent);
      assertEquals(0, hosts(port, service).size(), "deregister with ephemeral=false removes it");
    } finally {
      naming.shutDown();
    }
  }

  private static List<Instance> all(NamingService naming, String service) {
    try {
      return naming.getAllInstances(service, false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean hasSnapshot(Path raftDir) {
    try (Stream<Path> files = Files.walk(raftDir)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("snapshot.")
          && !f.getFileName().toString().endsWith(".md5"));
    } catch (IOException e) {
      return false;
    }
  }

  static NacosHttp.Response ok(NacosHttp.Response r) {
    assertEquals(200, r.status(), r.body());
    return r;
  }

  static JsonArray hosts(int port, String service) {
    NacosHttp.Response r = NacosHttp.get(port, "/v1/ns/instance/list",
        Map.of("serviceName", service, "healthyOnly", "false"));
    return r.status() == 200 ? r.json().getJsonArray("hosts") : new JsonArray();
  }

  static JsonObject host(JsonArray hosts, String ip, int port) {
    for (Object o : hosts) {
      JsonObject h = (JsonObject) o;
      if (ip.equals(h.getString("ip")) && h.getInteger("port") == port) {
        return h;
      }
    }
    throw new AssertionError(ip + ":" + port + " not in " + hosts.encode());
  }
}
