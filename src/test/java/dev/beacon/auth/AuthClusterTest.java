package dev.beacon.auth;

import static dev.beacon.support.AuthUsers.ADMIN;
import static dev.beacon.support.AuthUsers.ADMIN_PASSWORD;
import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beacon.config.Setting;
import dev.beacon.support.AuthUsers;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.TestCluster;
import dev.beacon.support.TestNodes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three nodes in one Raft group with auth on: users and grants made on one node hold on every node at once, and
 * survive a restart of all three (short snapshot interval, so the auth part of snapshots is exercised too).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthClusterTest {

  private static final String USER = TestNodes.uniqueService("cluster-user");
  private static final String NS = TestNodes.uniqueService("nsC");
  private static final String SERVICE = TestNodes.uniqueService("cluster-svc");

  private static TestCluster cluster;
  private static List<NacosHttp> http;

  @BeforeAll
  static void start() {
    Map<Setting, Object> settings = new HashMap<>(TestCluster.timings());
    settings.put(Setting.RAFT_SNAPSHOT_ENTRIES, 5);
    cluster = new TestCluster(3, AuthUsers.on(settings), true);
    http = IntStream.range(0, 3).mapToObj(i -> new NacosHttp(cluster.config(i).port())).toList();
  }

  @AfterAll
  static void stop() {
    http.forEach(NacosHttp::close);
    cluster.close();
  }

  @Test
  @Order(1)
  void userCreatedOnOneNodeLogsInOnAnother() {
    String admin = AuthUsers.login(http.get(0), ADMIN, ADMIN_PASSWORD);
    AuthUsers.create(http.get(0), admin, USER, "pw-c", USER + "-role", NS + ":*:*", "rw");
    Await.until("login on node 2", WAIT, () -> http.get(2).post("/v1/auth/users/login", "username", USER,
        "password", "pw-c").status() == 200);
    String token = AuthUsers.login(http.get(2), USER, "pw-c");
    http.get(1).register(SERVICE, "127.3.0.1", 80, "namespaceId", NS, "accessToken", token);
  }

  @Test
  @Order(2)
  void revokedPermissionIsEnforcedOnEveryNodeWithinASecond() {
    String admin = AuthUsers.login(http.get(1), ADMIN, ADMIN_PASSWORD);
    String token = AuthUsers.login(http.get(1), USER, "pw-c");
    Await.until("every node lets the user read", WAIT, () -> http.stream()
        .allMatch(h -> h.list(SERVICE, "namespaceId", NS, "accessToken", token).status() == 200));
    AuthUsers.ok(http.get(2).delete("/v1/auth/permissions", "accessToken", admin, "role", USER + "-role",
        "resource", NS + ":*:*", "action", "rw"));
    Await.until("every node refuses the user", Duration.ofSeconds(1), () -> http.stream()
        .allMatch(h -> h.list(SERVICE, "namespaceId", NS, "accessToken", token).status() == 403));
  }

  @Test
  @Order(3)
  void usersAndGrantsSurviveARestartOfAllNodes() {
    String admin = AuthUsers.login(http.get(0), ADMIN, ADMIN_PASSWORD);
    AuthUsers.ok(http.get(0).post("/v1/auth/permissions", "accessToken", admin, "role", USER + "-role",
        "resource", NS + ":*:*", "action", "r"));
    IntStream.range(0, 3).forEach(cluster::stop);
    cluster.restartTogether(0, 1, 2);
    for (NacosHttp h : http) {
      String token = AuthUsers.login(h, USER, "pw-c");
      assertEquals(200, h.list(SERVICE, "namespaceId", NS, "accessToken", token).status());
      AuthHttpTest.forbidden(h.post("/v1/ns/instance", "serviceName", SERVICE, "namespaceId", NS, "ip", "127.3.0.2",
          "port", "80", "accessToken", token), Denied.NOT_PERMITTED);
    }
  }

  /** A token is bound to the password its user had: changing it retires the token on every node at once. */
  @Test
  @Order(4)
  void aPasswordChangeRetiresOlderTokensOnEveryNodeWithinASecond() {
    String admin = AuthUsers.login(http.get(0), ADMIN, ADMIN_PASSWORD);
    String old = AuthUsers.login(http.get(0), USER, "pw-c");
    Await.until("every node accepts the token", WAIT, () -> http.stream()
        .allMatch(h -> h.list(SERVICE, "namespaceId", NS, "accessToken", old).status() == 200));
    AuthUsers.ok(http.get(1).put("/v1/auth/users", "accessToken", admin, "username", USER, "newPassword", "pw-d"));
    Await.until("every node refuses the token issued before the change", Duration.ofSeconds(1), () -> http.stream()
        .allMatch(h -> h.list(SERVICE, "namespaceId", NS, "accessToken", old).status() == 403));
    String renewed = AuthUsers.login(http.get(2), USER, "pw-d");
    for (NacosHttp h : http) {
      assertEquals(200, h.list(SERVICE, "namespaceId", NS, "accessToken", renewed).status());
    }
  }
}
