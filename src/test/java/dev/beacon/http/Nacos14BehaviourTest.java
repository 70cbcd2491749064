package dev.beacon.http;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.listener.NamingEvent;
import com.alibaba.nacos.api.naming.pojo.Instance;
import com.alibaba.nacos.api.selector.ExpressionSelector;
import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.NacosClients;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nacos 1.4 behaviours that clients and Nacos's own integration tests depend on, with the real nacos-client 1.4.8 and
 * raw HTTP: {@code metadata=null} is no metadata, deleting a service deletes its instances, label selectors of the
 * service list.
 */
class Nacos14BehaviourTest {

  static ApiNode api;
  static NacosHttp http;
  static NamingService naming;

  @BeforeAll
  static void start() throws NacosException {
    api = ApiNode.start(Map.of(Setting.BEAT_INTERVAL, 500, Setting.CACHE_MILLIS, 500));
    http = api.http();
    naming = NacosClients.naming(http.port());
  }

  @AfterAll
  static void stop() {
    NacosClients.shutDownInBackground(naming);
    if (api != null) {
      api.close();
    }
  }

  @Test
  void jsonNullMetadataIsNoMetadata() {
    String svc = Names.unique("meta-null");
    assertEquals("ok", http.post("/v1/ns/service", "serviceName", svc, "metadata", "null").body());
    assertEquals("ok", http.post("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.31", "port", "1",
        "metadata", "null").body());
    assertEquals("ok", http.put("/v1/ns/cluster", "serviceName", svc, "clusterName", "DEFAULT", "checkPort", "1",
        "useInstancePort4Check", "true", "healthChecker", "{\"type\":\"TCP\"}", "metadata", "null").body());
    assertTrue(http.list(svc).hosts().getJsonObject(0).getJsonObject("metadata").isEmpty());
    assertTrue(http.get("/v1/ns/service", "serviceName", svc).json().getJsonObject("metadata").isEmpty());
    for (String bad : new String[] {"{x", "[1]", "nul", "{\"a\":{\"b\":1}}"}) {
      NacosHttp.Response r = http.post("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.32", "port", "1",
          "metadata", bad);
      assertEquals(400, r.status(), bad + ": " + r.body());
    }
    assertEquals(1, http.list(svc).hosts().size(), "refused registrations change nothing");
  }

  /** nacos-client re-registers from its BeatInfo on 20404; without metadata it sends {@code metadata=null}. */
  @Test
  void expiredInstanceComesBackFromAMetadataLessBeatInfo() throws Exception {
    String svc = Names.unique("beat-null-meta");
    Instance instance = new Instance();
    instance.setIp("127.0.0.33");
    instance.setPort(8080);
    instance.setMetadata(null);
    naming.registerInstance(svc, instance);
    Await.until("registered", WAIT, () -> http.list(svc).hosts().size() == 1);
    // Removed on the server while the client keeps beating: its next beat is answered 20404.
    assertEquals("ok", http.delete("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.33", "port", "8080").body());
    assertEquals(0, http.list(svc).hosts().size());
    Await.until("re-registered from the BeatInfo", WAIT, () -> http.list(svc).hosts().size() == 1);
    assertTrue(http.list(svc).hosts().getJsonObject(0).getJsonObject("metadata").isEmpty());
    naming.deregisterInstance(svc, "127.0.0.33", 8080);
  }

  @Test
  void deletingAServiceDeletesItsInstancesAndTellsSubscribers() throws Exception {
    String svc = Names.unique("delete-full");
    http.register(svc, "127.0.0.34", 1);
    assertEquals("ok", http.post("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.35", "port", "1",
        "ephemeral", "false").body());
    List<List<Instance>> seen = new CopyOnWriteArrayList<>();
    naming.subscribe(svc, e -> seen.add(((NamingEvent) e).getInstances()));
    Await.until("subscriber sees both", WAIT, () -> !seen.isEmpty() && seen.get(seen.size() - 1).size() == 2);

    assertEquals("ok", http.delete("/v1/ns/service", "serviceName", svc).body());
    assertEquals(0, http.list(svc).hosts().size());
    assertEquals(404, http.get("/v1/ns/service", "serviceName", svc).status(), "the service is gone");
    Await.until("subscriber sees the empty list", WAIT, () -> seen.get(seen.size() - 1).isEmpty());
    assertEquals(400, http.delete("/v1/ns/service", "serviceName", svc).status(), "deleting it again");
  }

  @Test
  void serviceListFiltersByNacosLabelExpressions() throws Exception {
    String dubbo = Names.unique("sel-dubbo");
    String spring = Names.unique("sel-spring");
    Instance a = new Instance();
    a.setIp("127.0.0.36");
    a.setPort(1);
    a.setMetadata(Map.of("registerSource", "dubbo"));
    naming.registerInstance(dubbo, a);
    Instance b = new Instance();
    b.setIp("127.0.0.37");
    b.setPort(1);
    b.setMetadata(Map.of("registerSource", "spring"));
    naming.registerInstance(spring, b);
    Await.until("both registered", WAIT, () -> http.list(dubbo).hosts().size() == 1
        && http.list(spring).hosts().size() == 1);

    for (String expr : new String[] {"INSTANCE.label.registerSource = 'dubbo'", "INSTANCE.metadata.registerSource='dubbo'",
        " INSTANCE . anything . registerSource = dubbo "}) {
      List<String> names = naming.getServicesOfServer(1, 1000, selector(expr)).getData();
      assertTrue(names.contains(dubbo), expr + " → " + names);
      assertFalse(names.contains(spring), expr + " → " + names);
    }
    List<String> none = naming.getServicesOfServer(1, 1000,
        selector("INSTANCE.label.registerSource = 'grpc'")).getData();
    assertFalse(none.contains(dubbo) || none.contains(spring), String.valueOf(none));

    for (String bad : new String[] {"HOST.label.registerSource = 'dubbo'", "INSTANCE.registerSource", "INSTANCE = 'x'"}) {
      NacosException e = assertThrows(NacosException.class,
          () -> naming.getServicesOfServer(1, 1000, selector(bad)), bad);
      assertEquals(400, e.getErrCode(), bad + ": " + e.getErrMsg());
    }
    naming.deregisterInstance(dubbo, "127.0.0.36", 1);
    naming.deregisterInstance(spring, "127.0.0.37", 1);
  }

  private static ExpressionSelector selector(String expression) {
    ExpressionSelector selector = new ExpressionSelector();
    selector.setExpression(expression);
    return selector;
  }
}
