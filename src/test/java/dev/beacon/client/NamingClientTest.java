package dev.beacon.client;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.config.Setting;
import dev.beacon.core.Addresses;
import dev.beacon.core.NodeStatus;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NamingClient against a standalone node, on the node's own Vert.x (a stand-in until the cluster test: a separate
 * Vert.x application joining the servers' Hazelcast cluster).
 */
class NamingClientTest {

  private static final long BEAT_INTERVAL = 200;
  private static final long DELETE_TIMEOUT = 1500;
  private static final NamingClientOptions FAST_BEATS = new NamingClientOptions().setBeatInterval(BEAT_INTERVAL);

  private static Beacon node;
  private static ApiNode api;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of(Setting.BEAT_INTERVAL, BEAT_INTERVAL,
        Setting.BEAT_TIMEOUT, 800, Setting.DELETE_TIMEOUT, DELETE_TIMEOUT, Setting.EXPIRY_CHECK_PERIOD, 100));
    node = api.beacon();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Hosts as an HTTP caller sees them, "ip:port" with health. */
  private static JsonArray hostsOverHttp(String service) {
    return new JsonObject(api.http().call(HttpMethod.GET, "/v1/ns/instance/list", Map.of("serviceName", service)).body())
        .getJsonArray("hosts");
  }


  @Test
  void automaticBeatsKeepAnEphemeralInstanceAlivePastTheTimeouts() {
    String service = TestNodes.uniqueService("nc");
    NamingClient client = NamingClient.create(node.vertx(), FAST_BEATS);
    try {
      await(client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.1", 7100)
          .withMetadata(Map.of("zone", "a")).withWeight(3)));
      List<JsonObject> hosts = await(client.getInstances(service, "DEFAULT_GROUP", false));
      assertEquals(1, hosts.size());
      assertEquals("a", hosts.get(0).getJsonObject("metadata").getString("zone"));
      assertEquals(3.0, hosts.get(0).getDouble("weight"));
      Await.holds("instance registered and healthy", Duration.ofMillis(DELETE_TIMEOUT * 2), () -> {
        JsonArray h = hostsOverHttp(service);
        return h.size() == 1 && h.getJsonObject(0).getBoolean("healthy");
      });
    } finally {
      await(client.close());
    }
  }

  @Test
  void instanceRemovedBehindTheClientsBackIsRegisteredAgainOnTheNextBeat() {
    String service = TestNodes.uniqueService("nc");
    NamingClient client = NamingClient.create(node.vertx(), FAST_BEATS);
    try {
      await(client.register(service, null, InstanceSpec.of("127.0.0.1", 7101)));
      assertEquals(200, api.http().call(HttpMethod.DELETE, "/v1/ns/instance",
          Map.of("serviceName", service, "ip", "127.0.0.1", "port", 7101)).status());
      Await.until("re-registered after a 20404 beat", WAIT, () -> hostsOverHttp(service).size() == 1);
    } finally {
      await(client.close());
    }
  }

  @Test
  void closeDeregistersEverythingAndStopsBeating() {
    String service = TestNodes.uniqueService("nc");
    NamingClient client = NamingClient.create(node.vertx(), FAST_BEATS);
    await(client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.1", 7102)));
    await(client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.2", 7102).withCluster("B")));
    assertEquals(2, hostsOverHttp(service).size());
    await(client.close());
    assertEquals(0, hostsOverHttp(service).size(), "deregistered when close completes");
    Await.holds("no beat brings them back", Duration.ofMillis(1000), () -> hostsOverHttp(service).isEmpty());
  }

  @Test
  void instanceDisappearsOnceItsApplicationStopsBeating() {
    String service = TestNodes.uniqueService("nc");
    // An application verticle owns the client; undeploying it cancels its timers, as a crashed app stops beating.
    String deployment = await(node.vertx().deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        return NamingClient.create(vertx, FAST_BEATS).register(service, "DEFAULT_GROUP",
            InstanceSpec.of("127.0.0.1", 7103));
      }
    }));
    assertEquals(1, hostsOverHttp(service).size());
    await(node.vertx().undeploy(deployment));
    Await.until("instance expired", Duration.ofMillis(DELETE_TIMEOUT * 4), () -> hostsOverHttp(service).isEmpty());
  }

  @Test
  void selectOneHealthyPicksByWeightAmongEnabledHealthyInstances() {
    String service = TestNodes.uniqueService("nc");
    NamingClient client = NamingClient.create(node.vertx(), FAST_BEATS);
    try {
      await(client.register(service, "G1", InstanceSpec.of("127.0.0.1", 7104)));
      await(client.register(service, "G1", InstanceSpec.of("127.0.0.2", 7104)));
      await(client.register(service, "G1", InstanceSpec.of("127.0.0.3", 7104).withWeight(0)));
      assertEquals(200, api.http().call(HttpMethod.PATCH, "/v1/ns/instance", Map.of("serviceName", service,
          "groupName", "G1", "ip", "127.0.0.2", "port", 7104, "enabled", false)).status());
      Set<String> picked = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        picked.add(await(client.selectOneHealthy(service, "G1")).getString("ip"));
      }
      assertEquals(Set.of("127.0.0.1"), picked, "disabled and zero-weight instances are never picked");
    } finally {
      await(client.close());
    }
    ExecutionException none = Assertions.assertThrows(ExecutionException.class,
        () -> client.selectOneHealthy(service, "G1").toCompletionStage().toCompletableFuture()
            .get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, none.getCause());
  }

  @Test
  void subscribeDeliversChangesOfAServiceRegisteredOverHttpUntilUnsubscribed() {
    String service = TestNodes.uniqueService("nc");
    NamingClient client = NamingClient.create(node.vertx());
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    try {
      ChangeSubscription subscription = await(client.subscribe(service, "DEFAULT_GROUP", events::add));
      api.http().register(service, "127.0.0.1", 7105);
      Await.until("event with the instance", Duration.ofSeconds(3), () -> events.stream()
          .anyMatch(e -> e.getJsonArray("hosts").size() == 1
              && e.getJsonArray("hosts").getJsonObject(0).getInteger("port") == 7105));
      api.http().register(service, "127.0.0.2", 7105);
      Await.until("event with both", Duration.ofSeconds(3),
          () -> events.stream().anyMatch(e -> e.getJsonArray("hosts").size() == 2));
      await(subscription.unsubscribe());
      int seen = events.size();
      api.http().register(service, "127.0.0.3", 7105);
      Await.until("third registered", Duration.ofSeconds(3), () -> hostsOverHttp(service).size() == 3);
      Await.holds("no event after unsubscribe", Duration.ofMillis(300), () -> events.size() == seen);
    } finally {
      await(client.close());
    }
  }

  /**
   * subscribe completes once the server has acknowledged the interest with the current state, even for a service
   * that does not exist yet: a registration made right after it completes is delivered, without any wait.
   */
  @Test
  void subscribeCompletesOnceTheFeedIsLiveAlsoForAServiceThatDoesNotExistYet() {
    String service = TestNodes.uniqueService("nc-ack");
    NamingClient client = NamingClient.create(node.vertx());
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    try {
      await(client.subscribe(service, "DEFAULT_GROUP", events::add));
      assertEquals(1, events.size(), "the current state came first: " + events);
      assertTrue(events.get(0).getJsonArray("hosts").isEmpty());
      assertEquals(true, events.get(0).getBoolean("removed"), "no such service yet: " + events.get(0));
      api.http().register(service, "127.0.0.1", 7106);
      Await.until("event with the new instance", Duration.ofSeconds(3), () -> events.size() == 2
          && events.get(1).getJsonArray("hosts").size() == 1);
    } finally {
      await(client.close());
    }
  }

  /** A server that is not ready records interest but does not acknowledge it: subscribe fails after its retries. */
  @Test
  void subscribeFailsWhenNoServerAcknowledgesTheInterest() {
    NamingClient client = NamingClient.create(node.vertx(),
        new NamingClientOptions().setRequestTimeout(200).setUnavailableRetries(1));
    node.node().status().set(NodeStatus.State.STARTING);
    try {
      ExecutionException e = Assertions.assertThrows(ExecutionException.class,
          () -> client.subscribe(TestNodes.uniqueService("nc-noack"), "DEFAULT_GROUP", ev -> { })
              .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
      ReplyException failure = assertInstanceOf(ReplyException.class, e.getCause());
      assertEquals(ReplyFailure.TIMEOUT, failure.failureType());
      assertTrue(failure.getMessage().contains("no server acknowledged interest"), failure.getMessage());
    } finally {
      node.node().status().set(NodeStatus.State.UP);
      await(client.close());
    }
  }

  /**
   * close() during a subscribe still waiting for its acknowledgement ends its retries too: nothing is published after
   * close completes, the subscribe fails, and the closed client refuses new requests.
   */
  @Test
  void closeEndsASubscribeThatIsStillWaitingAndRefusesNewRequests() {
    String service = TestNodes.uniqueService("nc-close-early");
    long timeout = 100;
    NamingClient client = NamingClient.create(node.vertx(),
        new NamingClientOptions().setRequestTimeout(timeout).setUnavailableRetries(20));
    AtomicInteger declared = new AtomicInteger();
    var interest = node.vertx().eventBus().<JsonObject>consumer(Addresses.FEED_INTEREST, m -> {
      if (m.body().getString("service").endsWith(service)) {
        declared.incrementAndGet();
      }
    });
    node.node().status().set(NodeStatus.State.STARTING); // records interest, acknowledges nothing
    try {
      await(interest.completion());
      var subscribing = client.subscribe(service, "DEFAULT_GROUP", e -> { });
      Await.until("interest declared and declared again", Duration.ofSeconds(3), () -> declared.get() >= 2);
      await(client.close());
      Await.until("the subscribe failed", Duration.ofSeconds(3), subscribing::failed);
      int afterClose = declared.get();
      Await.holds("no declaration after close", Duration.ofMillis(timeout * 5), () -> declared.get() == afterClose);
      ExecutionException e = Assertions.assertThrows(ExecutionException.class,
          () -> client.getInstances(service, "DEFAULT_GROUP", false).toCompletionStage().toCompletableFuture()
              .get(10, TimeUnit.SECONDS));
      assertInstanceOf(IllegalStateException.class, e.getCause());
    } finally {
      node.node().status().set(NodeStatus.State.UP);
      await(interest.unregister());
    }
  }

  /** A closed client's subscriptions stop renewing their interest, so servers stop feeding them. */
  @Test
  void closeEndsTheInterestRenewalsOfItsSubscriptions() {
    String service = TestNodes.uniqueService("nc-close");
    long period = 50;
    NamingClient client = NamingClient.create(node.vertx(), new NamingClientOptions().setInterestPeriod(period));
    AtomicInteger renewals = new AtomicInteger();
    var interest = node.vertx().eventBus().<JsonObject>consumer(Addresses.FEED_INTEREST, m -> {
      if (m.body().getString("service").endsWith(service)) {
        renewals.incrementAndGet();
      }
    });
    try {
      await(interest.completion());
      await(client.subscribe(service, "DEFAULT_GROUP", e -> { }));
      Await.until("interest renewed", Duration.ofSeconds(3), () -> renewals.get() >= 3);
      await(client.close());
      int afterClose = renewals.get();
      Await.holds("no renewal after close", Duration.ofMillis(period * 6), () -> renewals.get() == afterClose);
    } finally {
      await(interest.unregister());
    }
  }

  @Test
  void serverValidationFailuresReachTheCallerWithTheHttpStatus() {
    NamingClient client = NamingClient.create(node.vertx());
    Throwable e = client.register(TestNodes.uniqueService("nc"), "DEFAULT_GROUP",
            InstanceSpec.of("127.0.0.1", 0).withWeight(-1))
        .toCompletionStage().toCompletableFuture().handle((v, t) -> t).join();
    ReplyException failure = assertInstanceOf(ReplyException.class,
        e instanceof CompletionException ? e.getCause() : e);
    assertEquals(400, failure.failureCode());
    assertTrue(!failure.getMessage().isBlank());
  }

  @Test
  void theClientBeatsAtTheIntervalTheServerAsksFor() {
    String service = TestNodes.uniqueService("nc");
    Map<Integer, AtomicInteger> beats = Map.of(8085, new AtomicInteger(), 8086, new AtomicInteger());
    Handler<DeliveryContext<Object>> counter = ctx -> {
      if (ctx.body() instanceof JsonObject body && "instance.beat".equals(body.getString("action"))) {
        AtomicInteger c = beats.get(body.getJsonObject("params").getInteger("port"));
        if (c != null) {
          c.incrementAndGet();
        }
      }
      ctx.next();
    };
    node.vertx().eventBus().addOutboundInterceptor(counter);
    // The client starts at 500 ms; the server answers 200 ms (its beat-interval) for one instance and 1500 ms (the
    // instance's preserved.heart.beat.interval) for the other.
    NamingClient client = NamingClient.create(node.vertx(), new NamingClientOptions().setBeatInterval(500));
    try {
      await(client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.14", 8085)));
      await(client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.14", 8086).withMetadata(Map.of(
          "preserved.heart.beat.interval", "1500", "preserved.heart.beat.timeout", "5000",
          "preserved.ip.delete.timeout", "10000"))));
      Await.until("first beats answered", Duration.ofSeconds(10), () -> beats.get(8085).get() >= 2 && beats.get(8086).get() >= 2);
      int fast = beats.get(8085).get();
      int slow = beats.get(8086).get();
      long start = System.nanoTime();
      Await.holds("the fast instance stays healthy", Duration.ofMillis(3000), () -> {
        JsonArray h = hostsOverHttp(service);
        return h.size() == 2 && h.stream().allMatch(o -> ((JsonObject) o).getBoolean("healthy"));
      });
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      int fastBeats = beats.get(8085).get() - fast;
      int slowBeats = beats.get(8086).get() - slow;
      // At the server's 200 ms about 15 beats in 3 s (6 at the client's own 500 ms); at 1500 ms about 2.
      assertTrue(fastBeats >= elapsed / BEAT_INTERVAL * 2 / 3, fastBeats + " beats in " + elapsed + " ms at 200");
      assertTrue(slowBeats <= elapsed / 1500 + 1, slowBeats + " beats in " + elapsed + " ms at 1500");
    } finally {
      node.vertx().eventBus().removeOutboundInterceptor(counter);
      await(client.close());
    }
  }

  /**
   * A server that was killed (or cut off) stays on the event bus and answers nothing until the cluster drops it:
   * here a consumer next to the real server, on the server's own address (which the client uses once it knows the
   * servers), that swallows three requests and then goes away, as the cluster view drops a dead member. Every read
   * and idempotent write succeeds, each within a few request timeouts.
   */
  @Test
  void aServerThatDoesNotAnswerCostsOneRequestTimeoutAndTheRequestGoesToTheNext() {
    long timeout = 300;
    AtomicInteger swallowed = new AtomicInteger();
    var silent = node.vertx().eventBus().<JsonObject>consumer(
        Addresses.namingApiOf(node.node().cluster().localNode()));
    silent.handler(m -> {
      if (swallowed.incrementAndGet() == 3) {
        silent.unregister();
      }
    });
    NamingClient client = NamingClient.create(node.vertx(),
        new NamingClientOptions().setBeatInterval(60_000).setRequestTimeout(timeout));
    String service = TestNodes.uniqueService("nc-failover");
    // No beat during the test, so only the requests below can meet the silent server.
    Map<String, String> noExpiry = Map.of("preserved.heart.beat.timeout", "600000",
        "preserved.ip.delete.timeout", "600000");
    try {
      await(silent.completion());
      long slowest = 0;
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        await(client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.15", 8100 + i)
            .withMetadata(noExpiry)));
        await(client.getInstances(service, "DEFAULT_GROUP", false));
        slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
      }
      Await.until("the silent server took its share", Duration.ofSeconds(5), () -> swallowed.get() == 3);
      assertEquals(6, hostsOverHttp(service).size());
      assertTrue(slowest < 2 * timeout + 1000, "slowest register + list took " + slowest + " ms");
    } finally {
      await(client.close());
    }
  }

  @Test
  void aRequestAnswered503IsSentAgainUntilAServerAnswersOrTheRetriesRunOut() {
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger readyOnAttempt = new AtomicInteger(2);
    Handler<DeliveryContext<Object>> counter = ctx -> {
      if (ctx.body() instanceof JsonObject body && "operator.servers".equals(body.getString("action"))
          && attempts.incrementAndGet() == readyOnAttempt.get()) {
        node.node().status().set(NodeStatus.State.UP); // the retry reaches a server that is ready
      }
      ctx.next();
    };
    node.vertx().eventBus().addOutboundInterceptor(counter);
    NamingClient client = NamingClient.create(node.vertx(), new NamingClientOptions().setUnavailableRetries(2));
    try {
      node.node().status().set(NodeStatus.State.STARTING);
      JsonObject reply = await(client.request("operator.servers", new JsonObject()));
      assertEquals(2, attempts.get());
      assertEquals(1, reply.getJsonArray("servers").size());

      attempts.set(0);
      readyOnAttempt.set(-1);
      node.node().status().set(NodeStatus.State.STARTING);
      ExecutionException e = Assertions.assertThrows(ExecutionException.class,
          () -> client.request("operator.servers", new JsonObject()).toCompletionStage().toCompletableFuture()
              .get(10, TimeUnit.SECONDS));
      ReplyException failure = assertInstanceOf(ReplyException.class, e.getCause());
      assertEquals(503, failure.failureCode());
      assertEquals(3, attempts.get(), "the first send and two retries");
      assertTrue(failure.getMessage().contains("(tried ") && failure.getMessage().contains(": 503 server is"),
          "the failure says where the request went: " + failure.getMessage());
    } finally {
      node.node().status().set(NodeStatus.State.UP);
      node.vertx().eventBus().removeOutboundInterceptor(counter);
      await(client.close());
    }
  }
}
