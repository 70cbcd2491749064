package dev.beacon.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One immutable copy of users (name → BCrypt hash), role bindings (user → roles) and permissions, with Nacos's
 * decision procedure. {@link AuthStore} swaps whole copies, so a reader on any thread sees one consistent state.
 */
public record AuthData(Map<String, String> users, Map<String, Set<String>> roles, List<Permission> permissions) {

  public static final String ADMIN_ROLE = "ROLE_ADMIN";
  /** The password-change resource: any authenticated user passes; the handler then checks admin-or-self. */
  public static final String PASSWORD_RESOURCE = "console/user/password";
  private static final String CONSOLE_PREFIX = "console/";

  public static final AuthData EMPTY = new AuthData(Map.of(), Map.of(), List.of());

  /** A grant of {@code action} ({@code r}, {@code w} or {@code rw}) on a resource glob to a role. */
  public record Permission(String role, String resource, String action) {
  }

  public AuthData {
    users = Map.copyOf(users);
    roles = Map.copyOf(roles);
    permissions = List.copyOf(permissions);
  }

  public boolean exists(String user) {
    return users.containsKey(user);
  }

  public Set<String> rolesOf(String user) {
    return roles.getOrDefault(user, Set.of());
  }

  public boolean isAdmin(String user) {
    return rolesOf(user).contains(ADMIN_ROLE);
  }

  public boolean hasAdmin() {
    return roles.values().stream().anyMatch(r -> r.contains(ADMIN_ROLE));
  }

  /** A role exists while at least one user is bound to it (Nacos has no role table). */
  public boolean roleExists(String role) {
    return roles.values().stream().anyMatch(r -> r.contains(role));
  }

  /** Nacos's {@code hasPermission}, with glob matching instead of its unescaped regexes. */
  public boolean allowed(String user, String resource, char action) {
    if (PASSWORD_RESOURCE.equals(resource)) {
      return true;
    }
    Set<String> userRoles = rolesOf(user);
    if (userRoles.contains(ADMIN_ROLE)) {
      return true;
    }
    if (userRoles.isEmpty() || resource.startsWith(CONSOLE_PREFIX)) {
      return false;
    }
    for (Permission p : permissions) {
      if (userRoles.contains(p.role()) && p.action().indexOf(action) >= 0 && Glob.matches(p.resource(), resource)) {
        return true;
      }
    }
    return false;
  }
}
