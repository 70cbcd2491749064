package dev.beacon.distro;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.config.Setting;
import dev.beacon.core.Addresses;
import dev.beacon.model.ServiceKey;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestCluster;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The owner of a service is alive but does not answer: forwarded writes fall back to the receiving node, and Distro
 * (the fallback node's delta, or verification pushing the newer view to the owner) brings every node, the owner
 * included, to the same view; the change feed reports the write exactly once. "Does not answer" is an inbound
 * event-bus interceptor on the owner that swallows the chosen Distro addresses: the owner keeps saying hello and
 * publishing verify digests, and the forwarding node really waits out its timeout.
 */
@Tag("cluster")
class DistroFallbackTest {

  private static final int FORWARD_TIMEOUT = 300;
  private static TestCluster cluster;

  @BeforeAll
  static void start() {
    // Beats never time out here: instances turning unhealthy would be feed events of their own.
    cluster = new TestCluster(3, Map.of(Setting.DISTRO_FORWARD_TIMEOUT, FORWARD_TIMEOUT,
        Setting.DISTRO_VERIFY_PERIOD, 500, Setting.BEAT_TIMEOUT, 600_000, Setting.DELETE_TIMEOUT, 600_000));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** A new service, registered while its owner ignores forwarded writes: it learns it from the fallback's delta. */
  @Test
  void fallbackWriteReachesTheOwnerAndTheFeedOnce() throws Exception {
    String service = "fallback-" + UUID.randomUUID();
    Roles r = roles(service);
    Feed feed = Feed.open(r.other, r.owner, service);
    Handler<DeliveryContext<Object>> deaf = ignore(Addresses.distroCommands(nodeId(r.owner)));
    EventBus ownerBus = cluster.node(r.owner).vertx().eventBus();
    ownerBus.addInboundInterceptor(deaf);
    try {
      long fallbacks = stats(r.via).forwardFallbacks.sum();
      long began = System.nanoTime();
      assertEquals(200, register(r.via, service, 7001).status());
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
      assertTrue(tookMs >= FORWARD_TIMEOUT && tookMs < FORWARD_TIMEOUT + 2500,
          "answered after waiting out the forward timeout, took " + tookMs + " ms");
      assertEquals(fallbacks + 1, stats(r.via).forwardFallbacks.sum(), "applied on the receiving node");
      awaitConverged(service, 1);
      Await.until("the feed reported it", WAIT, () -> feed.events.size() == 1);
    } finally {
      ownerBus.removeInboundInterceptor(deaf);
    }
    assertHasPort(feed.events.get(0), 7001);
    // The owner answers again: a write through the same node is forwarded, and its event is the next one.
    long fallbacks = stats(r.via).forwardFallbacks.sum();
    assertEquals(200, register(r.via, service, 7002).status());
    assertEquals(fallbacks, stats(r.via).forwardFallbacks.sum(), "forwarded, no fallback");
    awaitConverged(service, 2);
    feed.awaitAsEvent(2, 7002);
    feed.close();
  }

  /**
   * The owner has the service but misses both the forwarded write and the fallback node's delta (as behind a
   * partition that drops writes only): its next verify digest shows an older revision, the replicas push their newer
   * view to it, and it ends up with the instance without further client traffic.
   */
  @Test
  void verificationPushesAFallbackWriteTheOwnerMissed() throws Exception {
    String service = "pushed-" + UUID.randomUUID();
    Roles r = roles(service);
    Feed feed = Feed.open(r.other, r.owner, service);
    assertEquals(200, register(r.owner, service, 7101).status());
    awaitConverged(service, 1);
    Await.until("the feed reported the first instance", WAIT, () -> feed.events.size() == 1);
    assertHasPort(feed.events.get(0), 7101);

    Handler<DeliveryContext<Object>> deaf = ignore(Addresses.distroCommands(nodeId(r.owner)), Addresses.DISTRO_DELTAS);
    EventBus ownerBus = cluster.node(r.owner).vertx().eventBus();
    long mismatches = stats(r.via).verifyMismatches.sum() + stats(r.other).verifyMismatches.sum();
    long applied = stats(r.owner).viewsApplied.sum();
    ownerBus.addInboundInterceptor(deaf);
    try {
      long fallbacks = stats(r.via).forwardFallbacks.sum();
      assertEquals(200, register(r.via, service, 7102).status());
      assertEquals(fallbacks + 1, stats(r.via).forwardFallbacks.sum(), "applied on the receiving node");
      // Still deaf to deltas and forwarded writes: only verification's push can bring it to the owner.
      awaitConverged(service, 2);
      assertTrue(stats(r.via).verifyMismatches.sum() + stats(r.other).verifyMismatches.sum() > mismatches,
          "replicas found the owner behind");
      assertTrue(stats(r.owner).viewsApplied.sum() > applied, "the owner applied a pushed view");
      Await.until("the feed reported the fallback write", WAIT, () -> feed.events.size() == 2);
    } finally {
      ownerBus.removeInboundInterceptor(deaf);
    }
    assertHasPort(feed.events.get(1), 7102);
    assertEquals(200, register(r.via, service, 7103).status());
    awaitConverged(service, 3);
    feed.awaitAsEvent(3, 7103);
    feed.close();
  }

  // ---- fixtures ----

  /** Node indexes: the owner of the service, the node writes go through, and the third node. */
  private record Roles(int owner, int via, int other) {
  }

  private static Roles roles(String service) {
    String ownerId = cluster.node(0).node().cluster().responsibleNode(key(service));
    int owner = -1;
    for (int i = 0; i < 3; i++) {
      if (nodeId(i).equals(ownerId)) {
        owner = i;
      }
    }
    assertTrue(owner >= 0, "owner " + ownerId + " is one of the nodes");
    return new Roles(owner, (owner + 1) % 3, (owner + 2) % 3);
  }

  /** An inbound interceptor that swallows messages to the given addresses: no handler runs, nobody answers. */
  private static Handler<DeliveryContext<Object>> ignore(String... addresses) {
    Set<String> ignored = Set.of(addresses);
    return ctx -> {
      if (!ignored.contains(ctx.message().address())) {
        ctx.next();
      }
    };
  }

  /** Every node lists {@code instances} instances of the service, all with the same checksum. */
  private static void awaitConverged(String service, int instances) {
    Await.until("every node lists " + instances + " instance(s) with one checksum", WAIT, () -> {
      Set<String> checksums = new HashSet<>();
      for (int n = 0; n < 3; n++) {
        NacosHttp.Response r = NacosHttp.get(port(n), "/v1/ns/instance/list", Map.of("serviceName", service));
        if (r.status() != 200 || r.hosts().size() != instances) {
          return false;
        }
        checksums.add(r.json().getString("checksum"));
      }
      return checksums.size() == 1;
    });
  }

  private static void assertHasPort(JsonObject event, int port) {
    assertTrue(lists(event, port), "event lists port " + port + ": " + event);
  }

  private static boolean lists(JsonObject event, int port) {
    return event.getJsonArray("hosts").stream().anyMatch(h -> ((JsonObject) h).getInteger("port") == port);
  }

  private static NacosHttp.Response register(int node, String service, int port) {
    return NacosHttp.call(port(node), HttpMethod.POST, "/v1/ns/instance",
        Map.of("serviceName", service, "ip", "127.0.0.1", "port", port));
  }

  private static DistroStats stats(int node) {
    return cluster.node(node).distro().stats();
  }

  private static String nodeId(int node) {
    return cluster.node(node).node().config().nodeId();
  }

  private static int port(int node) {
    return cluster.node(node).node().config().port();
  }

  private static ServiceKey key(String service) {
    return ServiceKey.of(ServiceKey.DEFAULT_NAMESPACE, ServiceKey.DEFAULT_GROUP, service);
  }

  /** The service's change feed, consumed on one node with interest declared as NamingClient does. */
  private record Feed(MessageConsumer<JsonObject> consumer, List<JsonObject> events) {

    /**
     * Opens the feed on {@code node} and waits until the owner's event bus routes the service's address to it (a
     * request from there, answered by the consumer, gets through); events are only published, never requested.
     */
    static Feed open(int node, int owner, String service) throws Exception {
      ServiceKey key = key(service);
      List<JsonObject> events = new CopyOnWriteArrayList<>();
      EventBus bus = cluster.node(node).vertx().eventBus();
      MessageConsumer<JsonObject> consumer = bus.consumer(Addresses.changesOf(key), m -> {
        if (m.replyAddress() != null) {
          m.reply("here");
        } else {
          events.add(m.body());
        }
      });
      consumer.completion().await(10, TimeUnit.SECONDS);
      bus.publish(Addresses.FEED_INTEREST,
          new JsonObject().put("namespace", key.namespace()).put("service", key.groupedName()));
      EventBus ownerBus = cluster.node(owner).vertx().eventBus();
      Await.until("the owner routes the feed to node " + node, WAIT, () -> {
        try {
          ownerBus.request(Addresses.changesOf(key), new JsonObject(), new DeliveryOptions().setSendTimeout(1000))
              .await(2, TimeUnit.SECONDS);
          return true;
        } catch (Exception e) {
          return false;
        }
      });
      return new Feed(consumer, events);
    }

    /**
     * Waits for the event that first lists {@code port} (a later write's) and checks it is the {@code n}-th: every
     * earlier change reached the feed exactly once.
     */
    void awaitAsEvent(int n, int port) {
      Await.until("the feed reported port " + port, WAIT, () -> events.stream().anyMatch(e -> lists(e, port)));
      assertEquals(n, events.stream().takeWhile(e -> !lists(e, port)).count() + 1, "events: " + events);
    }

    void close() throws Exception {
      consumer.unregister().await(10, TimeUnit.SECONDS);
    }
  }
}
