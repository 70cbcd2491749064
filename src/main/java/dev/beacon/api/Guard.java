package dev.beacon.api;

import dev.beacon.auth.AuthData;
import dev.beacon.auth.Authenticator;
import dev.beacon.auth.Denied;
import dev.beacon.model.ServiceKey;
import io.vertx.core.Future;

/**
 * Admits a request to its route or refuses it with {@link Denied}: authenticates (Bearer header, {@code accessToken},
 * or {@code username}+{@code password}) and checks the route's {@link Access}. Fails closed: no credentials, no
 * entry; no header other than the token is ever trusted.
 */
public final class Guard {

  private static final String ALL_SERVICES = "*:naming/*";

  private final boolean enabled;
  private final Authenticator auth;

  public Guard(boolean enabled, Authenticator auth) {
    this.enabled = enabled;
    this.auth = auth;
  }

  /**
   * For the other APIs (gRPC): a naming read ({@code write} false) or write on the service the params name, with
   * the token among the params ({@code accessToken}); the same check as the HTTP routes'.
   */
  public Future<Params> admitNaming(boolean write, Params p) {
    return admit(write ? Access.WRITE : Access.READ, p, false);
  }

  /** The params with the caller's name, or a failed future ({@link Denied}, or a 400 for a malformed name). */
  public Future<Params> admit(Access access, Params p, boolean loopback) {
    if (!enabled) {
      // As Nacos, everything is open, except that users and grants are changed only from this machine.
      return access.changesAuth() && !loopback ? denied(Denied.NOT_PERMITTED) : Future.succeededFuture(p);
    }
    return switch (access.kind()) {
      case OPEN -> Future.succeededFuture(p);
      case LOOPBACK -> loopback ? Future.succeededFuture(p) : denied(Denied.NOT_PERMITTED);
      default -> authenticate(p).compose(user -> authorize(access, p, user) ? Future.succeededFuture(p.as(user))
          : denied(Denied.NOT_PERMITTED));
    };
  }

  private Future<String> authenticate(Params p) {
    String token = p.token();
    if (token != null) {
      try {
        return Future.succeededFuture(auth.verify(token));
      } catch (Denied d) {
        return Future.failedFuture(d);
      }
    }
    String user = p.optional("username", null);
    String password = p.values().get("password");
    if (user != null && password != null) {
      return auth.login(user, password);
    }
    return denied(Denied.UNKNOWN_USER);
  }

  private boolean authorize(Access access, Params p, String user) {
    AuthData data = auth.store().data();
    return switch (access.kind()) {
      case AUTHENTICATED -> true;
      case ADMIN -> data.isAdmin(user);
      case CONSOLE -> data.allowed(user, access.resource(), access.action());
      case NAMING -> data.allowed(user, namingResource(p), access.action());
      default -> false;
    };
  }

  /**
   * {@code namespace:group:naming/service} from the namespace and the grouped name the handler will actually use (a
   * {@code G@@svc} service name wins over {@code groupName}, unlike Nacos, whose parser let a grant on one group
   * write another); the public namespace is the empty string, as in Nacos. No service name: every service.
   */
  public static String namingResource(Params p) {
    String namespace = NamingRequests.namespace(p);
    String ns = namespace.equals(ServiceKey.DEFAULT_NAMESPACE) ? "" : namespace;
    if (!p.has("serviceName") && !p.has("dom")) {
      return ns + ":" + ALL_SERVICES;
    }
    ServiceKey key = NamingRequests.serviceKey(p);
    return ns + ":" + key.group() + ":naming/" + key.bareName();
  }

  private static <T> Future<T> denied(String reason) {
    return Future.failedFuture(new Denied(reason));
  }
}
