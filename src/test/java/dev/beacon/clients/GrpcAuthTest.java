package dev.beacon.clients;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.AgentProcess;
import dev.beacon.support.ApiNode;
import dev.beacon.support.AuthUsers;
import dev.beacon.support.Await;
import dev.beacon.support.Names;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auth on, nacos-client 2.5.1 over gRPC: the client logs in over HTTP and sends its token with every gRPC request;
 * each request is checked as the HTTP API checks it (a read or write permission on the service), and a refusal is the
 * expected response with errorCode 403, so nothing changes.
 */
class GrpcAuthTest {

  static ApiNode api;
  static String adminToken;

  @BeforeAll
  static void start() {
    api = ApiNode.start(AuthUsers.on(Map.of()));
    adminToken = AuthUsers.login(api.http(), AuthUsers.ADMIN, AuthUsers.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  static String server() {
    return "127.0.0.1:" + api.config().port();
  }

  @Test
  void theAdminRegistersAndReads() throws Exception {
    String svc = Names.unique("grpc-auth");
    try (AgentProcess admin = ClientAgents.start("2.5.1", server(), "username=" + AuthUsers.ADMIN,
        "password=" + AuthUsers.ADMIN_PASSWORD)) {
      admin.call("register " + svc + " 127.0.0.101:1");
      Await.until("registered and read back", WAIT,
          () -> admin.call("all " + svc + " false").startsWith("127.0.0.101:1/"));
    }
  }

  @Test
  void withoutValidCredentialsNothingIsRegistered() throws Exception {
    String svc = Names.unique("grpc-auth-wrong");
    try (AgentProcess wrong = ClientAgents.start("2.5.1", server(), "username=" + AuthUsers.ADMIN,
        "password=wrong")) {
      AssertionError refused = Assertions.assertThrows(AssertionError.class,
          () -> wrong.call("register " + svc + " 127.0.0.102:1"));
      assertTrue(refused.getMessage().contains("403"), refused.getMessage());
    }
    assertEquals(403, api.http().get("/v1/ns/instance/list", "serviceName", svc).status(), "no token, no list");
    assertEquals(0, api.http().get("/v1/ns/instance/list", "serviceName", svc, "accessToken", adminToken).json()
        .getJsonArray("hosts").size(), "nothing registered");
  }

  @Test
  void aReadOnlyUserReadsButCannotRegister() throws Exception {
    String svc = Names.unique("grpc-auth-ro");
    String user = Names.unique("ro");
    AuthUsers.create(api.http(), adminToken, user, "ro-Pa55word", Names.unique("ROLE_RO"), ":*:*", "r");
    api.http().post("/v1/ns/instance", "serviceName", svc, "ip", "127.0.0.103", "port", "1", "accessToken",
        adminToken);
    try (AgentProcess ro = ClientAgents.start("2.5.1", server(), "username=" + user, "password=ro-Pa55word")) {
      Await.until("the read-only user reads", WAIT,
          () -> ro.call("all " + svc + " false").startsWith("127.0.0.103:1/"));
      AssertionError refused = Assertions.assertThrows(AssertionError.class,
          () -> ro.call("register " + svc + " 127.0.0.104:1"));
      assertTrue(refused.getMessage().contains("403"), refused.getMessage());
    }
    assertEquals(1, api.http().get("/v1/ns/instance/list", "serviceName", svc, "accessToken", adminToken).json()
        .getJsonArray("hosts").size(), "the refused register changed nothing");
  }
}
