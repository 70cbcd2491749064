package dev.beacon.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.config.Setting;
import dev.beacon.support.ApiNode;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.TestNodes;
import io.vertx.core.http.HttpMethod;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
    // Listens on every address, so that a request can come from a non-loopback one.
    node = ApiNode.start(Map.of(Setting.HOST, "0.0.0.0"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void namingIsOpenAndTokensAreIgnored() {
    String service = TestNodes.uniqueService("off");
    node.http().register(service, "1.2.0.1", 80);
    node.http().register(service, "1.2.0.2", 80, "accessToken", "garbage");
    assertEquals(2, node.http().list(service).hosts().size());
  }

  @Test
  void anyNameStillLogsIn() {
    Response r = node.http().post("/v1/auth/users/login", "username", "anyone", "password", "whatever");
    assertEquals(200, r.status());
    assertTrue(r.json().getString("accessToken").length() > 10);
    assertEquals(18000, r.json().getInteger("tokenTtl"));
  }

  @Test
  void authChangesOnlyFromLoopback() {
    String user = TestNodes.uniqueService("off-user");
    InetAddress external = nonLoopback().orElse(null);
    Assumptions.assumeTrue(external != null, "no non-loopback IPv4 address on this machine");
    Map<String, ?> create = Map.of("username", user, "password", "pw");
    Response remote = NacosHttp.call(external.getHostAddress(), node.config().port(), HttpMethod.POST,
        "/v1/auth/users", create);
    assertEquals(403, remote.status(), remote.toString());
    assertEquals(200, NacosHttp.call(external.getHostAddress(), node.config().port(), HttpMethod.GET,
        "/v1/auth/users", Map.of("pageNo", 1, "pageSize", 10)).status(), "reads stay open, as in Nacos");
    assertEquals(200, node.http().call(HttpMethod.POST, "/v1/auth/users", create).status());
    // Once the user exists its password is checked, also with auth off.
    assertEquals(403, node.http().post("/v1/auth/users/login", "username", user, "password", "bad").status());
    assertEquals(200, node.http().post("/v1/auth/users/login", "username", user, "password", "pw").status());
  }

  private static Optional<InetAddress> nonLoopback() {
    try {
      return NetworkInterface.networkInterfaces().filter(i -> {
        try {
          return i.isUp() && !i.isLoopback();
        } catch (SocketException e) {
          return false;
        }
      }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    } catch (SocketException e) {
      return Optional.empty();
    }
  }
}
