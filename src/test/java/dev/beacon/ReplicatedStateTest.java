package dev.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.auth.AuthStore;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Switches;
import dev.beacon.core.LocalCodec;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.raft.ReplicatedState;
import dev.beacon.registry.HybridClock;
import dev.beacon.registry.Namespaces;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryWorkerVerticle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The table of replicated kinds that {@link Beacon} wires, over a real registry worker and real stores: a snapshot
 * and log entries written before the table existed (the literals below are what the earlier {@code RegistryApplier}
 * wrote) still restore and apply, so a node upgraded in place replays its old log.
 */
class ReplicatedStateTest {

  /** A snapshot file's content as the earlier applier wrote it: keys services, switches, auth, namespaces. */
  private static final String OLD_SNAPSHOT = """
      {"services":[{"key":["public","DEFAULT_GROUP@@orders"],
        "settings":{"protectThreshold":0.5,"metadata":{"team":"a"},"selectorType":"none","selectorExpression":"",
          "defined":true},
        "clusters":[],
        "instances":[{"ref":["DEFAULT","127.0.4.1",8080],"weight":1.0,"healthy":true,"enabled":true,
          "ephemeral":false,"marked":false,"metadata":{},"app":null,"snowflakeId":null}]}],
       "switches":{"pushEnabled":"false"},
       "auth":{"users":{"nacos":"$2a$10$hash"},"roles":{"nacos":["ROLE_ADMIN"]},"permissions":[]},
       "namespaces":{"dev":{"name":"Development","desc":"the dev namespace"}}}
      """;

  private static final ServiceKey ORDERS = new ServiceKey("public", "DEFAULT_GROUP@@orders");

  private Vertx vertx;
  private Registry registry;
  private Switches switches;
  private AuthStore auth;
  private Namespaces namespaces;
  private ReplicatedState state;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    LocalCodec.install(vertx);
    registry = new Registry();
    vertx.deployVerticle(new RegistryWorkerVerticle(registry, new HybridClock(), 0, new SimpleMeterRegistry()))
        .await(10, TimeUnit.SECONDS);
    BeaconConfig config = BeaconConfig.load(Map.of(), new String[0]);
    switches = new Switches(config);
    auth = new AuthStore();
    namespaces = new Namespaces();
    state = Beacon.replicatedState(vertx, config, registry, switches, auth, namespaces);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aSnapshotWrittenBeforeTheTableRestoresEveryKind() {
    state.restore(OLD_SNAPSHOT.getBytes(StandardCharsets.UTF_8));

    ServiceView orders = registry.view(ORDERS);
    assertNotNull(orders);
    assertEquals(1, orders.instances().size());
    assertFalse(orders.instances().get(0).ephemeral());
    assertTrue(orders.settings().defined());
    assertFalse(switches.pushEnabled());
    assertTrue(auth.data().isAdmin("nacos"));
    assertEquals("Development", namespaces.get("dev").name());

    JsonObject again = new JsonObject(Buffer.buffer(state.snapshot()));
    assertEquals(Set.of("services", "switches", "auth", "namespaces"), again.fieldNames());
    assertEquals(new JsonObject(OLD_SNAPSHOT).getJsonObject("switches"), again.getJsonObject("switches"));
    assertEquals(new JsonObject(OLD_SNAPSHOT).getJsonObject("namespaces"), again.getJsonObject("namespaces"));
    assertEquals(1, again.getJsonArray("services").size());
  }

  @Test
  void aSnapshotFromBeforeAuthAndNamespacesRestoresThemEmpty() {
    state.restore(OLD_SNAPSHOT.getBytes(StandardCharsets.UTF_8));
    state.restore("{\"services\":[],\"switches\":{}}".getBytes(StandardCharsets.UTF_8));

    assertTrue(registry.view(ORDERS) == null || registry.view(ORDERS).instances().isEmpty());
    assertTrue(switches.pushEnabled());
    assertFalse(auth.data().hasAdmin());
    assertTrue(namespaces.defined().isEmpty());
  }

  @Test
  void logEntriesWrittenBeforeTheTableApplyAsTheyDid() throws Exception {
    assertEquals("{\"ok\":\"ok\"}",
        apply("{\"type\":\"SetSwitch\",\"entry\":\"healthCheckEnabled\",\"value\":\"false\"}"));
    assertFalse(switches.healthCheckEnabled());
    assertEquals("{\"ok\":true}",
        apply("{\"type\":\"Namespace\",\"op\":\"create\",\"id\":\"qa\",\"name\":\"QA\",\"desc\":\"\"}"));
    assertEquals("QA", namespaces.get("qa").name());
    assertTrue(apply("{\"type\":\"AuthCreateUser\",\"username\":\"bob\",\"hash\":\"$2a$10$x\"}").contains("\"ok\""));
    assertTrue(auth.data().exists("bob"));
    String register = "{\"type\":\"Register\",\"key\":[\"public\",\"DEFAULT_GROUP@@orders\"],\"instance\":"
        + "{\"ref\":[\"DEFAULT\",\"127.0.4.2\",9090],\"weight\":1.0,\"healthy\":true,\"enabled\":true,"
        + "\"ephemeral\":false,\"marked\":false,\"metadata\":{},\"app\":null,\"snowflakeId\":null}}";
    assertTrue(apply(register).startsWith("{\"ok\""));
    assertEquals("127.0.4.2", registry.view(ORDERS).instances().get(0).ip());
  }

  @Test
  void refusalsAndUnknownEntriesAreRepliesNotFailures() throws Exception {
    apply("{\"type\":\"Namespace\",\"op\":\"create\",\"id\":\"qa\",\"name\":\"QA\",\"desc\":\"\"}");
    JsonObject refused = new JsonObject(
        apply("{\"type\":\"Namespace\",\"op\":\"create\",\"id\":\"qa\",\"name\":\"QA\",\"desc\":\"\"}"));
    assertTrue(refused.getInteger("status") >= 400, refused.encode());
    JsonObject unknown = new JsonObject(apply("{\"type\":\"NoSuchKind\"}"));
    assertEquals(400, unknown.getInteger("status"));
    assertTrue(unknown.getString("message").startsWith("unreadable Raft entry"), unknown.encode());
  }

  private String apply(String entry) throws Exception {
    byte[] reply = state.apply(entry.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
    return new String(reply, StandardCharsets.UTF_8);
  }
}
