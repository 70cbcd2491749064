package dev.beacon.raft;

import static dev.beacon.raft.PersistentStandaloneTest.ok;
import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Persistent instances send no beats: the node checks them (TCP connect by default, HTTP GET when the cluster says
 * so) and flips their health after health-check-times equal results; with the NONE checker health is set by hand.
 */
class ActiveHealthCheckTest {

  private static final long PERIOD = 200;

  private static Beacon node;
  private static int port;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    node = TestNodes.start(TestNodes.standaloneConfig(Map.of(Setting.HEALTH_CHECK_PERIOD, PERIOD,
        Setting.HEALTH_CHECK_TIMEOUT, 200, Setting.HEALTH_CHECK_TIMES, 2)));
    port = node.node().config().port();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
    TestNodes.stop(node);
  }

  @Test
  void tcpCheckFollowsTheListener() throws IOException {
    String service = TestNodes.uniqueService("tcp-check");
    int target = TestNodes.freePort();
    ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0.1",
        "port", target, "ephemeral", "false")));
    awaitHealth(service, target, false);
    try (ServerSocket listener = new ServerSocket(target, 50, InetAddress.getLoopbackAddress())) {
      awaitHealth(service, target, true);
    }
    awaitHealth(service, target, false);
  }

  @Test
  void httpCheckFollowsTheStatus() throws Exception {
    String service = TestNodes.uniqueService("http-check");
    AtomicInteger status = new AtomicInteger(500);
    AtomicInteger wrongPath = new AtomicInteger();
    HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      if (!"/health".equals(req.path())) {
        wrongPath.incrementAndGet();
      }
      req.response().setStatusCode(status.get()).end();
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    int target = server.actualPort();
    try {
      ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/service", Map.of("serviceName", service)));
      ok(NacosHttp.call(port, HttpMethod.PUT, "/v1/ns/cluster", Map.of("serviceName", service, "clusterName", "DEFAULT",
          "checkPort", 80, "useInstancePort4Check", "true",
          "healthChecker", "{\"type\":\"HTTP\",\"path\":\"/health\",\"expectedResponseCode\":200}")));
      ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0.1",
          "port", target, "ephemeral", "false")));
      awaitHealth(service, target, false);
      status.set(200);
      awaitHealth(service, target, true);
      status.set(503);
      awaitHealth(service, target, false);
      assertEquals(0, wrongPath.get(), "the checker asks the configured path");
    } finally {
      server.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void noneCheckerIsSetByHand() {
    String service = TestNodes.uniqueService("none-check");
    int target = TestNodes.freePort();
    ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/service", Map.of("serviceName", service)));
    ok(NacosHttp.call(port, HttpMethod.PUT, "/v1/ns/cluster", Map.of("serviceName", service, "clusterName", "DEFAULT",
        "checkPort", 80, "useInstancePort4Check", "true", "healthChecker", "{\"type\":\"NONE\"}")));
    ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0.1",
        "port", target, "ephemeral", "false")));
    Map<String, Object> health = Map.of("serviceName", service, "ip", "127.0.0.1", "port", target);
    ok(NacosHttp.call(port, HttpMethod.PUT, "/v1/ns/health/instance", with(health, "healthy", "false")));
    assertEquals(false, health(service, target));
    ok(NacosHttp.call(port, HttpMethod.PUT, "/v1/ns/health/instance", with(health, "healthy", "true")));
    // Nothing listens on the port, yet no checker may undo the operator's word: let several periods pass.
    long since = System.nanoTime();
    Await.until("five check periods", WAIT, () -> System.nanoTime() - since > 5 * PERIOD * 1_000_000);
    assertEquals(true, health(service, target));

    String tcp = TestNodes.uniqueService("tcp-manual");
    ok(NacosHttp.call(port, HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", tcp, "ip", "127.0.0.1",
        "port", target, "ephemeral", "false")));
    NacosHttp.Response refused = NacosHttp.call(port, HttpMethod.PUT, "/v1/ns/health/instance",
        Map.of("serviceName", tcp, "ip", "127.0.0.1", "port", target, "healthy", "true"));
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("health check is still working"), refused.body());
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new HashMap<>(base);
    m.put(key, value);
    return m;
  }

  /**
   * The instance detail, not the list: with one instance, the list's protect threshold (0 by default, as in Nacos
   * 1.4) would serve an unhealthy instance as healthy.
   */
  private static boolean health(String service, int target) {
    return ok(NacosHttp.get(port, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.0.1", "port", target)))
        .json().getBoolean("healthy");
  }

  private static void awaitHealth(String service, int target, boolean healthy) {
    Await.until(service + " 127.0.0.1:" + target + " healthy=" + healthy, WAIT,
        () -> health(service, target) == healthy);
  }
}
