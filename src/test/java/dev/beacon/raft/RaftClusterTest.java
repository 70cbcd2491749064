package dev.beacon.raft;

import static dev.beacon.raft.PersistentStandaloneTest.host;
import static dev.beacon.raft.PersistentStandaloneTest.hosts;
import static dev.beacon.raft.PersistentStandaloneTest.ok;
import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.model.ServiceKey;
import dev.beacon.support.Await;
import dev.beacon.support.NacosClients;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestCluster;
import dev.beacon.support.TestNodes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three clustered nodes forming one Raft group, through a life: writes through a follower, the leader stops and a new
 * one takes over, two of three stop (persistent writes fail fast with 503, ephemeral ones still work), all three come
 * back from their data dirs with everything persistent. Distro runs alongside and must never undo Raft's data.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RaftClusterTest {

  private static final int REQUEST_TIMEOUT = 2000;

  private static TestCluster cluster;
  private static final String SERVICE = TestNodes.uniqueService("raft-persist");
  private static final String DEFINED = TestNodes.uniqueService("raft-defined");
  private static final String MIXED = TestNodes.uniqueService("raft-mixed");
  /** ip -> port of every persistent instance of SERVICE acknowledged so far. */
  private static final Map<String, Integer> persisted = new HashMap<>();

  @BeforeAll
  static void start() {
    Map<Setting, Object> settings = new HashMap<>(TestCluster.timings());
    settings.put(Setting.RAFT_REQUEST_TIMEOUT, REQUEST_TIMEOUT);
    // Instances point at closed ports: keep the active checks' Raft writes out of this test's way.
    settings.put(Setting.HEALTH_CHECK_PERIOD, 60_000);
    cluster = new TestCluster(3, settings, true);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void writeThroughFollower() {
    int leader = leader(List.of(0, 1, 2));
    int follower = (leader + 1) % 3;
    Beacon via = cluster.node(follower);
    assertFalse(via.isRaftLeader());
    registerPersistent(via, "127.0.0.11", 9011);
    ok(NacosHttp.call(port(via), HttpMethod.POST, "/v1/ns/service",
        Map.of("serviceName", DEFINED, "protectThreshold", "0.4",
        "metadata", "{\"tier\":\"gold\"}")));
    ok(NacosHttp.call(port(via), HttpMethod.PUT, "/v1/ns/cluster",
        Map.of("serviceName", SERVICE, "clusterName", "DEFAULT",
        "checkPort", 80, "useInstancePort4Check", "true", "healthChecker", "{\"type\":\"NONE\"}")));
    for (Beacon b : cluster.live()) {
      awaitPersistentData(b);
    }
  }

  @Test
  @Order(2)
  void mixedServiceConvergesEverywhere() {
    // Ephemeral instances go through Distro, persistent ones through Raft, on different nodes, interleaved.
    for (int k = 0; k < 3; k++) {
      ok(NacosHttp.call(port(cluster.node(k)), HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", MIXED,
          "ip", "127.0.2." + k, "port", 9200 + k)));
      ok(NacosHttp.call(port(cluster.node((k + 1) % 3)), HttpMethod.POST, "/v1/ns/instance",
          Map.of("serviceName", MIXED,
          "ip", "127.0.3." + k, "port", 9300 + k, "ephemeral", "false")));
    }
    try {
      for (Beacon b : cluster.live()) {
        Await.until(b.node().config().nodeId() + " lists all 6 mixed instances", WAIT,
            () -> hosts(port(b), MIXED).size() == 6);
      }
    } catch (AssertionError e) {
      StringBuilder seen = new StringBuilder(e.getMessage());
      for (Beacon b : cluster.live()) {
        seen.append("\n").append(b.node().config().nodeId()).append(": ").append(hosts(port(b), MIXED).stream()
            .map(h -> ((JsonObject) h).getString("ip") + (((JsonObject) h).getBoolean("ephemeral") ? "e" : "p"))
            .toList()).append(" rev ").append(b.node().registry().view(
                ServiceKey.of("public", "DEFAULT_GROUP", MIXED)).revision())
            .append(" responsible ").append(b.node().cluster().responsibleNode(
                ServiceKey.of("public", "DEFAULT_GROUP", MIXED)));
      }
      throw new AssertionError(seen.toString(), e);
    }
    NacosHttp.Response clash = NacosHttp.call(port(cluster.node(2)), HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", MIXED,
        "ip", "127.0.3.0", "port", 9300, "ephemeral", "true"));
    assertEquals(400, clash.status(), clash.body());
  }

  @Test
  @Order(3)
  void leaderStopsAndWritesContinue() {
    int leader = leader(List.of(0, 1, 2));
    cluster.stop(leader);
    List<Integer> survivors = IntStream.range(0, 3).filter(i -> i != leader).boxed().toList();
    int newLeader = leader(survivors);
    int other = survivors.get(0) == newLeader ? survivors.get(1) : survivors.get(0);
    registerPersistent(cluster.node(other), "127.0.0.12", 9012);
    registerPersistent(cluster.node(newLeader), "127.0.0.13", 9013);
    for (int i : survivors) {
      awaitPersistentData(cluster.node(i));
    }
  }

  @Test
  @Order(4)
  void withoutMajorityPersistentWritesFailFast() {
    List<Integer> live = IntStream.range(0, 3).filter(i -> cluster.live().contains(cluster.node(i))).boxed().toList();
    assertEquals(2, live.size());
    cluster.stop(live.get(0));
    Beacon survivor = cluster.node(live.get(1));
    cluster.awaitServers(1);

    long started = System.nanoTime();
    NacosHttp.Response refused = NacosHttp.call(port(survivor), HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", SERVICE,
        "ip", "127.0.0.14", "port", 9014, "ephemeral", "false"));
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(503, refused.status(), refused.body());
    assertTrue(refused.body().contains("majority"), refused.body());
    // After the deadline, a read barrier finds out whether the write took effect after all: two timeouts at most.
    assertTrue(elapsedMillis < 2 * REQUEST_TIMEOUT + 1500, "503 after " + elapsedMillis + " ms");

    // Ephemeral data stays available (AP): written and read without a majority.
    String ephemeralOnly = SERVICE + "-ephemeral";
    long ephemeralStart = System.nanoTime();
    ok(NacosHttp.call(port(survivor), HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", ephemeralOnly,
        "ip", "127.0.1.14", "port", 9114)));
    long ephemeralMillis = (System.nanoTime() - ephemeralStart) / 1_000_000;
    assertTrue(ephemeralMillis < 1000, "ephemeral register took " + ephemeralMillis + " ms");
    JsonObject e = host(hosts(port(survivor), ephemeralOnly), "127.0.1.14", 9114);
    assertTrue(e.getBoolean("ephemeral"), e.encode());

    // Persistent data is read linearizably: without a majority to confirm it, the read is refused, not stale.
    NacosHttp.Response read = NacosHttp.get(port(survivor), "/v1/ns/instance/list", Map.of("serviceName", SERVICE));
    assertEquals(503, read.status(), read.body());
    assertTrue(read.body().contains("consistent read"), read.body());
  }

  @Test
  @Order(5)
  void allThreeRestartWithEverythingPersistent() {
    List<Integer> live = IntStream.range(0, 3).filter(i -> cluster.live().contains(cluster.node(i))).boxed().toList();
    live.forEach(cluster::stop);
    cluster.restartTogether(0, 1, 2);
    for (Beacon b : cluster.live()) {
      awaitPersistentData(b);
      Await.until(b.node().config().nodeId() + " lists the 3 persistent mixed instances", WAIT,
          () -> hosts(port(b), MIXED).stream().filter(h -> !((JsonObject) h).getBoolean("ephemeral")).count() == 3);
    }
    // Distro's verification and deltas run every few hundred ms: persistent data must still be there afterwards.
    long since = System.nanoTime();
    Await.until("three verify periods", WAIT, () -> System.nanoTime() - since > 1_500_000_000L);
    for (Beacon b : cluster.live()) {
      awaitPersistentData(b);
    }
    // The group takes writes again.
    registerPersistent(cluster.node(2), "127.0.0.15", 9015);
    for (Beacon b : cluster.live()) {
      awaitPersistentData(b);
    }
  }

  /** DELETE of a service with ephemeral and persistent instances removes both on every node, as Nacos 1.4 does. */
  @Test
  @Order(6)
  void deletingAServiceRemovesItsInstancesEverywhere() throws Exception {
    String svc = TestNodes.uniqueService("raft-delete");
    ok(NacosHttp.call(port(cluster.node(0)), HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", svc, "ip", "127.0.0.41", "port", 1)));
    registerPersistentOf(cluster.node(1), svc, "127.0.0.42", 1);
    NamingService subscriber = NacosClients.naming(port(cluster.node(0)));
    try {
      List<List<Instance>> seen = new CopyOnWriteArrayList<>();
      subscriber.subscribe(svc, e -> seen.add(((NamingEvent) e).getInstances()));
      for (Beacon b : cluster.live()) {
        Await.until(b.node().config().nodeId() + " lists both", WAIT, () -> hosts(port(b), svc).size() == 2);
      }
      Await.until("the subscriber sees both", WAIT, () -> !seen.isEmpty() && seen.get(seen.size() - 1).size() == 2);

      ok(NacosHttp.call(port(cluster.node(2)), HttpMethod.DELETE, "/v1/ns/service", Map.of("serviceName", svc)));
      for (Beacon b : cluster.live()) {
        Await.until(b.node().config().nodeId() + " lists none", WAIT, () -> hosts(port(b), svc).isEmpty());
        assertEquals(404, NacosHttp.get(port(b), "/v1/ns/service", Map.of("serviceName", svc)).status());
      }
      Await.until("the subscriber sees the empty list", WAIT, () -> seen.get(seen.size() - 1).isEmpty());
    } finally {
      NacosClients.shutDownInBackground(subscriber);
    }
  }

  /** A runtime switch set through one node is committed through Raft and applied by every node. */
  @Test
  @Order(7)
  void aSwitchSetOnOneNodeAppliesOnEvery() {
    ok(NacosHttp.call(port(cluster.node(1)), HttpMethod.PUT, "/v1/ns/operator/switches",
        Map.of("entry", "clientBeatInterval", "value", "4321")));
    for (Beacon b : cluster.live()) {
      Await.until(b.node().config().nodeId() + " applies the switch", WAIT, () -> NacosHttp.get(port(b),
          "/v1/ns/operator/switches", Map.of()).json().getLong("clientBeatInterval") == 4321L);
    }
  }

  /** Index of the node that leads the Raft group, among {@code candidates}, once one does. */
  private static int leader(List<Integer> candidates) {
    return Await.value("a Raft leader among " + candidates, WAIT,
        () -> candidates.stream().filter(i -> cluster.node(i).isRaftLeader()).findFirst().orElse(-1), i -> i >= 0);
  }

  private static void registerPersistentOf(Beacon via, String service, String ip, int instancePort) {
    ok(NacosHttp.call(port(via), HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service, "ip", ip,
        "port", instancePort, "ephemeral", "false")));
  }

  private static void registerPersistent(Beacon via, String ip, int instancePort) {
    ok(NacosHttp.call(port(via), HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", SERVICE, "ip", ip,
        "port", instancePort, "ephemeral", "false", "metadata", "{\"via\":\"" + via.node().config().nodeId() + "\"}")));
    persisted.put(ip, instancePort);
  }

  /**
   * Every acknowledged persistent instance, the defined service's settings and the cluster's checker are on b. A
   * follower applies committed entries after the leader answered, so each is awaited, in the order they were written.
   */
  private static void awaitPersistentData(Beacon b) {
    String id = b.node().config().nodeId();
    Await.until(id + " has persistent instances " + persisted, WAIT, () -> {
      JsonArray hosts = hosts(port(b), SERVICE);
      return persisted.entrySet().stream().allMatch(p -> hosts.stream().map(h -> (JsonObject) h).anyMatch(h ->
          p.getKey().equals(h.getString("ip")) && h.getInteger("port").equals(p.getValue())
              && !h.getBoolean("ephemeral")));
    });
    JsonObject defined = Await.value(id + " has the defined service", WAIT,
        () -> NacosHttp.get(port(b), "/v1/ns/service", Map.of("serviceName", DEFINED)),
        r -> r.status() == 200 && r.json().getDouble("protectThreshold") == 0.4).json();
    assertEquals(0.4, defined.getDouble("protectThreshold"), id + " " + defined.encode());
    assertEquals("gold", defined.getJsonObject("metadata").getString("tier"), id + " " + defined.encode());
    JsonObject c = Await.value(id + " has the cluster's checker", WAIT, () -> ok(NacosHttp.get(port(b),
        "/v1/ns/service", Map.of("serviceName", SERVICE))).json().getJsonArray("clusters").getJsonObject(0),
        cluster -> "NONE".equals(cluster.getJsonObject("healthChecker").getString("type")));
    assertEquals("NONE", c.getJsonObject("healthChecker").getString("type"), id + " " + c.encode());
  }

  private static int port(Beacon b) {
    return b.node().config().port();
  }
}
