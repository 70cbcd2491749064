package dev.beacon.client;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.naming.NamingFactory;
import com.alibaba.nacos.api.naming.NamingService;
import com.alibaba.nacos.api.naming.pojo.Instance;
import dev.beacon.config.Setting;
import dev.beacon.core.Addresses;
import dev.beacon.support.AppMember;
import dev.beacon.support.Await;
import dev.beacon.support.NacosClients;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestCluster;
import dev.beacon.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Vert.x application that joins the servers' Hazelcast cluster (through the repo's cluster.xml, as a plain member:
 * no Distro, no registry) and uses {@link NamingClient} over the clustered event bus, checked against three servers
 * through HTTP and a real nacos-client 1.4.8.
 */
@Tag("cluster")
class NamingClientClusterTest {

  private static final int SERVERS = 3;
  private static final long BEAT_INTERVAL = 250;
  private static final long DELETE_TIMEOUT = 2000;
  /** HTTP-registered instances are never beaten: long per-instance timeouts keep them from changing under a test. */
  private static final String NO_EXPIRY = new JsonObject().put("preserved.heart.beat.timeout", "600000")
      .put("preserved.ip.delete.timeout", "600000").encode();

  private static TestCluster cluster;
  private static Vertx app;
  private static NamingService nacos;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("com.alibaba.nacos.client.naming.local.ip", "127.0.0.1");
    cluster = new TestCluster(SERVERS, Map.of(Setting.BEAT_INTERVAL, BEAT_INTERVAL, Setting.BEAT_TIMEOUT, 1000,
        Setting.DELETE_TIMEOUT, DELETE_TIMEOUT, Setting.EXPIRY_CHECK_PERIOD, 100));
    app = AppMember.join(cluster);
    nacos = NamingFactory.createNamingService(NacosClients.properties(cluster.serverAddr()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (nacos != null) {
      nacos.shutDown();
    }
    if (app != null) {
      app.close().await(30, TimeUnit.SECONDS);
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static int port(int i) {
    return cluster.node(i).node().config().port();
  }

  private static JsonArray hostsOverHttp(int node, String service) {
    return NacosHttp.get(port(node), "/v1/ns/instance/list",
        Map.of("serviceName", service)).json().getJsonArray("hosts");
  }

  private static List<Instance> nacosInstances(String service) {
    try {
      return nacos.getAllInstances(service, false);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void theApplicationIsAClusterMemberButNotARegistryServer() {
    Set<String> servers = cluster.live().stream().map(b -> b.node().config().nodeId()).collect(Collectors.toSet());
    for (int i = 0; i < SERVERS; i++) {
      int node = i;
      Await.until("node " + i + "'s Hazelcast lists the servers and the app", WAIT,
          () -> cluster.node(node).distro().bootstrap().clusterManager().getNodes().size() == SERVERS + 1);
      JsonArray listed = NacosHttp.get(port(i), "/v1/ns/operator/servers", Map.of()).json().getJsonArray("servers");
      Set<String> addresses = listed.stream().map(s -> ((JsonObject) s).getString("address"))
          .collect(Collectors.toSet());
      assertEquals(servers, addresses, "node " + i + " lists the registry servers only");
    }
  }

  @Test
  void instanceRegisteredByTheAppIsSeenByNacosClientAndKeptAliveByBeats() {
    String service = TestNodes.uniqueService("ncc");
    NamingClient client = NamingClient.create(app, new NamingClientOptions().setBeatInterval(BEAT_INTERVAL));
    try {
      await(client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.11", 8081)
          .withMetadata(Map.of("zone", "a"))));
      List<Instance> all = Await.value("nacos-client sees the instance", WAIT, () -> nacosInstances(service),
          l -> l.size() == 1);
      assertEquals("127.0.0.11", all.get(0).getIp());
      assertEquals("a", all.get(0).getMetadata().get("zone"));
      BooleanSupplier healthyEverywhere = () -> {
        for (int i = 0; i < SERVERS; i++) {
          JsonArray h = hostsOverHttp(i, service);
          if (h.size() != 1 || !h.getJsonObject(0).getBoolean("healthy")) {
            return false;
          }
        }
        try {
          return nacos.selectInstances(service, true, false).size() == 1;
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      };
      // Replicas learn of the registration a Distro delta later than the node that took it.
      Await.until("healthy on every server", WAIT, healthyEverywhere);
      Await.holds("healthy on every server and through nacos-client", Duration.ofMillis(DELETE_TIMEOUT + 500),
          healthyEverywhere);
    } finally {
      await(client.close());
    }
    Await.until("deregistered by close", WAIT, () -> nacosInstances(service).isEmpty());
  }

  @Test
  void instanceDisappearsWhenTheApplicationStopsBeatingWithoutDeregistering() throws Exception {
    String service = TestNodes.uniqueService("ncc");
    Vertx doomed = AppMember.join(cluster);
    try {
      await(NamingClient.create(doomed, new NamingClientOptions().setBeatInterval(BEAT_INTERVAL))
          .register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.12", 8082)));
      Await.until("nacos-client sees the instance", WAIT, () -> nacosInstances(service).size() == 1);
    } finally {
      // The app goes away with its client still registered: no deregistration, its beats just stop.
      doomed.close().await(30, TimeUnit.SECONDS);
    }
    Await.until("nacos-client no longer sees the instance", Duration.ofMillis(DELETE_TIMEOUT * 4),
        () -> nacosInstances(service).isEmpty());
    for (int i = 0; i < SERVERS; i++) {
      int node = i;
      Await.until("node " + i + " dropped it", WAIT, () -> hostsOverHttp(node, service).isEmpty());
    }
  }

  @Test
  void changesRegisteredOverHttpOnAnyNodeReachTheAppOncePerChange() {
    String service = TestNodes.uniqueService("ncc");
    NamingClient client = NamingClient.create(app);
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    try {
      await(client.subscribe(service, "DEFAULT_GROUP", events::add));
      // First the acknowledgement: the current state, here a service that does not exist yet.
      assertEquals(1, events.size());
      assertEquals(true, events.get(0).getBoolean("removed"));
      int changes = 1;
      for (int i = 0; i < 4; i++) {
        assertEquals(200, NacosHttp.call(port(i % SERVERS), HttpMethod.POST, "/v1/ns/instance",
            Map.of("serviceName", service,
            "ip", "127.0.0." + (20 + i), "port", 8083, "metadata", NO_EXPIRY)).status());
        int expected = ++changes;
        int hosts = i + 1;
        Await.until("event " + expected + " with " + hosts + " hosts", WAIT, () -> events.size() >= expected
            && events.get(events.size() - 1).getJsonArray("hosts").size() == hosts);
      }
      assertEquals(200, NacosHttp.call(port(1), HttpMethod.DELETE, "/v1/ns/instance", Map.of("serviceName", service,
          "ip", "127.0.0.20", "port", 8083)).status());
      int expected = ++changes;
      Await.until("event after the deregistration", WAIT, () -> events.size() >= expected
          && events.get(events.size() - 1).getJsonArray("hosts").size() == 3);
      Await.holds("one event per change, not one per server", Duration.ofMillis(800),
          () -> events.size() == expected);
      assertEquals("DEFAULT_GROUP@@" + service, events.get(1).getString("name"));
    } finally {
      await(client.close());
    }
  }

  @Test
  void eachRequestFromTheAppIsAnsweredByExactlyOneServer() {
    List<AtomicInteger> received = new ArrayList<>();
    List<Handler<DeliveryContext<Object>>> interceptors = new ArrayList<>();
    for (int i = 0; i < SERVERS; i++) {
      AtomicInteger count = new AtomicInteger();
      received.add(count);
      Handler<DeliveryContext<Object>> interceptor = ctx -> {
        String address = ctx.message().address(); // the shared address or a server's own
        if (Addresses.NAMING_API.equals(address) || address.startsWith(NamingProtocol.SERVER_API_PREFIX)) {
          count.incrementAndGet();
        }
        ctx.next();
      };
      interceptors.add(interceptor);
      cluster.node(i).vertx().eventBus().addInboundInterceptor(interceptor);
    }
    try {
      NamingClient client = NamingClient.create(app);
      int requests = 30;
      for (int i = 0; i < requests; i++) {
        JsonObject reply = await(client.request("operator.servers", null));
        assertEquals(SERVERS, reply.getJsonArray("servers").size());
      }
      assertEquals(requests, received.stream().mapToInt(AtomicInteger::get).sum(), "deliveries " + received);
      assertTrue(received.stream().filter(c -> c.get() > 0).count() > 1, "spread over the servers: " + received);
    } finally {
      for (int i = 0; i < SERVERS; i++) {
        cluster.node(i).vertx().eventBus().removeInboundInterceptor(interceptors.get(i));
      }
    }
  }

  @Test
  void badMessagesGetClientErrorRepliesAndTheServersKeepServing() {
    List<Object> bad = List.of(
        "not json",
        Buffer.buffer("{\"action\":"),
        42,
        new JsonArray().add("instance.list"),
        new JsonObject(),
        new JsonObject().put("action", 7),
        new JsonObject().put("action", "no.such.action"),
        new JsonObject().put("action", "instance.register").put("params", new JsonObject()),
        new JsonObject().put("action", "instance.register").put("params", "serviceName=x"),
        new JsonObject().put("action", "instance.list").put("params", new JsonArray().add(1)),
        new JsonObject().put("action", "instance.register").put("params", new JsonObject()
            .put("serviceName", "x").put("ip", "127.0.0.1").put("port", "not-a-port")));
    // Each a few times, so that round-robin delivery brings every kind to every server.
    for (int round = 0; round < SERVERS; round++) {
      for (Object body : bad) {
        Throwable e = app.eventBus().request(Addresses.NAMING_API, body).toCompletionStage().toCompletableFuture()
            .handle((v, t) -> t).join();
        ReplyException failure = assertInstanceOf(ReplyException.class,
            e instanceof CompletionException ? e.getCause() : e, "reply to " + body);
        assertEquals(ReplyFailure.RECIPIENT_FAILURE, failure.failureType(), "reply to " + body);
        assertTrue(failure.failureCode() >= 400 && failure.failureCode() < 500,
            body + " -> " + failure.failureCode() + " " + failure.getMessage());
        assertTrue(failure.getMessage() != null && !failure.getMessage().isBlank(), "message for " + body);
      }
    }
    String service = TestNodes.uniqueService("ncc");
    NamingClient client = NamingClient.create(app);
    try {
      await(client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.13", 8084)));
      for (int i = 0; i < SERVERS; i++) {
        assertTrue(cluster.node(i).node().status().ready(), "node " + i + " still up");
        int node = i;
        Await.until("node " + i + " serves the new instance", WAIT, () -> hostsOverHttp(node, service).size() == 1);
      }
      assertEquals(1, await(client.getInstances(service, "DEFAULT_GROUP", true)).size());
    } finally {
      await(client.close());
    }
  }
}
