package dev.beacon.console;

import static dev.beacon.support.AuthUsers.ADMIN;
import static dev.beacon.support.AuthUsers.ADMIN_PASSWORD;
import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.PropertyKeyConst;
import com.alibaba.nacos.api.naming.NamingService;
import dev.beacon.support.ApiNode;
import dev.beacon.support.AuthUsers;
import dev.beacon.support.Await;
import dev.beacon.support.Browser;
import dev.beacon.support.NacosClients;
import dev.beacon.support.Names;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The console with auth on: the login page, the token it keeps working for pages and the live feed, and the users,
 * roles and permissions pages (with the API's refusals shown next to the field).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleAuthBrowserTest {

  private static ApiNode node;
  private static Browser browser;

  @BeforeAll
  static void start() {
    Browser.assumeInstalled();
    node = ApiNode.start(AuthUsers.on(Map.of()));
    browser = Browser.open(node.config().port());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void theConsoleAsksForALoginAndThenUsesItsTokenForPagesAndTheLiveFeed() throws Exception {
    browser.go("/nacos/");
    browser.find("[data-test=login]");
    browser.screenshot("login");
    browser.type("[data-test=login] input[name=username]", ADMIN);
    browser.type("[data-test=login] input[name=password]", "wrong");
    browser.click("[data-test=login-submit]");
    browser.awaitText("[data-test=login] [data-error=form]", "unknown user!");

    browser.type("[data-test=login] input[name=password]", ADMIN_PASSWORD);
    browser.click("[data-test=login-submit]");
    browser.find("[data-test=service-list] table");
    browser.awaitText("#who", ADMIN);
    assertTrue(browser.script("return localStorage.getItem('beacon.console.token')").toString().contains("token"));

    Properties props = NacosClients.properties(node.config().port());
    props.setProperty(PropertyKeyConst.USERNAME, ADMIN);
    props.setProperty(PropertyKeyConst.PASSWORD, ADMIN_PASSWORD);
    NamingService naming = NacosFactory.createNamingService(props);
    try {
      browser.mark();
      String svc = Names.unique("secured");
      naming.registerInstance(svc, "127.0.0.41", 8080);
      Await.until("the live feed, admitted with the token, brings the new service", ConsoleBrowserTest.LIVE,
          () -> !browser.all(ConsoleBrowserTest.row(svc)).isEmpty());
      assertTrue(browser.notReloaded());
    } finally {
      NacosClients.shutDownInBackground(naming);
    }
  }

  @Test
  @Order(2)
  void usersRolesAndPermissionsAreManagedFromTheirPages() {
    String user = Names.unique("console-user");
    browser.route("#/users");
    browser.find("[data-test=grant-list] table");
    browser.type("[data-test=grant-form] input[name=username]", user);
    browser.click("[data-test=grant-create]");
    browser.awaitText("[data-test=grant-form] [data-error=password]", "Param 'password' is required.");
    browser.type("[data-test=grant-form] input[name=username]", user);
    browser.type("[data-test=grant-form] input[name=password]", "Pa55-word");
    browser.click("[data-test=grant-create]");
    browser.find(key(user));
    browser.screenshot("users");

    String role = "ROLE_" + user.toUpperCase().replace('-', '_');
    browser.route("#/roles");
    browser.find("[data-test=grant-list] table");
    browser.type("[data-test=grant-form] input[name=role]", "ROLE_ADMIN");
    browser.type("[data-test=grant-form] input[name=username]", user);
    browser.click("[data-test=grant-create]");
    browser.awaitText("[data-test=grant-form] [data-error=role]", "is not permitted to create");
    browser.type("[data-test=grant-form] input[name=role]", role);
    browser.click("[data-test=grant-create]");
    browser.find(key(role + "/" + user));
    browser.screenshot("roles");

    browser.route("#/permissions");
    browser.find("[data-test=grant-list] table");
    browser.type("[data-test=grant-form] input[name=role]", role);
    browser.type("[data-test=grant-form] input[name=resource]", ":*:*");
    browser.type("[data-test=grant-form] input[name=action]", "x");
    browser.click("[data-test=grant-create]");
    browser.awaitText("[data-test=grant-form] [data-error=action]", "must be r, w or rw");
    browser.type("[data-test=grant-form] input[name=action]", "r");
    browser.click("[data-test=grant-create]");
    browser.find(key(role + "/:*:*/r"));
    browser.screenshot("permissions");

    // What the pages made is what the API has: the new user logs in and may read, not write.
    String token = AuthUsers.login(node.http(), user, "Pa55-word");
    assertEquals(200, node.http().get("/v1/ns/catalog/services", "accessToken", token, "pageNo", "1",
        "pageSize", "10").status());
    assertEquals(403, node.http().post("/v1/ns/instance", "accessToken", token, "serviceName", "x",
        "ip", "127.0.0.42", "port", "1").status());

    browser.click(key(role + "/:*:*/r") + " [data-test=grant-delete]");
    Await.until("the permission is gone", WAIT, () -> browser.all(key(role + "/:*:*/r")).isEmpty());
    JsonObject left = node.http().get("/v1/auth/permissions", "accessToken", AuthUsers.login(node.http(), ADMIN,
        ADMIN_PASSWORD), "pageNo", "1", "pageSize", "100").json();
    assertTrue(left.getJsonArray("pageItems").stream().noneMatch(p -> ((JsonObject) p).getString("role").equals(role)));
  }

  private static String key(String key) {
    return "[data-test=grant-list] tr[data-key=\"" + key + "\"]";
  }
}
