package dev.beacon.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.ApiNode;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.TestNodes;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auth off (the default): the naming API is open as before and tokens are ignored, clients with credentials still
 * log in, and users, roles and permissions are changed only from this machine.
 */
class AuthOffTest {

  private static ApiNode node;

  @BeforeAll
  static void start() {
    node = ApiNode.start(Map.of());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void namingIsOpenAndTokensAreIgnored() {
    String service = TestNodes.uniqueService("off");
    node.http().register(service, "127.2.0.1", 80);
    node.http().register(service, "127.2.0.2", 80, "accessToken", "garbage");
    assertEquals(2, node.http().list(service).hosts().size());
  }

  @Test
  void anyNameStillLogsIn() {
    Response r = node.http().post("/v1/auth/users/login", "username", "anyone", "password", "whatever");
    assertEquals(200, r.status());
    assertTrue(r.json().getString("accessToken").length() > 10);
    assertEquals(18000, r.json().getInteger("tokenTtl"));
  }

  /**
   * Users are created from this machine (the refusal of other addresses is {@code GuardTest}'s: tests send nothing
   * off loopback); once a user exists its password is checked, also with auth off.
   */
  @Test
  void aCreatedUsersPasswordIsChecked() {
    String user = TestNodes.uniqueService("off-user");
    Map<String, ?> create = Map.of("username", user, "password", "pw");
    assertEquals(200, node.http().call(HttpMethod.POST, "/v1/auth/users", create).status());
    assertEquals(403, node.http().post("/v1/auth/users/login", "username", user, "password", "bad").status());
    assertEquals(200, node.http().post("/v1/auth/users/login", "username", user, "password", "pw").status());
  }
}
