package dev.beacon.auth;

import static dev.beacon.support.AuthUsers.ADMIN;
import static dev.beacon.support.AuthUsers.ADMIN_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.AuthUsers;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.TestNodes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A short token lifetime: tokenTtl is the real one, and a token past it is refused as expired (cached or not). */
class AuthExpiryTest {

  private static final int TTL = 3;
  private static ApiNode node;

  @BeforeAll
  static void start() {
    node = ApiNode.start(AuthUsers.on(Map.of(Setting.AUTH_TOKEN_TTL, TTL)));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void tokenWorksUntilItsTtlThenIsExpired() {
    String service = TestNodes.uniqueService("expiry");
    Response login = node.http().post("/v1/auth/users/login", "username", ADMIN, "password", ADMIN_PASSWORD);
    assertEquals(TTL, login.json().getInteger("tokenTtl"));
    String token = login.json().getString("accessToken");
    long issued = System.nanoTime();
    assertEquals(200, node.http().list(service, "accessToken", token).status(), "cached from now on");
    Response expired = Await.value("token expired", Duration.ofSeconds(TTL + 5),
        () -> node.http().list(service, "accessToken", token), r -> r.status() == 403);
    AuthHttpTest.forbidden(expired, Denied.TOKEN_EXPIRED);
    assertEquals(true, System.nanoTime() - issued >= Duration.ofSeconds(TTL - 1).toNanos(), "not before its ttl");
    AuthHttpTest.forbidden(node.http().post("/v1/auth/users/login", "accessToken", token), Denied.TOKEN_EXPIRED);
    String fresh = AuthUsers.login(node.http(), ADMIN, ADMIN_PASSWORD);
    assertEquals(200, node.http().list(service, "accessToken", fresh).status());
  }
}
