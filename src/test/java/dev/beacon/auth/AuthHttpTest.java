package dev.beacon.auth;

import static dev.beacon.support.AuthUsers.ADMIN;
import static dev.beacon.support.AuthUsers.ADMIN_PASSWORD;
import static dev.beacon.support.AuthUsers.create;
import static dev.beacon.support.AuthUsers.login;
import static dev.beacon.support.AuthUsers.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.client.InstanceSpec;
import dev.beacon.client.NamingClient;
import dev.beacon.client.NamingClientOptions;
import dev.beacon.config.Setting;
import dev.beacon.core.Addresses;
import dev.beacon.support.ApiNode;
import dev.beacon.support.AuthUsers;
import dev.beacon.support.NacosHttp.Response;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.TestNodes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Auth on, over plain HTTP: login, how tokens are carried, each refusal, permissions and the management API. */
class AuthHttpTest {

  private static ApiNode node;
  private static NacosHttp http;
  private static String admin;

  @BeforeAll
  static void start() {
    node = ApiNode.start(AuthUsers.on(Map.of(Setting.AUTH_TOKEN_TTL, 600)));
    http = node.http();
    admin = login(http, ADMIN, ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void loginAnswersTokenRealTtlAdminFlagAndBearerHeaderOnBothPaths() {
    for (String path : new String[] {"/v1/auth/users/login", "/v1/auth/login"}) {
      HttpResponse<Buffer> r = http.exchange(HttpMethod.POST, path, Map.of("username", ADMIN),
          Map.of("password", ADMIN_PASSWORD), Map.of());
      assertEquals(200, r.statusCode(), path);
      JsonObject body = r.bodyAsJsonObject();
      assertEquals(600, body.getValue("tokenTtl"));
      assertEquals(true, body.getBoolean("globalAdmin"));
      assertEquals(ADMIN, body.getString("username"));
      assertEquals("Bearer " + body.getString("accessToken"), r.getHeader("Authorization"));
      assertEquals(405, http.get(path, "username", ADMIN, "password", ADMIN_PASSWORD).status(), "GET " + path);
    }
  }

  @Test
  void wrongPasswordOrUnknownUserIsUnknownUser() {
    forbidden(http.post("/v1/auth/users/login", "username", ADMIN, "password", "wrong"), Denied.UNKNOWN_USER);
    forbidden(http.post("/v1/auth/users/login", "username", "nobody-x", "password", "x"), Denied.UNKNOWN_USER);
    assertEquals(400, http.post("/v1/auth/users/login", "username", ADMIN).status(), "no password");
  }

  @Test
  void namingCallsNeedAValidTokenCarriedAsParameterHeaderOrCredentials() {
    String service = TestNodes.uniqueService("auth-carry");
    forbidden(register(service, "127.0.0.1", Map.of()), Denied.UNKNOWN_USER);
    String[] p = admin.split("\\.");
    forbidden(register(service, "127.0.0.1", Map.of("accessToken", p[0] + "." + p[1] + "x." + p[2])),
        Denied.TOKEN_INVALID);
    forbidden(register(service, "127.0.0.1", Map.of("accessToken", "garbage")), Denied.TOKEN_INVALID);
    assertEquals("ok", register(service, "127.0.0.1", Map.of("accessToken", admin)).body());
    assertEquals("ok", http.sendWith(HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service,
        "ip", "127.0.0.2", "port", 80), null, Map.of("Authorization", "Bearer " + admin)).body());
    assertEquals("ok", register(service, "127.0.0.3", Map.of("username", ADMIN, "password", ADMIN_PASSWORD)).body());
    forbidden(register(service, "127.0.0.4", Map.of("username", ADMIN, "password", "nope")), Denied.UNKNOWN_USER);
    assertEquals(3, http.list(service, "accessToken", admin).hosts().size());
  }

  @Test
  void readOnlyUserReadsItsNamespaceAndWritesNothing() {
    String user = TestNodes.uniqueService("ro");
    String ns = TestNodes.uniqueService("nsX");
    String service = TestNodes.uniqueService("ro-svc");
    create(http, admin, user, "pw-ro", user + "-role", ns + ":*:*", "r");
    assertEquals("ok", register(service, "127.0.1.1", Map.of("accessToken", admin, "namespaceId", ns)).body());
    String ro = login(http, user, "pw-ro");
    assertEquals(1, http.list(service, "accessToken", ro, "namespaceId", ns).hosts().size());
    forbidden(register(service, "127.0.1.2", Map.of("accessToken", ro, "namespaceId", ns)), Denied.NOT_PERMITTED);
    forbidden(register(service, "127.0.1.2", Map.of("accessToken", ro)), Denied.NOT_PERMITTED);
    forbidden(http.list(service, "accessToken", ro), Denied.NOT_PERMITTED);
    assertEquals(200, http.get("/v1/ns/service/list", "accessToken", ro, "namespaceId", ns, "pageNo", "1",
        "pageSize", "10").status());
  }

  @Test
  void writeOnlyUserRegistersButCannotList() {
    String user = TestNodes.uniqueService("wo");
    String service = TestNodes.uniqueService("wo-svc");
    create(http, admin, user, "pw-wo", user + "-role", ":*:*", "w");
    String wo = login(http, user, "pw-wo");
    assertEquals("ok", register(service, "127.0.2.1", Map.of("accessToken", wo)).body());
    forbidden(http.list(service, "accessToken", wo), Denied.NOT_PERMITTED);
  }

  @Test
  void grantsAreGlobsOnTheEffectiveGroupedName() {
    String user = TestNodes.uniqueService("glob");
    String ns = TestNodes.uniqueService("nsG");
    create(http, admin, user, "pw-g", user + "-role", ns + ":DEFAULT_GROUP:naming/order-*", "rw");
    ok(http.post("/v1/auth/permissions", "accessToken", admin, "role", user + "-role",
        "resource", ns + ":G2:naming/a.b", "action", "rw"));
    String t = login(http, user, "pw-g");
    assertEquals("ok", register("order-a", "127.0.3.1", Map.of("accessToken", t, "namespaceId", ns)).body());
    forbidden(register("pay", "127.0.3.1", Map.of("accessToken", t, "namespaceId", ns)), Denied.NOT_PERMITTED);
    assertEquals("ok", register("a.b", "127.0.3.1", Map.of("accessToken", t, "namespaceId", ns, "groupName", "G2"))
        .body());
    forbidden(register("aXb", "127.0.3.1", Map.of("accessToken", t, "namespaceId", ns, "groupName", "G2")),
        Denied.NOT_PERMITTED);
    // The grant is on G2 / DEFAULT_GROUP; a G1@@ name writes G1 whatever groupName says (Nacos looked at groupName).
    forbidden(register("G1@@order-a", "127.0.3.1", Map.of("accessToken", t, "namespaceId", ns,
        "groupName", "DEFAULT_GROUP")), Denied.NOT_PERMITTED);
  }

  @Test
  void usersRolesAndPermissionsAreForAdminsOnly() {
    String user = TestNodes.uniqueService("plain");
    create(http, admin, user, "pw-p", user + "-role", "*:*:*", "rw");
    String t = login(http, user, "pw-p");
    forbidden(http.get("/v1/auth/users", "accessToken", t, "pageNo", "1", "pageSize", "10"), Denied.NOT_PERMITTED);
    forbidden(http.post("/v1/auth/users", "accessToken", t, "username", "x", "password", "y"), Denied.NOT_PERMITTED);
    forbidden(http.post("/v1/auth/permissions", "accessToken", t, "role", user + "-role", "resource", "console/*",
        "action", "rw"), Denied.NOT_PERMITTED);
    forbidden(http.put("/v1/ns/operator/switches", "accessToken", t, "entry", "pushEnabled", "value", "true"),
        Denied.NOT_PERMITTED);
    assertEquals(200, http.get("/v1/ns/operator/switches").status(), "status reads stay open");
    assertEquals(200, http.get("/v1/ns/operator/metrics").status(), "the client's serverHealthy() needs it");
    Response page = http.get("/v1/auth/users", "accessToken", admin, "pageNo", "1", "pageSize", "1000");
    assertEquals(200, page.status());
    assertTrue(page.json().getJsonArray("pageItems").stream()
        .allMatch(u -> ((JsonObject) u).getString("password").isEmpty()), "no hashes: " + page.body());
  }

  @Test
  void adminRoleIsNotGrantableAndAdminNotDeletable() {
    String user = TestNodes.uniqueService("would-be-admin");
    ok(http.post("/v1/auth/users", "accessToken", admin, "username", user, "password", "pw"));
    Response grant = http.post("/v1/auth/roles", "accessToken", admin, "role", "ROLE_ADMIN", "username", user);
    assertEquals(400, grant.status());
    assertTrue(grant.body().contains("role 'ROLE_ADMIN' is not permitted to create!"), grant.body());
    Response delete = http.delete("/v1/auth/users", "accessToken", admin, "username", ADMIN);
    assertEquals(400, delete.status());
    assertTrue(delete.body().contains("cannot delete admin: nacos"), delete.body());
    assertEquals(409, http.post("/v1/auth/users/admin").status(), "an admin exists already");
  }

  @Test
  void passwordChangeIsForTheUserThemselfOrAnAdmin() {
    String a = TestNodes.uniqueService("pa");
    String b = TestNodes.uniqueService("pb");
    create(http, admin, a, "pw-a", a + "-role", ":*:*", "r");
    create(http, admin, b, "pw-b", b + "-role", ":*:*", "r");
    String ta = login(http, a, "pw-a");
    Response other = http.put("/v1/auth/users", "accessToken", ta, "username", b, "newPassword", "hacked");
    assertEquals(200, other.status());
    assertEquals(403, other.json().getInteger("code"), other.body());
    assertEquals("update user ok!", ok(http.put("/v1/auth/users", "accessToken", ta, "username", a,
        "newPassword", "pw-a2")).json().getString("message"));
    login(http, a, "pw-a2");
    ok(http.put("/v1/auth/users", "accessToken", admin, "username", b, "newPassword", "pw-b2"));
    login(http, b, "pw-b2");
    forbidden(http.post("/v1/auth/users/login", "username", b, "password", "hacked"), Denied.UNKNOWN_USER);
  }

  @Test
  void deletedUsersTokenStopsWorkingAtOnce() {
    String user = TestNodes.uniqueService("gone");
    String service = TestNodes.uniqueService("gone-svc");
    create(http, admin, user, "pw", user + "-role", "*:*:*", "rw");
    String t = login(http, user, "pw");
    assertEquals("ok", register(service, "127.0.4.1", Map.of("accessToken", t)).body());
    ok(http.delete("/v1/auth/users", "accessToken", admin, "username", user));
    forbidden(register(service, "127.0.4.2", Map.of("accessToken", t)), Denied.UNKNOWN_USER);
    forbidden(http.list(service, "accessToken", t), Denied.UNKNOWN_USER);
  }

  @Test
  void noHeaderButTheTokenEarnsAnything() {
    String service = TestNodes.uniqueService("ua");
    for (Map<String, String> headers : new Map[] {Map.of("User-Agent", "Nacos-Server:v1.4.8"),
        Map.of("Client-Version", "Nacos-Server:v1.4.8"), Map.of("serverIdentity", "security"),
        Map.of("Authorization", "bearer " + admin), Map.of("Authorization", "Basic bmFjb3M6bmFjb3M=")}) {
      forbidden(http.sendWith(HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service, "ip", "127.0.5.1",
          "port", 80), null, headers), Denied.UNKNOWN_USER);
    }
  }

  @Test
  void pathVariantsOfSecuredRoutesAreNeverServedUnchecked() {
    String query = "?serviceName=variant&ip=1.0.6.1&port=80";
    for (String path : new String[] {"/nacos/v1/ns/instance/", "/nacos//v1/ns/instance", "/nacos/v1/ns//instance",
        "/nacos/v1/ns/./instance", "/nacos/v1/ns/x/../instance", "/nacos/v1/ns%2Finstance", "/nacos/v1/ns/%69nstance",
        "/nacos/v1/ns/INSTANCE", "/nacos/v1/ns/instance;x=1", "/nacos/v1/auth/users/"}) {
      for (HttpMethod m : new HttpMethod[] {HttpMethod.POST, HttpMethod.GET, HttpMethod.DELETE}) {
        int status = http.raw(m, path + query, null, null).status();
        assertTrue(status >= 400 && status < 500, m + " " + path + " answered " + status);
      }
    }
  }

  @Test
  void refusalsAreCountedInMetrics() {
    forbidden(http.post("/v1/auth/users/login", "username", ADMIN, "password", "wrong-again"), Denied.UNKNOWN_USER);
    String metrics = http.raw(HttpMethod.GET, "/metrics", null, null).body();
    for (String counter : new String[] {"beacon_auth_login_failures_total", "beacon_auth_forbidden_total"}) {
      String line = metrics.lines().filter(l -> l.startsWith(counter)).findFirst().orElseThrow(() ->
          new AssertionError(counter + " missing"));
      assertNotEquals(0.0, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), line);
    }
    assertTrue(metrics.contains("beacon_auth_tokens_expired_total"));
  }

  @Test
  void consoleNamespacesNeedAUser() {
    forbidden(http.get("/v1/console/namespaces"), Denied.UNKNOWN_USER);
    assertEquals(200, http.get("/v1/console/namespaces", "accessToken", admin).status());
  }

  /**
   * The event-bus API checks the same permissions: a token in the {@code accessToken} message header, refusals are
   * {@code fail(403, reason)}; status reads stay open. {@code NamingClient} with credentials logs in and carries it.
   */
  @Test
  void theEventBusApiChecksTokensAndNamingClientCarriesThem() throws Exception {
    var bus = node.beacon().vertx().eventBus();
    String service = Names.unique("bus-auth");
    JsonObject list = new JsonObject().put("action", "instance.list")
        .put("params", new JsonObject().put("serviceName", service));
    Throwable refused = assertThrows(Exception.class,
        () -> bus.request(Addresses.NAMING_API, list).await(10, TimeUnit.SECONDS));
    assertTrue(refused instanceof ReplyException r && r.failureCode() == 403
        && r.getMessage().equals(Denied.UNKNOWN_USER), refused.toString());
    assertNotNull(bus.request(Addresses.NAMING_API, list, new DeliveryOptions()
        .addHeader("accessToken", admin)).await(10, TimeUnit.SECONDS).body());
    assertNotNull(bus.request(Addresses.NAMING_API, new JsonObject().put("action", "operator.metrics"))
        .await(10, TimeUnit.SECONDS).body());

    NamingClient client = NamingClient.create(node.beacon().vertx(),
        new NamingClientOptions().setCredentials(ADMIN, ADMIN_PASSWORD));
    client.register(service, "DEFAULT_GROUP", InstanceSpec.of("127.0.0.111", 1))
        .await(10, TimeUnit.SECONDS);
    assertEquals(1, client.getInstances(service, "DEFAULT_GROUP", false).await(10, TimeUnit.SECONDS).size());
    client.close().await(10, TimeUnit.SECONDS);

    NamingClient wrong = NamingClient.create(node.beacon().vertx(),
        new NamingClientOptions().setCredentials(ADMIN, "wrong"));
    Throwable noLogin = assertThrows(Exception.class, () -> wrong.register(service, "DEFAULT_GROUP",
        InstanceSpec.of("127.0.0.112", 1)).await(10, TimeUnit.SECONDS));
    assertTrue(noLogin instanceof ReplyException r && r.failureCode() == 403, noLogin.toString());
    assertEquals(0, http.list(service, "accessToken", admin).hosts().size(), "nothing registered without a login");
  }

  private static Response register(String service, String ip, Map<String, ?> extra) {
    Map<String, Object> query = new HashMap<>(Map.of("serviceName", service, "ip", ip, "port", 80));
    query.putAll(extra);
    return http.call(HttpMethod.POST, "/v1/ns/instance", query);
  }

  /** Nacos's 403: status, and the reason in Spring's JSON error body. */
  static void forbidden(Response r, String reason) {
    assertEquals(403, r.status(), r.toString());
    assertEquals(reason, r.json().getString("message"), r.body());
  }
}
