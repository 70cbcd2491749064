package dev.beacon.auth;

import static dev.beacon.support.AuthUsers.ADMIN;
import static dev.beacon.support.AuthUsers.ADMIN_PASSWORD;
import static dev.beacon.support.Await.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beacon.support.AuthUsers;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.ProcessCluster;
import dev.beacon.support.TestNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Users, roles and grants live in Raft: three real server processes with auth on, a user created through one node,
 * then {@code kill -9} of every node and a restart. Every node still knows the user, its grant and the admin, and a
 * token issued before the crash is still valid (same key, unexpired).
 */
@Tag("process")
class AuthProcessIT {

  private static ProcessCluster cluster;
  private static final List<NacosHttp> http = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    Assumptions.assumeTrue(ProcessCluster.supported(), "needs root, iptables and setpriv");
    cluster = new ProcessCluster(Map.of("BEACON_AUTH_ENABLED", "true", "BEACON_AUTH_SECRET_KEY", AuthUsers.KEY,
        "BEACON_AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD, "BEACON_RAFT_REQUEST_TIMEOUT", "3000"));
    cluster.startAll();
    cluster.awaitFormed(START);
    for (int i = 1; i <= ProcessCluster.NODES; i++) {
      http.add(new NacosHttp(ProcessCluster.host(i), cluster.httpPort()));
    }
  }

  @AfterAll
  static void stopCluster() {
    http.forEach(NacosHttp::close);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void usersAndGrantsSurviveKillNineOfEveryNode() {
    String ns = TestNodes.uniqueService("ns-crash");
    String user = TestNodes.uniqueService("crash-user");
    String service = TestNodes.uniqueService("crash-svc");
    String admin = AuthUsers.login(http.get(0), ADMIN, ADMIN_PASSWORD);
    AuthUsers.create(http.get(0), admin, user, "pw-crash", user + "-role", ns + ":*:*", "r");
    String before = AuthUsers.login(http.get(2), user, "pw-crash");

    cluster.killAll();
    cluster.startAll();
    cluster.awaitFormed(START);

    for (NacosHttp h : http) {
      String token = AuthUsers.login(h, user, "pw-crash");
      assertEquals(200, h.list(service, "namespaceId", ns, "accessToken", token).status(), "read granted");
      assertEquals(200, h.list(service, "namespaceId", ns, "accessToken", before).status(), "old token valid");
      AuthHttpTest.forbidden(h.post("/v1/ns/instance", "serviceName", service, "namespaceId", ns,
          "ip", "127.3.0.9", "port", "80", "accessToken", token), Denied.NOT_PERMITTED);
      assertEquals(403, h.post("/v1/auth/users/login", "username", user, "password", "wrong").status());
      AuthUsers.login(h, ADMIN, ADMIN_PASSWORD);
    }
  }
}
