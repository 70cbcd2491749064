package dev.beacon.distro;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.core.Addresses;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.RegistryCommand;
import dev.beacon.registry.ServiceChanges;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestCluster;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Three clustered nodes in this JVM: replication, forwarding, expiry, nacos-client, convergence. */
@Tag("cluster")
class DistroClusterTest {

  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new TestCluster(3, Map.of(Setting.BEAT_INTERVAL, 500, Setting.BEAT_TIMEOUT, 1500,
        Setting.DELETE_TIMEOUT, 3000, Setting.EXPIRY_CHECK_PERIOD, 200));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static int port(int i) {
    return cluster.node(i).node().config().port();
  }

  static NacosHttp.Response register(int node, String service, int port) {
    return NacosHttp.call(port(node), HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", service, "ip", "127.0.0.1",
        "port", port));
  }

  static NacosHttp.Response list(int node, String service) {
    return NacosHttp.get(port(node), "/v1/ns/instance/list", Map.of("serviceName", service));
  }

  static int count(int node, String service) {
    NacosHttp.Response r = list(node, service);
    return r.status() == 200 ? r.json().getJsonArray("hosts").size() : -1;
  }

  static ServiceKey key(String service) {
    return ServiceKey.of(ServiceKey.DEFAULT_NAMESPACE, ServiceKey.DEFAULT_GROUP, service);
  }

  /** Index of a node that is not responsible for the service. */
  static int notResponsible(String service) {
    for (int i = 0; i < 3; i++) {
      if (!cluster.node(i).node().cluster().isResponsible(key(service))) {
        return i;
      }
    }
    throw new AssertionError("every node responsible for " + service);
  }

  @Test
  void serversListAllThree() {
    assertEquals(3, NacosHttp.get(port(1), "/v1/ns/operator/servers", Map.of()).json().getJsonArray("servers").size());
    String service = "owner-" + UUID.randomUUID();
    Set<String> owners = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      owners.add(cluster.node(i).node().cluster().responsibleNode(key(service)));
    }
    assertEquals(1, owners.size(), "all nodes agree on the owner");
  }

  @Test
  void registrationOnAIsListedOnBAndC() {
    String service = "replicated-" + UUID.randomUUID();
    assertEquals(200, register(0, service, 8080).status());
    for (int n = 0; n < 3; n++) {
      int node = n;
      Await.until("node " + node + " lists the instance", WAIT, () -> count(node, service) == 1);
    }
  }

  @Test
  void beatsToNonResponsibleNodeKeepInstanceAlive() throws Exception {
    String service = "beating-" + UUID.randomUUID();
    int via = notResponsible(service);
    assertEquals(200, register(via, service, 9000).status());
    long forwardedBefore = cluster.node(via).distro().stats().forwarded.sum();
    // Beats (one per check) for longer than the delete timeout, each through the node that is not responsible.
    Await.during("beats through node " + via + " find the instance", Duration.ofMillis(4500), () -> {
      NacosHttp.Response beat = NacosHttp.call(port(via), HttpMethod.PUT, "/v1/ns/instance/beat",
          Map.of("serviceName", service, "ip", "127.0.0.1", "port", 9000));
      assertEquals(10200, beat.json().getInteger("code"), "beat found the instance: " + beat.body());
      return true;
    });
    for (int n = 0; n < 3; n++) {
      assertEquals(1, count(n, service), "instance alive on node " + n + " after more than the delete timeout");
    }
    assertTrue(cluster.node(via).distro().stats().forwarded.sum() > forwardedBefore + 10, "beats were forwarded");
  }

  @Test
  void expiryHappensOnceAndPropagates() {
    String service = "expiring-" + UUID.randomUUID();
    ServiceKey key = key(service);
    InstanceRef ref = new InstanceRef("DEFAULT", "127.0.0.1", 7000);
    AtomicInteger localRemovals = new AtomicInteger();
    List<MessageConsumer<ServiceChanges>> consumers = new ArrayList<>();
    for (Beacon b : cluster.live()) {
      consumers.add(b.vertx().eventBus().<ServiceChanges>localConsumer(Addresses.SERVICE_CHANGES, m -> {
        for (ServiceChanges.Change c : m.body().changes()) {
          if (c.replicate() && c.key().equals(key) && c.previous() != null && c.previous().find(ref) != null
              && (c.current() == null || c.current().find(ref) == null)) {
            localRemovals.incrementAndGet();
          }
        }
      }));
    }
    assertEquals(200, register(notResponsible(service), service, 7000).status());
    Await.until("all nodes list it", WAIT, () -> count(0, service) == 1 && count(1, service) == 1
        && count(2, service) == 1);
    Await.until("expired everywhere", WAIT, () -> count(0, service) == 0 && count(1, service) == 0
        && count(2, service) == 0);
    consumers.forEach(c -> c.unregister());
    assertEquals(1, localRemovals.get(), "exactly one node removed it, the others learnt it by Distro");
  }

  @Test
  void nacosClientWithAllThreeServers() throws Exception {
    String service = "nacos-" + UUID.randomUUID();
    Properties props = new Properties();
    props.setProperty("serverAddr", cluster.serverAddr());
    props.setProperty("namingLoadCacheAtStart", "false");
    NamingService provider = NamingFactory.createNamingService(props);
    NamingService consumer = NamingFactory.createNamingService(props);
    try {
      provider.registerInstance(service, instance("127.0.0.1", 8848 + 1000));
      provider.registerInstance(service, instance("127.0.0.2", 8848 + 1001));
      Await.until("consumer sees both", WAIT, () -> {
        try {
          return consumer.getAllInstances(service, false).size() == 2;
        } catch (Exception e) {
          return false;
        }
      });
      // Longer than the delete timeout: the client's beats must keep both alive on every node all along.
      Await.during("every node lists both", Duration.ofMillis(3500), () -> {
        for (int n = 0; n < 3; n++) {
          assertEquals(2, count(n, service), "node " + n + " still lists both after the delete timeout");
        }
        return true;
      });
      provider.deregisterInstance(service, "127.0.0.2", 8848 + 1001);
      for (int n = 0; n < 3; n++) {
        int node = n;
        Await.until("node " + node + " dropped the deregistered one", WAIT, () -> count(node, service) == 1);
      }
      List<Instance> left = consumer.getAllInstances(service, false);
      assertTrue(left.size() <= 2);
    } finally {
      provider.shutDown();
      consumer.shutDown();
    }
  }

  /** nacos-client sends its first beat after the instance's own interval, so it must be shorter than our timeouts. */
  private static Instance instance(String ip, int port) {
    Instance i = new Instance();
    i.setIp(ip);
    i.setPort(port);
    i.setMetadata(Map.of("preserved.heart.beat.interval", "500"));
    return i;
  }

  @Test
  void verificationRepairsAReplicaThatLostAService() throws Exception {
    String service = "repaired-" + UUID.randomUUID();
    assertEquals(200, register(0, service, 6000).status());
    int replica = notResponsible(service);
    Await.until("replicated", WAIT, () -> count(replica, service) == 1);
    long mismatches = cluster.node(replica).distro().stats().verifyMismatches.sum();
    // Damage one replica behind Distro's back: drop its copy.
    cluster.node(replica).vertx().eventBus().request(Addresses.REGISTRY_COMMANDS,
        new RegistryCommand.RemoveRemote(key(service), Long.MAX_VALUE, false))
        .await(5, TimeUnit.SECONDS);
    Await.until("verify restored it", WAIT, () -> count(replica, service) == 1);
    assertTrue(cluster.node(replica).distro().stats().verifyMismatches.sum() > mismatches);
  }

  @Test
  void verificationDropsAnOrphanTheOwnerDoesNotHave() throws Exception {
    String service = "orphan-" + UUID.randomUUID();
    ServiceKey key = key(service);
    int replica = notResponsible(service);
    // A stale copy (revision from a minute ago) of a service its owner never had, as after a lost removal.
    long old = (System.currentTimeMillis() - 60_000) << 16;
    ServiceView stale = ServiceView.of(key,
        ServiceSettings.IMPLICIT, List.of(), List.of(new dev.beacon.model.Instance(
            new InstanceRef("DEFAULT", "127.0.0.9", 5000), 1, true, true, true, false,
            Metadata.EMPTY, "DEFAULT", null)), old, System.currentTimeMillis() - 60_000);
    cluster.node(replica).vertx().eventBus().request(Addresses.REGISTRY_COMMANDS,
        new RegistryCommand.ApplyRemote(key, stale, false)).await(5, TimeUnit.SECONDS);
    assertEquals(1, count(replica, service));
    Await.until("verify dropped the orphan", WAIT, () -> count(replica, service) == 0);
  }

  @Test
  void concurrentWritesThroughDifferentNodesConverge() throws Exception {
    String service = "contended-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int n = 0; n < 3; n++) {
        int node = n;
        writers.add(pool.submit(() -> {
          for (int i = 0; i < 30; i++) {
            assertEquals(200, register(node, service, 10000 + node * 100 + i).status());
            if (i % 3 == 0) {
              assertEquals(200, NacosHttp.call(port(node), HttpMethod.DELETE, "/v1/ns/instance",
                  Map.of("serviceName", service,
                  "ip", "127.0.0.1", "port", 10000 + node * 100 + i)).status());
            }
          }
        }));
      }
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Await.until("same checksum and 60 instances everywhere", WAIT, () -> {
      Set<String> checksums = new HashSet<>();
      for (int n = 0; n < 3; n++) {
        NacosHttp.Response r = list(n, service);
        if (r.json().getJsonArray("hosts").size() != 60) {
          return false;
        }
        checksums.add(r.json().getString("checksum"));
      }
      return checksums.size() == 1;
    });
  }
}
