package dev.beacon.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * This node's users, role bindings and permissions. Changed only by committed Raft entries ({@link AuthEntry}) and
 * snapshot restores, so every node holds the same; read from any thread as one volatile {@link AuthData}.
 * The checks that depend on the current state (user exists, role known) run here, at apply time, so all nodes
 * reach the same answer; replies are {@code {"ok":<message>}} or {@code {"status":4xx,"message":…}} as Raft expects.
 */
public final class AuthStore {

  private volatile AuthData data = AuthData.EMPTY;

  public AuthData data() {
    return data;
  }

  public synchronized JsonObject apply(JsonObject entry) {
    AuthData d = data;
    Map<String, String> users = new HashMap<>(d.users());
    Map<String, Set<String>> roles = new HashMap<>(d.roles());
    List<AuthData.Permission> permissions = new ArrayList<>(d.permissions());
    String user = entry.getString("username");
    String role = entry.getString("role");
    String message;
    switch (entry.getString("type")) {
      case AuthEntry.CREATE_USER -> {
        if (users.putIfAbsent(user, entry.getString("hash")) != null) {
          return refused(400, "user '" + user + "' already exist!");
        }
        message = "create user ok!";
      }
      case AuthEntry.DELETE_USER -> {
        if (d.isAdmin(user)) {
          return refused(400, "cannot delete admin: " + user);
        }
        users.remove(user);
        roles.remove(user); // Nacos keeps them, so a re-created user would inherit its predecessor's grants
        message = "delete user ok!";
      }
      case AuthEntry.SET_PASSWORD -> {
        if (users.replace(user, entry.getString("hash")) == null) {
          return refused(400, "user " + user + " not exist!");
        }
        message = "update user ok!";
      }
      case AuthEntry.ADD_ROLE -> {
        if (!users.containsKey(user)) {
          return refused(400, "user '" + user + "' not found!");
        }
        roles.put(user, plus(roles.get(user), role));
        message = "add role ok!";
      }
      case AuthEntry.DELETE_ROLE -> {
        roles.replaceAll((u, r) -> user == null || user.equals(u) ? minus(r, role) : r);
        roles.values().removeIf(Set::isEmpty);
        message = "delete role of user " + (user == null ? "" : user) + " ok!";
      }
      case AuthEntry.ADD_PERMISSION -> {
        if (!d.roleExists(role)) {
          return refused(400, "role " + role + " not found!");
        }
        AuthData.Permission p = permission(entry);
        if (!permissions.contains(p)) {
          permissions.add(p);
        }
        message = "add permission ok!";
      }
      case AuthEntry.DELETE_PERMISSION -> {
        permissions.remove(permission(entry));
        message = "delete permission ok!";
      }
      case AuthEntry.CREATE_ADMIN -> {
        if (d.hasAdmin()) {
          return refused(409, "an admin user already exists");
        }
        users.put(AuthEntry.ADMIN_USER, entry.getString("hash"));
        roles.put(AuthEntry.ADMIN_USER, plus(roles.get(AuthEntry.ADMIN_USER), AuthData.ADMIN_ROLE));
        message = "create admin ok!";
      }
      default -> {
        return refused(400, "unknown auth entry: " + entry.getString("type"));
      }
    }
    data = new AuthData(users, roles, permissions);
    return new JsonObject().put("ok", message);
  }

  /** Everything, for a Raft snapshot. */
  public JsonObject snapshot() {
    AuthData d = data;
    JsonObject roles = new JsonObject();
    new TreeMap<>(d.roles()).forEach((u, r) -> roles.put(u, new JsonArray(new ArrayList<>(new TreeSet<>(r)))));
    JsonArray permissions = new JsonArray();
    d.permissions().forEach(p -> permissions.add(new JsonObject().put("role", p.role())
        .put("resource", p.resource()).put("action", p.action())));
    return new JsonObject().put("users", new JsonObject(new TreeMap<>(d.users()))).put("roles", roles)
        .put("permissions", permissions);
  }

  /** Replaces everything with a snapshot's content; null (a snapshot from before auth existed) is empty. */
  public synchronized void restore(JsonObject snapshot) {
    if (snapshot == null) {
      data = AuthData.EMPTY;
      return;
    }
    Map<String, String> users = new HashMap<>();
    snapshot.getJsonObject("users").forEach(e -> users.put(e.getKey(), (String) e.getValue()));
    Map<String, Set<String>> roles = new HashMap<>();
    snapshot.getJsonObject("roles").forEach(e -> {
      Set<String> r = new HashSet<>();
      ((JsonArray) e.getValue()).forEach(x -> r.add((String) x));
      roles.put(e.getKey(), Set.copyOf(r));
    });
    List<AuthData.Permission> permissions = new ArrayList<>();
    snapshot.getJsonArray("permissions").forEach(p -> permissions.add(permission((JsonObject) p)));
    data = new AuthData(users, roles, permissions);
  }

  private static AuthData.Permission permission(JsonObject json) {
    return new AuthData.Permission(json.getString("role"), json.getString("resource"), json.getString("action"));
  }

  private static Set<String> plus(Set<String> set, String value) {
    Set<String> copy = set == null ? new HashSet<>() : new HashSet<>(set);
    copy.add(value);
    return Set.copyOf(copy);
  }

  private static Set<String> minus(Set<String> set, String value) {
    Set<String> copy = new HashSet<>(set);
    copy.remove(value);
    return Set.copyOf(copy);
  }

  private static JsonObject refused(int status, String message) {
    return new JsonObject().put("status", status).put("message", message);
  }
}
