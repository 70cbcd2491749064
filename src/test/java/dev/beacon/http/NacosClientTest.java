package dev.beacon.http;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingMaintainService;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.alibaba.nacos.api.naming.pojo.Service;
import com.alibaba.nacos.api.selector.NoneSelector;
import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.NacosClients;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real nacos-client 1.4.8 against a real node: registration, discovery, beats, expiry, maintenance. */
class NacosClientTest {

  static ApiNode api;
  static Beacon node;
  static NacosHttp http;
  static NamingService naming;
  static NamingMaintainService maintain;

  @BeforeAll
  static void start() throws NacosException {
    api = ApiNode.start(Map.of(Setting.BEAT_TIMEOUT, 1500, Setting.DELETE_TIMEOUT, 3000,
        Setting.EXPIRY_CHECK_PERIOD, 200, Setting.CACHE_MILLIS, 1000));
    node = api.beacon();
    http = api.http();
    naming = NacosClients.naming(http.port());
    maintain = NacosClients.maintain(http.port());
  }

  @AfterAll
  static void stop() {
    NacosClients.shutDownInBackground(naming);
    if (maintain != null) {
      try {
        maintain.shutDown();
      } catch (NacosException e) {
        System.err.println("maintain shutdown: " + e);
      }
    }
    if (api != null) {
      api.close();
    }
  }

  /** An ephemeral instance whose client beats every 500 ms (the client takes its period from this metadata). */
  static Instance fastBeating(String ip, int port) {
    Instance i = new Instance();
    i.setIp(ip);
    i.setPort(port);
    i.setWeight(1.0);
    i.setMetadata(new HashMap<>(Map.of("preserved.heart.beat.interval", "500", "app", "test")));
    return i;
  }

  static List<Instance> direct(String svc) {
    try {
      return naming.getAllInstances(svc, false);
    } catch (NacosException e) {
      throw new AssertionError(e);
    }
  }

  static boolean listed(String svc, String ip, int port) {
    return direct(svc).stream().anyMatch(i -> i.getIp().equals(ip) && i.getPort() == port);
  }

  @Test
  void registeredInstanceIsDiscovered() throws Exception {
    String svc = Names.unique("client-reg");
    naming.registerInstance(svc, fastBeating("127.0.0.11", 8080));
    List<Instance> all = Await.value("instance listed", WAIT, () -> {
      try {
        return naming.getAllInstances(svc);
      } catch (NacosException e) {
        throw new AssertionError(e);
      }
    }, l -> l.size() == 1);
    Instance i = all.get(0);
    assertEquals("127.0.0.11", i.getIp());
    assertEquals(8080, i.getPort());
    assertEquals("DEFAULT", i.getClusterName());
    assertEquals("DEFAULT_GROUP@@" + svc, i.getServiceName());
    assertEquals("test", i.getMetadata().get("app"));
    assertTrue(i.isHealthy() && i.isEnabled() && i.isEphemeral());
    assertEquals(1, naming.selectInstances(svc, true).size());
    assertEquals("127.0.0.11", naming.selectOneHealthyInstance(svc).getIp());
    assertTrue(naming.getServicesOfServer(1, 100).getData().contains(svc));
    assertEquals("UP", naming.getServerStatus());
  }

  @Test
  void groupedRegistrationIsDiscoveredInItsGroup() throws Exception {
    String svc = Names.unique("client-group");
    naming.registerInstance(svc, "G2", fastBeating("127.0.0.12", 1));
    Await.until("listed in G2", WAIT, () -> {
      try {
        return naming.getAllInstances(svc, "G2", false).size() == 1;
      } catch (NacosException e) {
        throw new AssertionError(e);
      }
    });
    assertTrue(naming.getServicesOfServer(1, 100, "G2").getData().contains(svc));
    assertEquals(0, direct(svc).size());
  }

  @Test
  void subscriberIsToldOfChanges() throws Exception {
    String svc = Names.unique("client-sub");
    naming.registerInstance(svc, fastBeating("127.0.0.13", 1));
    List<List<Instance>> events = new CopyOnWriteArrayList<>();
    naming.subscribe(svc, e -> events.add(((NamingEvent) e).getInstances()));
    Await.until("first event", WAIT, () -> events.stream().anyMatch(l -> l.size() == 1));
    naming.registerInstance(svc, fastBeating("127.0.0.13", 2));
    Await.until("event with the second instance", WAIT, () -> events.stream().anyMatch(l -> l.size() == 2));
    naming.deregisterInstance(svc, "127.0.0.13", 1);
    Await.until("event without the first instance", WAIT, () -> {
      List<Instance> last = events.get(events.size() - 1);
      return last.size() == 1 && last.get(0).getPort() == 2;
    });
  }

  @Test
  void deregisterRemovesInstance() throws Exception {
    String svc = Names.unique("client-dereg");
    naming.registerInstance(svc, fastBeating("127.0.0.14", 1));
    Await.until("listed", WAIT, () -> listed(svc, "127.0.0.14", 1));
    naming.deregisterInstance(svc, "127.0.0.14", 1);
    // A beat already in flight when the DELETE lands re-registers the instance (as on Nacos); it then expires.
    Await.until("deregistered", WAIT, () -> !listed(svc, "127.0.0.14", 1));
  }

  @Test
  void beatsKeepInstanceAliveAndPersistentInstanceNeverExpires() throws Exception {
    String svc = Names.unique("client-alive");
    try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Instance persistent = fastBeating("127.0.0.1", listening.getLocalPort());
      persistent.setEphemeral(false);
      naming.registerInstance(svc, fastBeating("127.0.0.15", 1));
      naming.registerInstance(svc, persistent);
      Await.until("both listed", WAIT, () -> direct(svc).size() == 2);
      // Longer than delete-timeout (3 s): without beats the ephemeral one would be gone.
      Await.during("both stay listed and healthy", Duration.ofMillis(4000),
          () -> direct(svc).size() == 2 && direct(svc).stream().allMatch(Instance::isHealthy));
      assertTrue(direct(svc).stream().anyMatch(i -> !i.isEphemeral()));
    }
  }

  @Test
  void instanceDeletedBehindClientsBackComesBack() throws Exception {
    String svc = Names.unique("client-back");
    long registered = System.currentTimeMillis();
    naming.registerInstance(svc, fastBeating("127.0.0.16", 1));
    Await.until("listed", WAIT, () -> listed(svc, "127.0.0.16", 1));
    // Past the second beat (every 500 ms) the client sends light beats, so it must re-register on code 20404.
    Await.until("second beat arrived", WAIT, () -> node.node().beats().lastBeat(
        ServiceKey.of("public", "DEFAULT_GROUP", svc),
        new InstanceRef("DEFAULT", "127.0.0.16", 1)) > registered + 900);
    assertEquals("ok", http.delete("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.16", "port", "1").body());
    Await.until("re-registered by the client", WAIT, () -> listed(svc, "127.0.0.16", 1));
    assertEquals("test", direct(svc).get(0).getMetadata().get("app"));
  }

  @Test
  void instanceWithoutBeatsTurnsUnhealthyThenIsRemoved() throws Exception {
    String svc = Names.unique("client-expire");
    naming.registerInstance(svc, fastBeating("127.0.0.17", 1));
    assertEquals("ok", http.post("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.18", "port", "2").body());
    Await.until("silent instance unhealthy", WAIT, () -> direct(svc).stream()
        .anyMatch(i -> i.getIp().equals("127.0.0.18") && !i.isHealthy()));
    Await.until("silent instance removed", WAIT, () -> !listed(svc, "127.0.0.18", 2));
    assertTrue(listed(svc, "127.0.0.17", 1), "the beating instance stays");
  }

  @Test
  void clustersAndWeightsAreHonouredByTheClient() throws Exception {
    String svc = Names.unique("client-clusters");
    Instance a = fastBeating("127.0.0.20", 1);
    a.setClusterName("A");
    Instance b = fastBeating("127.0.0.20", 2);
    b.setClusterName("B");
    Instance zero = fastBeating("127.0.0.20", 3);
    zero.setClusterName("A");
    zero.setWeight(0);
    naming.registerInstance(svc, a);
    naming.registerInstance(svc, b);
    naming.registerInstance(svc, zero);
    List<Instance> inA = Await.value("cluster A listed", WAIT, () -> {
      try {
        return naming.getAllInstances(svc, List.of("A"));
      } catch (NacosException e) {
        throw new AssertionError(e);
      }
    }, l -> l.size() == 2);
    assertTrue(inA.stream().allMatch(i -> i.getClusterName().equals("A")));
    List<Instance> selected = naming.selectInstances(svc, List.of("A"), true);
    assertEquals(List.of(1), selected.stream().map(Instance::getPort).toList(), "weight 0 is not selected");
    assertEquals(2, naming.selectOneHealthyInstance(svc, List.of("B")).getPort());
  }

  @Test
  void namespacesSeparateClientsAndLoginIsAccepted() throws Exception {
    String svc = Names.unique("client-ns");
    Properties props = NacosClients.properties(http.port());
    props.setProperty("namespace", "ns-client");
    props.setProperty("username", "nacos");
    props.setProperty("password", "nacos");
    NamingService other = NacosFactory.createNamingService(props);
    try {
      other.registerInstance(svc, fastBeating("127.0.0.21", 1));
      Await.until("listed in its namespace", WAIT, () -> {
        try {
          return other.getAllInstances(svc, false).size() == 1;
        } catch (NacosException e) {
          throw new AssertionError(e);
        }
      });
      assertEquals(0, direct(svc).size(), "the public namespace does not see it");
      assertEquals("ok", http.delete("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.21", "port", "1",
          "namespaceId", "ns-client").body());
      Await.until("client re-registers into its namespace", WAIT, () -> {
        try {
          return other.getAllInstances(svc, false).size() == 1;
        } catch (NacosException e) {
          throw new AssertionError(e);
        }
      });
    } finally {
      NacosClients.shutDownInBackground(other);
    }
  }

  @Test
  void maintainServiceCreatesQueriesUpdatesAndDeletes() throws Exception {
    String svc = Names.unique("client-maint");
    Service service = new Service(svc);
    service.setGroupName("MG");
    service.setProtectThreshold(0.4f);
    service.setMetadata(new HashMap<>(Map.of("owner", "a")));
    maintain.createService(service, new NoneSelector());
    Service read = maintain.queryService(svc, "MG");
    assertEquals(svc, read.getName());
    assertEquals("MG", read.getGroupName());
    assertEquals(0.4f, read.getProtectThreshold(), 1e-6);
    assertEquals(Map.of("owner", "a"), read.getMetadata());

    service.setProtectThreshold(0.7f);
    service.setMetadata(new HashMap<>(Map.of("owner", "b")));
    maintain.updateService(service, new NoneSelector());
    read = maintain.queryService(svc, "MG");
    assertEquals(0.7f, read.getProtectThreshold(), 1e-6);
    assertEquals(Map.of("owner", "b"), read.getMetadata());

    assertTrue(maintain.deleteService(svc, "MG"));
    NacosException gone = Assertions.assertThrows(NacosException.class,
        () -> maintain.queryService(svc, "MG"));
    assertEquals(404, gone.getErrCode());
  }

  @Test
  void maintainServiceUpdatesInstance() throws Exception {
    String svc = Names.unique("client-upd");
    assertEquals("ok", http.post("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.19", "port", "1",
        "ephemeral", "false").body());
    Instance changed = new Instance();
    changed.setIp("127.0.0.19");
    changed.setPort(1);
    changed.setWeight(6.0);
    changed.setEphemeral(false);
    changed.setEnabled(true);
    changed.setMetadata(new HashMap<>(Map.of("rev", "2")));
    maintain.updateInstance(svc, changed);
    Instance read = direct(svc).get(0);
    assertEquals(6.0, read.getWeight());
    assertEquals("2", read.getMetadata().get("rev"));
  }
}
