package dev.beacon.bench;

import dev.beacon.bench.LoadGenerator.Req;
import dev.beacon.bench.LoadGenerator.RequestSource;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The auth scenarios: {@code auth-<name>} is HTTP scenario {@code <name>} against a second Beacon started with auth on
 * (a fresh random key and admin password), every request carrying the admin's token as nacos-client 1.x does
 * ({@code accessToken} parameter). Compared with {@code <name>} of the same run, it shows what checking the token and
 * the permission costs per request.
 */
final class AuthScenarios {

  static final String PREFIX = "auth-";
  private static final String ADMIN = "nacos";

  private final String password = random(18);
  private final String key = random(32);

  static boolean isAuth(String scenario) {
    return scenario.startsWith(PREFIX);
  }

  /** The scenario measured without auth that {@code auth-<name>} is compared with. */
  static String plain(String scenario) {
    return scenario.substring(PREFIX.length());
  }

  /** Server arguments of the auth-on Beacon. */
  List<String> serverArgs() {
    return List.of("--auth-enabled=true", "--auth-secret-key=" + key, "--auth-admin-password=" + password);
  }

  /** Logs the admin in on {@code probe}'s server and returns the query suffix every request then carries. */
  String login(Probe probe) {
    Probe.Reply r = probe.call(HttpMethod.POST, "/nacos/v1/auth/users/login?username=" + ADMIN + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8));
    if (!r.ok()) {
      throw new IllegalStateException("login on the auth-on server answered " + r.status() + " " + r.body());
    }
    return "&accessToken=" + URLEncoder.encode(new JsonObject(r.body()).getString("accessToken"),
        StandardCharsets.UTF_8);
  }

  /** {@code source} with {@code token} (a query suffix from {@link #login}, or empty) appended to every request. */
  static RequestSource withToken(RequestSource source, String token) {
    if (token.isEmpty()) {
      return source;
    }
    return seq -> {
      Req r = source.request(seq);
      return new Req(r.method(), r.uri() + token);
    };
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
