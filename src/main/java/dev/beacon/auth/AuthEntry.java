package dev.beacon.auth;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The Raft entries that change users, roles and permissions: JSON objects whose {@code type} starts with
 * {@value #PREFIX}. Passwords travel only as BCrypt hashes made by the submitting node, so every node stores the
 * same hash. Applied by {@link AuthStore#apply}.
 */
public final class AuthEntry {

  public static final String PREFIX = "Auth";
  static final String CREATE_USER = PREFIX + "CreateUser";
  static final String DELETE_USER = PREFIX + "DeleteUser";
  static final String SET_PASSWORD = PREFIX + "SetPassword";
  static final String ADD_ROLE = PREFIX + "AddRole";
  static final String DELETE_ROLE = PREFIX + "DeleteRole";
  static final String ADD_PERMISSION = PREFIX + "AddPermission";
  static final String DELETE_PERMISSION = PREFIX + "DeletePermission";
  static final String CREATE_ADMIN = PREFIX + "CreateAdmin";
  /** Every type of auth entry: the rows of the replicated-entry table that {@link AuthStore#apply} takes. */
  public static final Set<String> TYPES = Set.of(CREATE_USER, DELETE_USER, SET_PASSWORD, ADD_ROLE, DELETE_ROLE,
      ADD_PERMISSION, DELETE_PERMISSION, CREATE_ADMIN);

  /** The admin user Nacos creates, and the one {@code auth-admin-password} and {@code POST /users/admin} make. */
  public static final String ADMIN_USER = "nacos";

  private AuthEntry() {
  }

  public static JsonObject createUser(String username, String hash) {
    return entry(CREATE_USER).put("username", username).put("hash", hash);
  }

  public static JsonObject deleteUser(String username) {
    return entry(DELETE_USER).put("username", username);
  }

  public static JsonObject setPassword(String username, String hash) {
    return entry(SET_PASSWORD).put("username", username).put("hash", hash);
  }

  public static JsonObject addRole(String role, String username) {
    return entry(ADD_ROLE).put("role", role).put("username", username);
  }

  /** {@code username} null: the role is removed from every user. */
  public static JsonObject deleteRole(String role, String username) {
    return entry(DELETE_ROLE).put("role", role).put("username", username);
  }

  public static JsonObject addPermission(String role, String resource, String action) {
    return entry(ADD_PERMISSION).put("role", role).put("resource", resource).put("action", action);
  }

  public static JsonObject deletePermission(String role, String resource, String action) {
    return entry(DELETE_PERMISSION).put("role", role).put("resource", resource).put("action", action);
  }

  /** The admin {@value #ADMIN_USER} with this hash, applied only while no user holds the admin role (else 409). */
  public static JsonObject createAdmin(String hash) {
    return entry(CREATE_ADMIN).put("hash", hash);
  }

  private static JsonObject entry(String type) {
    return new JsonObject().put("type", type);
  }
}
