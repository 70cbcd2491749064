package dev.beacon.api;

/**
 * Who may call a route, declared next to it in {@link Routes}, so that the check belongs to the route that
 * dispatches and no separate lookup can disagree with it (Nacos's User-Agent and path-variant bypasses).
 * {@code action} is {@code r} or {@code w}; {@code resource} is fixed for console routes, built per request for
 * naming routes.
 */
public record Access(Kind kind, String resource, char action) {

  public enum Kind {
    /** Anyone: status reads, login. */
    OPEN,
    /** Any valid user. */
    AUTHENTICATED,
    /** A permission on the naming resource of the request ({@code namespace:group:naming/service}). */
    NAMING,
    /** A permission on a fixed {@code console/…} resource (users, roles, permissions). */
    CONSOLE,
    /** The admin role: mutating operator routes. */
    ADMIN,
    /** Requests from this machine only (creating the first admin). */
    LOOPBACK
  }

  public static final Access OPEN = new Access(Kind.OPEN, null, 'r');
  public static final Access AUTHENTICATED = new Access(Kind.AUTHENTICATED, null, 'r');
  public static final Access ADMIN = new Access(Kind.ADMIN, null, 'w');
  public static final Access LOOPBACK = new Access(Kind.LOOPBACK, null, 'w');
  public static final Access READ = new Access(Kind.NAMING, null, 'r');
  public static final Access WRITE = new Access(Kind.NAMING, null, 'w');

  public static Access console(String resource, char action) {
    return new Access(Kind.CONSOLE, resource, action);
  }

  /** Changes users, roles or permissions: with auth off these are refused unless they come from loopback. */
  public boolean changesAuth() {
    return kind == Kind.LOOPBACK || (kind == Kind.CONSOLE && action == 'w');
  }
}
