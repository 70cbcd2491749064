package dev.beacon.http;

import dev.beacon.api.Params;
import dev.beacon.auth.AuthData;
import dev.beacon.auth.AuthEntry;
import dev.beacon.auth.Authenticator;
import dev.beacon.auth.Passwords;
import dev.beacon.config.BeaconConfig;
import dev.beacon.core.ReplicatedEntries;
import dev.beacon.model.BeaconError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code /v1/auth}: login, users, roles and permissions (Nacos 1.4's console API). Changes go through Raft, so every
 * node applies them at once and they survive a restart; who may call what is declared in {@link Routes}.
 */
final class AuthEndpoints {

  private static final int MAX_NAME = 128;
  private static final Set<String> ACTIONS = Set.of("r", "w", "rw");

  private final BeaconConfig config;
  private final Authenticator auth;
  private final ReplicatedEntries entries;

  AuthEndpoints(BeaconConfig config, Authenticator auth, ReplicatedEntries entries) {
    this.config = config;
    this.auth = auth;
    this.entries = entries;
  }

  /**
   * Nacos's order: a Bearer header or {@code accessToken} is checked and echoed back unrefreshed; else
   * {@code username}+{@code password}. With auth off a name without a user still gets a throwaway token, as before
   * auth existed, so clients configured with credentials keep working.
   */
  Future<Reply> login(Params p) {
    String token = config.authEnabled() ? p.token() : null; // with auth off tokens are ignored, as in Nacos
    if (token != null) {
      String user = auth.verify(token);
      return Future.succeededFuture(loggedIn(user, token));
    }
    String user = p.required("username");
    if (!config.authEnabled() && !auth.store().data().exists(user)) {
      String opaque = Base64.getUrlEncoder().withoutPadding()
          .encodeToString((user + ":" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
      return Future.succeededFuture(Reply.json(new JsonObject().put("accessToken", opaque)
          .put("tokenTtl", auth.ttlSeconds()).put("globalAdmin", false)));
    }
    return auth.login(user, p.required("password")).map(u -> loggedIn(u, auth.issue(u)));
  }

  private Reply loggedIn(String user, String token) {
    return Reply.json(new JsonObject().put("accessToken", token).put("tokenTtl", auth.ttlSeconds())
        .put("globalAdmin", auth.store().data().isAdmin(user)).put("username", user))
        .withHeader("Authorization", "Bearer " + token);
  }

  Future<Reply> createUser(Params p) {
    String user = name(p, "username");
    String password = p.required("password");
    return hash(password).compose(h -> change(AuthEntry.createUser(user, h)));
  }

  Future<Reply> deleteUser(Params p) {
    return change(AuthEntry.deleteUser(name(p, "username")));
  }

  /** Only an admin or the user themself; otherwise Nacos's HTTP 200 with {@code code:403}. */
  Future<Reply> updatePassword(Params p) {
    String user = name(p, "username");
    String password = p.required("newPassword");
    String caller = p.principal();
    if (config.authEnabled() && !user.equals(caller) && !auth.store().data().isAdmin(caller)) {
      return Future.succeededFuture(Reply.json(new JsonObject().put("code", 403)
          .put("message", "authorization failed!").put("data", null)));
    }
    return hash(password).compose(h -> change(AuthEntry.setPassword(user, h)));
  }

  /** Users with their hash blanked (Nacos shows the BCrypt hash to anyone who may list users). */
  Future<Reply> users(Params p) {
    List<String> names = auth.store().data().users().keySet().stream().sorted().toList();
    return page(p, names, u -> new JsonObject().put("username", u).put("password", ""));
  }

  Future<Reply> searchUsers(Params p) {
    String part = p.required("username");
    return Future.succeededFuture(Reply.json(new JsonArray(auth.store().data().users().keySet().stream()
        .filter(u -> u.contains(part)).sorted().toList())));
  }

  /** The 2.4-style first admin: loopback only (see {@link Routes}), and only while no admin exists (else 409). */
  Future<Reply> createAdmin(Params p) {
    String password = p.optional("password", randomPassword());
    return hash(password).compose(h -> entries.submit(AuthEntry.createAdmin(h)))
        .map(ok -> Reply.json(new JsonObject().put("username", AuthEntry.ADMIN_USER).put("password", password)));
  }

  Future<Reply> roles(Params p) {
    String user = p.optional("username", null);
    List<JsonObject> rows = new ArrayList<>();
    auth.store().data().roles().forEach((u, roles) -> {
      if (user == null || user.equals(u)) {
        roles.forEach(r -> rows.add(new JsonObject().put("role", r).put("username", u)));
      }
    });
    rows.sort(Comparator.comparing((JsonObject o) -> o.getString("role")).thenComparing(o -> o.getString("username")));
    return page(p, rows, Function.identity());
  }

  Future<Reply> searchRoles(Params p) {
    String part = p.required("role");
    return Future.succeededFuture(Reply.json(new JsonArray(auth.store().data().roles().values().stream()
        .flatMap(Set::stream).filter(r -> r.contains(part)).distinct().sorted().toList())));
  }

  Future<Reply> addRole(Params p) {
    String role = name(p, "role");
    if (AuthData.ADMIN_ROLE.equals(role)) {
      throw BeaconError.badRequest("role '" + AuthData.ADMIN_ROLE + "' is not permitted to create!");
    }
    return change(AuthEntry.addRole(role, name(p, "username")));
  }

  /** The admin role is not removed through the API either: it would leave the registry without an admin. */
  Future<Reply> deleteRole(Params p) {
    String role = name(p, "role");
    if (AuthData.ADMIN_ROLE.equals(role)) {
      throw BeaconError.badRequest("role '" + AuthData.ADMIN_ROLE + "' is not permitted to delete!");
    }
    return change(AuthEntry.deleteRole(role, p.optional("username", null)));
  }

  Future<Reply> permissions(Params p) {
    String role = p.optional("role", null);
    List<JsonObject> rows = auth.store().data().permissions().stream()
        .filter(x -> role == null || role.equals(x.role()))
        .map(x -> new JsonObject().put("role", x.role()).put("resource", x.resource()).put("action", x.action()))
        .toList();
    return page(p, rows, Function.identity());
  }

  Future<Reply> addPermission(Params p) {
    return change(AuthEntry.addPermission(name(p, "role"), resource(p), action(p)));
  }

  Future<Reply> deletePermission(Params p) {
    return change(AuthEntry.deletePermission(name(p, "role"), resource(p), action(p)));
  }

  private Future<Reply> change(JsonObject entry) {
    return entries.submit(entry)
        .map(message -> Reply.json(new JsonObject().put("code", 200).put("message", String.valueOf(message)).put("data", null)));
  }

  private static <T> Future<Reply> page(Params p, List<T> all, Function<T, JsonObject> row) {
    int pageNo = p.requiredInt("pageNo");
    int pageSize = p.requiredInt("pageSize");
    JsonArray items = new JsonArray();
    Lookups.page(all, pageNo, pageSize).forEach(x -> items.add(row.apply(x)));
    return Future.succeededFuture(Reply.json(new JsonObject().put("totalCount", all.size()).put("pageNumber", pageNo)
        .put("pagesAvailable", (all.size() + pageSize - 1) / pageSize).put("pageItems", items)));
  }

  /** BCrypt takes tens of milliseconds: never on an event loop. */
  private static Future<String> hash(String password) {
    return Vertx.currentContext().owner().executeBlocking(() -> Passwords.hash(password), false);
  }

  private static String name(Params p, String param) {
    String v = p.required(param);
    if (v.length() > MAX_NAME || v.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw BeaconError.badRequest("Param '" + param + "' is illegal: at most " + MAX_NAME
          + " characters, no spaces or control characters");
    }
    return v;
  }

  private static String resource(Params p) {
    String v = p.required("resource");
    if (v.length() > 512) {
      throw BeaconError.badRequest("Param 'resource' is longer than 512 characters");
    }
    return v;
  }

  private static String action(Params p) {
    String v = p.required("action");
    if (!ACTIONS.contains(v)) {
      throw BeaconError.badRequest("Param 'action' must be r, w or rw: " + v);
    }
    return v;
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
