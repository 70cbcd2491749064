package dev.beacon.distro;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.core.Addresses;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.ServiceKey;
import dev.beacon.registry.RegistryCommand;
import dev.beacon.support.AppMember;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.TestCluster;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Vert.x application that joins the cluster (as the event-bus API lets every application) forges the servers'
 * internal messages: a forwarded command, a delta, a hello posing as a server, a sync request, and a replay of a
 * hello it overheard. With {@code cluster-secret} on the servers none of them changes anything; each is counted.
 */
@Tag("cluster")
class ClusterSealTest {

  private static TestCluster cluster;
  private static Vertx app;

  @BeforeAll
  static void start() {
    cluster = new TestCluster(2, Map.of());
    app = AppMember.join(cluster);
    app.eventBus().registerCodec(new CommandCodec());
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close().await();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anApplicationCannotForgeTheServersInternalMessages() throws Exception {
    String service = Names.unique("sealed");
    ServiceKey key = ServiceKey.of(ServiceKey.DEFAULT_NAMESPACE, ServiceKey.DEFAULT_GROUP, service);
    List<String> serversBefore = cluster.node(0).distro().membership().serverIds();
    // Sealed traffic still flows: a registration through node 0 reaches node 1 (a delta, or a forwarded command).
    assertEquals(200, NacosHttp.call(port(0), HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", service, "ip", "127.0.0.1", "port", 7000)).status());
    Await.until("node 1 lists the legitimate instance", WAIT, () -> hosts(1, service) == 1);

    // Overhear one of the servers' own (sealed) hellos, to replay it.
    CompletableFuture<Message<JsonObject>> overheard = new CompletableFuture<>();
    MessageConsumer<JsonObject> ear = app.eventBus().consumer(Addresses.DISTRO_HELLO, overheard::complete);
    Message<JsonObject> sealedHello = overheard.get(10, TimeUnit.SECONDS);
    ear.unregister().await();
    long refusedBefore = refused();

    String owner = cluster.node(0).distro().membership().responsibleNode(key);
    Instance forged = new Instance(new InstanceRef(Instance.DEFAULT_CLUSTER, "127.0.0.66", 6666), 1.0, true, true,
        true, false, Metadata.EMPTY, "", "");
    DeliveryOptions asCommand = new DeliveryOptions().setCodecName(CommandCodec.NAME).setSendTimeout(1000);
    app.eventBus().request(Addresses.distroCommands(owner), new RegistryCommand.Register(key, forged), asCommand);
    app.eventBus().publish(Addresses.DISTRO_DELTAS, Buffer.buffer(new byte[] {1, 2, 3}));
    String hz = ((VertxInternal) app).clusterManager().getNodeId();
    app.eventBus().publish(Addresses.DISTRO_HELLO, new JsonObject().put("node", "127.0.0.1:1").put("hz", hz));
    app.eventBus().request(Addresses.DISTRO_SYNC, new JsonObject().put("op", "start").put("from", "127.0.0.1:1"),
        new DeliveryOptions().setSendTimeout(1000));
    // A replay of a server's own hello, seal and all: refused as already seen.
    app.eventBus().publish(Addresses.DISTRO_HELLO, sealedHello.body(),
        new DeliveryOptions().setHeaders(sealedHello.headers()));

    // 1 command (its owner), 1 delta, 2 hellos (both servers each), 1 sync request (one server): 8 at least.
    Await.until("the servers refused the forged messages", WAIT, () -> refused() - refusedBefore >= 8);
    Await.holds("nothing forged took effect", Duration.ofSeconds(1), () ->
        hosts(0, service) == 1 && hosts(1, service) == 1
            && cluster.node(0).distro().membership().serverIds().equals(serversBefore)
            && cluster.node(1).distro().membership().serverIds().equals(serversBefore));
    try (NacosHttp http = new NacosHttp(port(0))) {
      String metrics = http.raw(HttpMethod.GET, "/metrics", null, null).body();
      assertTrue(metrics.lines().anyMatch(l -> l.startsWith("beacon_distro_refused_total") && !l.endsWith(" 0.0")),
          "refusals are counted in /metrics");
    }
  }

  private static long refused() {
    return cluster.live().stream().mapToLong(b -> b.distro().stats().refused.sum()).sum();
  }

  private static int port(int i) {
    return cluster.node(i).node().config().port();
  }

  private static int hosts(int node, String service) {
    NacosHttp.Response r = NacosHttp.get(port(node), "/v1/ns/instance/list", Map.of("serviceName", service));
    return r.status() == 200 ? r.json().getJsonArray("hosts").size() : -1;
  }
}
