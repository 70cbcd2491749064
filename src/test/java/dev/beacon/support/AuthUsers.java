package dev.beacon.support;

import dev.beacon.config.Setting;
import io.vertx.core.http.HttpMethod;
import java.util.EnumMap;
import java.util.Map;

/** Auth fixtures: settings of a node with auth on, logins, and users with one role and one grant. */
public final class AuthUsers {

  /** 32 bytes, Base64: a test key (never the Nacos sample). */
  public static final String KEY = "dGVzdC1rZXktZm9yLWJlYWNvbi1hdXRoLXRlc3RzLTMyYnl0ZXMh";
  public static final String ADMIN = "nacos";
  public static final String ADMIN_PASSWORD = "admin-Pa55";

  private AuthUsers() {
  }

  /** Auth on with {@link #KEY} and the admin {@value #ADMIN}/{@value #ADMIN_PASSWORD}; {@code more} on top. */
  public static Map<Setting, Object> on(Map<Setting, ?> more) {
    Map<Setting, Object> s = new EnumMap<>(Setting.class);
    s.put(Setting.AUTH_ENABLED, true);
    s.put(Setting.AUTH_SECRET_KEY, KEY);
    s.put(Setting.AUTH_ADMIN_PASSWORD, ADMIN_PASSWORD);
    s.putAll(more);
    return s;
  }

  /** Logs in (username in the query, password in the form, as nacos-client 1.4.8) and returns the token. */
  public static String login(NacosHttp http, String user, String password) {
    NacosHttp.Response r = http.sendWith(HttpMethod.POST, "/v1/auth/users/login", Map.of("username", user),
        Map.of("password", password), Map.of());
    if (r.status() != 200) {
      throw new AssertionError("login of " + user + " answered " + r);
    }
    return r.json().getString("accessToken");
  }

  /** As the admin: creates {@code user}, binds it to {@code role} and grants {@code action} on {@code resource}. */
  public static void create(NacosHttp http, String adminToken, String user, String password, String role,
                            String resource, String action) {
    ok(http.post("/v1/auth/users", "accessToken", adminToken, "username", user, "password", password));
    ok(http.post("/v1/auth/roles", "accessToken", adminToken, "role", role, "username", user));
    ok(http.post("/v1/auth/permissions", "accessToken", adminToken, "role", role, "resource", resource,
        "action", action));
  }

  public static NacosHttp.Response ok(NacosHttp.Response r) {
    if (r.status() != 200 || r.json().getInteger("code", 200) != 200) {
      throw new AssertionError("expected 200 code 200, got " + r);
    }
    return r;
  }
}
