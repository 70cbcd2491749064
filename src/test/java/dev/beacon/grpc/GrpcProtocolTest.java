package dev.beacon.grpc;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.Await;
import dev.beacon.support.Names;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Nacos gRPC protocol by hand, for what no nacos-client sends: requests before set-up, unknown types, bodies that
 * are not Payloads or not JSON, invalid names and instances, oversized messages, pushes left unacknowledged. Each gets
 * a typed answer and none changes what is registered.
 */
class GrpcProtocolTest {

  static final long ACK_TIMEOUT = 300;
  static ApiNode api;
  static Vertx vertx;

  @BeforeAll
  static void start() {
    api = ApiNode.start(Map.of(Setting.PUSH_ACK_TIMEOUT, ACK_TIMEOUT, Setting.PUSH_RETRIES, 1));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    if (vertx != null) {
      vertx.close();
    }
    if (api != null) {
      api.close();
    }
  }

  static RawGrpc connect() {
    return new RawGrpc(vertx, api.config().grpcPort());
  }

  static JsonObject register(String service, String ip, int port) {
    return new JsonObject().put("namespace", "public").put("serviceName", service).put("groupName", "DEFAULT_GROUP")
        .put("type", "registerInstance").put("instance", new JsonObject().put("ip", ip).put("port", port)
            .put("weight", 1.0).put("healthy", true).put("enabled", true).put("ephemeral", true)
            .put("clusterName", "DEFAULT").put("metadata", new JsonObject()));
  }

  @Test
  void serverCheckNamesTheConnectionAndNegotiatesAbilities() throws Exception {
    try (RawGrpc c = connect()) {
      Payload answer = c.unary("ServerCheckRequest", new JsonObject().put("module", "internal"));
      assertEquals("ServerCheckResponse", answer.type());
      assertEquals(200, answer.body().getInteger("resultCode"));
      assertFalse(answer.body().getString("connectionId", "").isEmpty());
      assertEquals(true, answer.body().getBoolean("supportAbilityNegotiation"));
    }
  }

  @Test
  void aNamingRequestBeforeSetUpIsUnregistered() throws Exception {
    String svc = Names.unique("grpc-unregistered");
    try (RawGrpc c = connect()) {
      Payload answer = c.unary("InstanceRequest", register(svc, "127.0.0.81", 1));
      assertEquals("ErrorResponse", answer.type());
      assertEquals(301, answer.body().getInteger("errorCode"));
    }
    assertEquals(404, api.http().get("/v1/ns/service", "serviceName", svc).status(), "nothing registered");
  }

  @Test
  void aSetUpConnectionGetsItsAckRegistersAndTakesItsInstancesAlongWhenItCloses() throws Exception {
    String svc = Names.unique("grpc-lease");
    try (RawGrpc c = connect()) {
      c.setUp(true);
      Payload ack = c.next(5000);
      assertNotNull(ack, "SetupAckRequest within 5 s");
      assertEquals("SetupAckRequest", ack.type());
      assertEquals(new JsonObject(), ack.body().getJsonObject("abilityTable"), "no persistent instances over gRPC");
      Payload health = c.unary("HealthCheckRequest", new JsonObject().put("module", "internal"));
      assertEquals("HealthCheckResponse", health.type());
      Payload registered = c.unary("InstanceRequest", register(svc, "127.0.0.82", 1));
      assertEquals("InstanceResponse", registered.type());
      assertEquals(200, registered.body().getInteger("resultCode"), registered.body().encode());
      assertEquals(1, api.http().list(svc).hosts().size());
    }
    Await.until("the closed connection's instance is gone", WAIT,
        () -> api.http().list(svc).hosts().isEmpty());
  }

  @Test
  void badRequestsGetTypedAnswersAndChangeNothing() throws Exception {
    String svc = Names.unique("grpc-bad");
    try (RawGrpc c = connect()) {
      c.setUp(true);
      assertEquals(200, c.unary("InstanceRequest", register(svc, "127.0.0.83", 1)).body().getInteger("resultCode"));

      Payload unknown = c.unary("NoSuchRequest", new JsonObject());
      assertEquals("ErrorResponse", unknown.type());
      assertEquals(302, unknown.body().getInteger("errorCode"));

      Payload garbage = c.unaryBytes(Buffer.buffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01}));
      assertEquals(502, garbage.body().getInteger("errorCode"), garbage.body().encode());
      Payload notJson = c.unaryBytes(new Payload("InstanceRequest", "", Map.of(), Buffer.buffer("{not json")).encode());
      assertEquals(502, notJson.body().getInteger("errorCode"));

      assertRefused(c, "InstanceRequest", register("bad name!", "127.0.0.83", 2));
      assertRefused(c, "InstanceRequest", register(svc, "127.0.0.83", 70000));
      assertRefused(c, "InstanceRequest", register(svc, "127.0.0.83", 2).put("type", "patchInstance"));
      assertRefused(c, "InstanceRequest", register(svc, "127.0.0.83", 2).put("instance", "127.0.0.83:2"));
      JsonObject badMeta = register(svc, "127.0.0.83", 2);
      badMeta.getJsonObject("instance").put("metadata", new JsonArray().add(1));
      assertRefused(c, "InstanceRequest", badMeta);
      JsonObject persistent = register(svc, "127.0.0.83", 2);
      persistent.getJsonObject("instance").put("ephemeral", false);
      assertRefused(c, "InstanceRequest", persistent);
      assertRefused(c, "BatchInstanceRequest", register(svc, "127.0.0.83", 2).put("type", "batchRegisterInstance")
          .put("instances", "none"));
      assertRefused(c, "ServiceQueryRequest", new JsonObject().put("serviceName", svc).put("groupName", "a@@b@@c"));

      JsonArray hosts = api.http().list(svc).hosts();
      assertEquals(1, hosts.size(), hosts.encode());
      assertEquals(1, hosts.getJsonObject(0).getInteger("port"), "the good instance, unchanged");
      assertEquals(200, c.unary("HealthCheckRequest", new JsonObject()).body().getInteger("resultCode"),
          "the connection still serves");
    }
  }

  private static void assertRefused(RawGrpc c, String type, JsonObject body) throws Exception {
    Payload answer = c.unary(type, body);
    assertTrue(answer.type().endsWith("Response") && !answer.type().equals("ErrorResponse"), answer.type());
    assertEquals(500, answer.body().getInteger("resultCode"), answer.body().encode());
    assertEquals(400, answer.body().getInteger("errorCode"), answer.body().encode());
    assertFalse(answer.body().getString("message", "").isEmpty());
  }

  @Test
  void aMessageOverTheLimitFailsThatCallOnly() throws Exception {
    try (RawGrpc c = connect()) {
      Buffer huge = new Payload("InstanceRequest", "", Map.of(), Buffer.buffer(new byte[17 * 1024 * 1024])).encode();
      assertThrows(Exception.class, () -> c.unaryBytes(huge));
    }
    try (RawGrpc c = connect()) {
      assertEquals("ServerCheckResponse", c.unary("ServerCheckRequest", new JsonObject()).type(), "still serving");
    }
  }

  @Test
  void aPushIsSentAgainUntilAcknowledged() throws Exception {
    String svc = Names.unique("grpc-ack");
    try (RawGrpc c = connect()) {
      c.setUp(true);
      assertEquals("SetupAckRequest", c.next(5000).type());
      JsonObject subscribe = new JsonObject().put("namespace", "public").put("serviceName", svc)
          .put("groupName", "DEFAULT_GROUP").put("subscribe", true).put("clusters", "");
      Payload answer = c.unary("SubscribeServiceRequest", subscribe);
      assertEquals("SubscribeServiceResponse", answer.type());
      JsonObject info = answer.body().getJsonObject("serviceInfo");
      assertEquals(svc, info.getString("name"), "the bare name");
      assertEquals("DEFAULT_GROUP", info.getString("groupName"));
      assertEquals(new JsonArray(), info.getJsonArray("hosts"));

      Payload first = c.next(5000);
      assertEquals("NotifySubscriberRequest", first.type(), "a new subscriber is pushed the current list");
      Payload again = c.next(ACK_TIMEOUT * 10);
      assertNotNull(again, "an unacknowledged push is sent again");
      assertEquals(first.body().getJsonObject("serviceInfo").getString("name"),
          again.body().getJsonObject("serviceInfo").getString("name"));
      assertTrue(!again.body().getString("requestId").equals(first.body().getString("requestId")));
      c.answer("NotifySubscriberResponse", new JsonObject().put("requestId", again.body().getString("requestId"))
          .put("resultCode", 200));
      assertNull(c.next(ACK_TIMEOUT * 4), "an acknowledged push is not sent again, and retries are bounded");

      api.http().register(svc, "127.0.0.84", 1);
      Payload changed = c.next(5000);
      assertEquals("NotifySubscriberRequest", changed.type());
      assertEquals("127.0.0.84", changed.body().getJsonObject("serviceInfo").getJsonArray("hosts").getJsonObject(0)
          .getString("ip"), "a change made over HTTP reaches a gRPC subscriber");
    }
  }

  /**
   * Two connections (on any of the node's gRPC event loops) publishing the same address: it stays while either
   * lives and goes with the last one.
   */
  @Test
  void anAddressPublishedByTwoConnectionsGoesWithTheLast() throws Exception {
    String svc = Names.unique("grpc-shared");
    RawGrpc first = connect();
    try (RawGrpc second = connect()) {
      for (RawGrpc c : new RawGrpc[] {first, second}) {
        c.setUp(true);
        assertEquals(200, c.unary("InstanceRequest", register(svc, "127.0.0.85", 1)).body().getInteger("resultCode"));
      }
      first.close();
      Await.holds("kept by the second connection", Duration.ofSeconds(1),
          () -> api.http().list(svc).hosts().size() == 1);
    }
    Await.until("gone with the last connection", WAIT, () -> api.http().list(svc).hosts().isEmpty());
  }

  /** After {@code subscribe:false} a connection is pushed nothing more of that service. */
  @Test
  void anUnsubscribedConnectionIsNotPushed() throws Exception {
    String svc = Names.unique("grpc-unsubscribe");
    try (RawGrpc c = connect()) {
      c.setUp(true);
      assertEquals("SetupAckRequest", c.next(5000).type());
      JsonObject subscribe = new JsonObject().put("serviceName", svc).put("groupName", "DEFAULT_GROUP")
          .put("subscribe", true).put("clusters", "");
      c.unary("SubscribeServiceRequest", subscribe);
      Payload first = c.next(5000);
      c.answer("NotifySubscriberResponse", new JsonObject().put("requestId", first.body().getString("requestId")));
      Payload answer = c.unary("SubscribeServiceRequest", subscribe.copy().put("subscribe", false));
      assertEquals("SubscribeServiceResponse", answer.type());
      assertEquals(200, answer.body().getInteger("resultCode"));
      api.http().register(svc, "127.0.0.86", 1);
      Await.until("registered", WAIT, () -> api.http().list(svc).hosts().size() == 1);
      assertNull(c.next(ACK_TIMEOUT * 3), "nothing pushed after unsubscribing");
    }
  }
}
