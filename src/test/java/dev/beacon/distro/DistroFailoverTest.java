package dev.beacon.distro;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestCluster;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One cluster through its life: a node joins (ready only with the full data set), a node stops, a node's Hazelcast
 * dies without goodbye. Throughout, a client beats every instance (light beats, to whichever node is live, so a
 * dropped instance would answer 20404 and stay dropped): none may ever be lost.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistroFailoverTest {

  private static final int SERVICES = 30;
  private static TestCluster cluster;
  private static final List<String> services = new ArrayList<>();
  private static final ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
  private static final AtomicBoolean beating = new AtomicBoolean(true);
  private static Thread beater;

  @BeforeAll
  static void start() {
    cluster = new TestCluster(3, Map.of(Setting.BEAT_INTERVAL, 500, Setting.BEAT_TIMEOUT, 1500,
        Setting.DELETE_TIMEOUT, 3000, Setting.EXPIRY_CHECK_PERIOD, 200));
    String run = UUID.randomUUID().toString().substring(0, 8);
    for (int s = 0; s < SERVICES; s++) {
      String service = "failover-" + run + "-" + s;
      services.add(service);
      NacosHttp.Response r = NacosHttp.call(port(cluster.node(s % 3)), HttpMethod.POST, "/v1/ns/instance",
          Map.of("serviceName", service, "ip", "127.0.0.1", "port", 20000 + s));
      assertEquals(200, r.status(), r.body());
    }
    beater = new Thread(DistroFailoverTest::beatForever, "test-beater");
    beater.setDaemon(true);
    beater.start();
    awaitAllListedEverywhere();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    beating.set(false);
    if (beater != null) {
      beater.join(5000);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static int port(Beacon b) {
    return b.node().config().port();
  }

  /** Beats every instance every 300 ms, round robin over the live nodes; records any beat that found nothing. */
  private static void beatForever() {
    int turn = 0;
    while (beating.get()) {
      for (int s = 0; s < SERVICES && beating.get(); s++) {
        List<Beacon> live = cluster.live();
        Beacon via = live.get(turn++ % live.size());
        try {
          NacosHttp.Response r = NacosHttp.call(port(via), HttpMethod.PUT, "/v1/ns/instance/beat",
              Map.of("serviceName", services.get(s), "ip", "127.0.0.1", "port", 20000 + s));
          if (r.status() == 200 && r.json().getInteger("code") == 20404) {
            lost.add(services.get(s) + " via " + via.node().config().nodeId());
          }
        } catch (RuntimeException e) {
          // the node went down between picking it and calling it; the next round uses another
        }
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  static void awaitAllListedEverywhere() {
    for (Beacon b : cluster.live()) {
      Await.until(b.node().config().nodeId() + " lists all " + SERVICES + " instances", WAIT, () -> {
        for (String s : services) {
          NacosHttp.Response r = NacosHttp.get(port(b), "/v1/ns/instance/list", Map.of("serviceName", s));
          if (r.status() != 200 || r.json().getJsonArray("hosts").size() != 1) {
            return false;
          }
        }
        return true;
      });
    }
  }

  /** Lets a few delete timeouts pass with the beats going on, then checks that nothing was lost anywhere. */
  static void survivesSeveralDeleteTimeouts() {
    Await.during("no instance lost", Duration.ofMillis(7000), () -> {
      assertTrue(lost.isEmpty(), "instances lost: " + lost);
      return true;
    });
    awaitAllListedEverywhere();
    assertTrue(lost.isEmpty(), "instances lost: " + lost);
  }

  @Test
  @Order(1)
  void newNodeServesFullDataOnlyOnceReady() throws Exception {
    var config = cluster.config(3);
    var starting = Beacon.start(config);
    int port = config.port();
    Beacon joined = null;
    // Poll readiness while it starts: the first 200 from /ready must come with every service present.
    boolean done = false;
    boolean refusedWhileSyncing = false;
    while (!done) {
      done = starting.isComplete(); // read before probing: the last probe then sees the node UP
      int ready = NacosHttp.probe(port, "/ready");
      if (ready == 200) {
        for (String s : services) {
          NacosHttp.Response r = NacosHttp.get(port, "/v1/ns/instance/list", Map.of("serviceName", s));
          assertEquals(1, r.json().getJsonArray("hosts").size(), "ready node serves " + s);
        }
      } else if (ready > 0) {
        assertEquals(503, ready);
        refusedWhileSyncing = true;
        assertEquals(503, NacosHttp.get(port, "/v1/ns/instance/list", Map.of("serviceName", services.get(0))).status(),
            "a node that is not ready refuses reads instead of serving a partial registry");
      }
      Thread.sleep(5);
    }
    // Beacon.start serves HTTP before the full sync: the node was reachable and said "not ready" meanwhile.
    assertTrue(refusedWhileSyncing, "/ready answered 503 while the joining node synced");
    joined = starting.await(1, TimeUnit.SECONDS);
    cluster.adopt(joined);
    cluster.awaitServers(4);
    assertEquals(1, joined.distro().stats().fullSyncs.sum());
    assertTrue(joined.distro().stats().fullSyncServices.sum() >= SERVICES);
    survivesSeveralDeleteTimeouts();
  }

  @Test
  @Order(2)
  void gracefulStopMovesServicesToSurvivors() throws Exception {
    cluster.stop(1);
    cluster.awaitServers(3);
    survivesSeveralDeleteTimeouts();
  }

  @Test
  @Order(3)
  void hazelcastKilledWithoutGoodbye() throws Exception {
    cluster.kill(2);
    cluster.awaitServers(2);
    survivesSeveralDeleteTimeouts();
  }
}
