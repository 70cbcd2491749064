package dev.beacon.bus;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beacon.Beacon;
import dev.beacon.Node;
import dev.beacon.core.Addresses;
import dev.beacon.core.ReadBarrier;
import dev.beacon.http.Routes;
import dev.beacon.model.ServiceKey;
import dev.beacon.registry.ConsistentReads;
import dev.beacon.registry.ServiceChanges;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestNodes;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The naming API on the event bus of a standalone node: same endpoints, validation and errors as HTTP. */
class EventBusApiTest {

  private static ApiNode api;
  private static Beacon node;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of());
    node = api.beacon();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private static JsonObject call(Object body) {
    try {
      return node.vertx().eventBus().<JsonObject>request(Addresses.NAMING_API, body).await(10, TimeUnit.SECONDS).body();
    } catch (Exception e) {
      throw new AssertionError("request failed: " + e, e);
    }
  }

  private static JsonObject call(String action, JsonObject params) {
    return call(new JsonObject().put("action", action).put("params", params));
  }

  private static ReplyException failure(Object body) {
    try {
      node.vertx().eventBus().request(Addresses.NAMING_API, body).await(10, TimeUnit.SECONDS);
    } catch (ReplyException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("unexpected: " + e, e);
    }
    return fail("expected a failure for " + body);
  }

  /** The event-bus failure matches what HTTP answers for the same call: status and the message inside "caused: ;". */
  private static void assertSameFailureAsHttp(HttpMethod method, String path, String action, Map<String, Object> params) {
    NacosHttp.Response http = api.http().call(method, path, params);
    ReplyException e = failure(new JsonObject().put("action", action).put("params", new JsonObject(params)));
    assertEquals(http.status(), e.failureCode(), "status of " + action);
    assertEquals(http.body(), "caused: " + e.getMessage() + ";", "message of " + action);
  }

  @Test
  void registerThenListThenDeregister() {
    String service = TestNodes.uniqueService("eb");
    JsonObject reply = call("instance.register", new JsonObject().put("serviceName", service).put("ip", "127.0.0.1")
        .put("port", 8080).put("weight", 2.5).put("metadata", new JsonObject().put("zone", "a")));
    assertEquals(new JsonObject().put("result", "ok"), reply);

    JsonObject list = call("instance.list", new JsonObject().put("serviceName", service));
    assertEquals("DEFAULT_GROUP@@" + service, list.getString("name"));
    assertEquals("DEFAULT_GROUP@@" + service, list.getString("dom"), "event-bus callers get grouped names");
    JsonArray hosts = list.getJsonArray("hosts");
    assertEquals(1, hosts.size());
    assertEquals(2.5, hosts.getJsonObject(0).getDouble("weight"));
    assertEquals("a", hosts.getJsonObject(0).getJsonObject("metadata").getString("zone"));
    assertTrue(node.node().subscriptions().list(ServiceKey.of("public", "DEFAULT_GROUP", service)).isEmpty());

    call("instance.deregister", new JsonObject().put("serviceName", service).put("ip", "127.0.0.1").put("port", 8080));
    assertEquals(0, call("instance.list", new JsonObject().put("serviceName", service)).getJsonArray("hosts").size());
  }

  @Test
  void beatOfUnknownInstanceAnswers20404AndKnownOneIsTouched() {
    String service = TestNodes.uniqueService("eb");
    JsonObject beat = new JsonObject().put("serviceName", service).put("ip", "127.0.0.1").put("port", 8081);
    assertEquals(20404, call("instance.beat", beat).getInteger("code"));
    call("instance.register", beat.copy());
    JsonObject known = call("instance.beat", beat);
    assertEquals(10200, known.getInteger("code"), "Nacos's OK code");
    assertTrue(known.containsKey("clientBeatInterval"));
  }

  @Test
  void serviceCreateDetailUpdateDelete() {
    String service = TestNodes.uniqueService("eb");
    JsonObject key = new JsonObject().put("serviceName", service);
    call("service.create", key.copy().put("protectThreshold", 0.5).put("metadata", "{\"owner\":\"team\"}"));
    JsonObject detail = call("service.detail", key);
    assertEquals(service, detail.getString("name"));
    assertEquals(0.5, detail.getDouble("protectThreshold"));
    assertEquals("team", detail.getJsonObject("metadata").getString("owner"));
    call("service.update", key.copy().put("protectThreshold", 0.2));
    assertEquals(0.2, call("service.detail", key).getDouble("protectThreshold"));
    assertTrue(call("service.list", new JsonObject().put("pageNo", 1).put("pageSize", 1000))
        .getJsonArray("doms").contains(service));
    assertEquals(new JsonObject().put("result", "ok"), call("service.delete", key));
    assertSameFailureAsHttp(HttpMethod.GET, "/v1/ns/service", "service.detail", Map.of("serviceName", service));
  }

  @Test
  void validationFailuresCarryTheHttpStatusAndMessage() {
    assertSameFailureAsHttp(HttpMethod.POST, "/v1/ns/instance", "instance.register",
        Map.of("serviceName", TestNodes.uniqueService("eb"), "port", 80));
    assertSameFailureAsHttp(HttpMethod.POST, "/v1/ns/instance", "instance.register", Map.of("ip", "127.0.0.1"));
    assertSameFailureAsHttp(HttpMethod.POST, "/v1/ns/instance", "instance.register",
        Map.of("serviceName", TestNodes.uniqueService("eb"), "ip", "127.0.0.1", "port", "eighty"));
    assertSameFailureAsHttp(HttpMethod.GET, "/v1/ns/instance", "instance.detail",
        Map.of("serviceName", TestNodes.uniqueService("eb"), "ip", "127.0.0.1", "port", 1));
  }

  @Test
  void badMessagesFailWith400() {
    for (Object bad : List.of("not json", "[1,2]", 42, new JsonObject(), new JsonObject().put("action", 7),
        new JsonObject().put("action", "no.such.action"),
        new JsonObject().put("action", "instance.list").put("params", "serviceName=x"),
        new JsonObject().put("action", "instance.list").put("params", new JsonArray().add(1)))) {
      ReplyException e = failure(bad);
      assertEquals(400, e.failureCode(), "for " + bad + ": " + e.getMessage());
    }
    assertEquals("unknown action: no.such.action",
        failure(new JsonObject().put("action", "no.such.action")).getMessage());
  }

  @Test
  void changesArePublishedPerServiceWithRemovedOnDelete() throws Exception {
    String service = TestNodes.uniqueService("eb");
    ServiceKey key = ServiceKey.of("public", "DEFAULT_GROUP", service);
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = collectChanges(key, events);
    node.vertx().eventBus().publish(Addresses.FEED_INTEREST,
        new JsonObject().put("namespace", "public").put("service", key.groupedName()));
    try {
      // The interest is delivered on this node's event bus before the register's HTTP request arrives.
      api.http().register(service, "127.0.0.1", 8090);
      JsonObject added = Await.value("change event with the instance", WAIT, () -> last(events),
          e -> e != null && e.getJsonArray("hosts").size() == 1);
      assertEquals("DEFAULT_GROUP@@" + service, added.getString("name"));
      assertEquals("", added.getString("clusters"));
      assertTrue(!added.containsKey("removed"));

      call("instance.deregister", new JsonObject().put("serviceName", service).put("ip", "127.0.0.1")
          .put("port", 8090));
      Await.value("change event without it", WAIT, () -> last(events),
          e -> e.getJsonArray("hosts").isEmpty() && !e.containsKey("removed"));
      call("service.delete", new JsonObject().put("serviceName", service));
      JsonObject removed = Await.value("removal event", WAIT, () -> last(events),
          e -> e.getBoolean("removed", false));
      assertEquals("DEFAULT_GROUP@@" + service, removed.getString("name"));
      assertTrue(removed.getJsonArray("hosts").isEmpty());
    } finally {
      consumer.unregister();
    }
  }

  @Test
  void changesOfServicesNobodyDeclaredInterestInAreNotPublished() throws Exception {
    String service = TestNodes.uniqueService("eb-quiet");
    ServiceKey key = ServiceKey.of("public", "DEFAULT_GROUP", service);
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = collectChanges(key, events);
    try {
      api.http().register(service, "127.0.0.1", 8091);
      Await.during("no change event without declared interest", Duration.ofMillis(500), events::isEmpty);
    } finally {
      consumer.unregister();
    }
  }

  @Test
  void aNewFollowerFirstGetsTheCurrentStateOnceThenOnlyChanges() throws Exception {
    String service = TestNodes.uniqueService("eb-state");
    ServiceKey key = ServiceKey.of("public", "DEFAULT_GROUP", service);
    // The worker answers before it publishes the change: interest declared before the change is out would get the
    // change too (as a real follower would), so wait for it. The push side got it first: one queue, in order.
    AtomicBoolean published = new AtomicBoolean();
    MessageConsumer<ServiceChanges> changes = node.vertx().eventBus().localConsumer(Addresses.SERVICE_CHANGES,
        m -> {
          if (m.body().changes().stream().anyMatch(c -> c.key().equals(key))) {
            published.set(true);
          }
        });
    changes.completion().await(10, TimeUnit.SECONDS);
    api.http().register(service, "127.0.0.1", 8092);
    Await.until("the registration's change published", WAIT, published::get);
    changes.unregister();
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> consumer = collectChanges(key, events);
    JsonObject interest = new JsonObject().put("namespace", "public").put("service", key.groupedName());
    try {
      node.vertx().eventBus().publish(Addresses.FEED_INTEREST, interest);
      JsonObject state = Await.value("the current state", WAIT, () -> last(events), e -> e != null);
      assertEquals(8092, state.getJsonArray("hosts").getJsonObject(0).getInteger("port"));
      node.vertx().eventBus().publish(Addresses.FEED_INTEREST, interest); // a renewal is not a new follower
      Await.during("no second state event on renewal", Duration.ofMillis(300), () -> events.size() == 1);
    } finally {
      consumer.unregister();
    }
  }

  /** Collects the change events of {@code key} into {@code events}; the consumer is registered when this returns. */
  private static MessageConsumer<JsonObject> collectChanges(ServiceKey key, List<JsonObject> events) throws Exception {
    MessageConsumer<JsonObject> consumer = node.vertx().eventBus().consumer(Addresses.changesOf(key),
        m -> events.add(m.body()));
    consumer.completion().await(5, TimeUnit.SECONDS);
    return consumer;
  }

  private static JsonObject last(List<JsonObject> events) {
    return events.isEmpty() ? null : events.get(events.size() - 1);
  }

  /**
   * The README lists every action of the route table with its HTTP route (the table scripts/readme-actions.py
   * generates from Routes and the endpoints), and nothing that is not an action any more.
   */
  @Test
  void theReadmeListsEveryActionOfTheRouteTable() throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("user.dir"), "README.md"));
    String table = readme.substring(readme.indexOf("<!-- actions-table -->"), readme.indexOf("<!-- /actions-table -->"));
    Node n = node.node();
    List<Routes.Route> routes = Routes.of(node.vertx(), n.config(), n.registry(), n.sink(), n.beats(), n.cluster(),
        n.subscriptions(), n.status(), n.switches(), n.raft(), n.entries(),
        new ConsistentReads(n.registry(), ReadBarrier.NONE), n.auth(), n.namespaces(), n.metrics().registry()).all();
    for (Routes.Route r : routes) {
      String row = "| `" + r.action() + "` | `" + r.method().name() + " /nacos" + r.path() + "` |";
      assertTrue(table.contains(row), "README action table lacks " + row + " (run scripts/readme-actions.py)");
    }
    assertEquals(routes.size() + 2, table.lines().filter(l -> l.startsWith("|")).count(),
        "README action table has rows for actions that are gone (run scripts/readme-actions.py)");
  }
}
