package dev.beacon.http;

import dev.beacon.api.Access;
import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.auth.AuthData;
import dev.beacon.auth.Authenticator;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Switches;
import dev.beacon.core.NodeStatus;
import dev.beacon.core.RaftStatus;
import dev.beacon.core.ReplicatedEntries;
import dev.beacon.distro.ClusterView;
import dev.beacon.health.BeatTable;
import dev.beacon.model.ServiceKey;
import dev.beacon.push.Subscriptions;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.ConsistentReads;
import dev.beacon.registry.Namespaces;
import dev.beacon.registry.Registry;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The naming API, declared once: method, path under {@code /nacos}, an action name (what the event-bus API calls it),
 * who may call it ({@link Access}, checked where the route dispatches) and the endpoint. HTTP and the event-bus API
 * both serve this table.
 */
public final class Routes {

  /** One operation of the API. {@code path} is relative to the context path {@code /nacos}. */
  public record Route(HttpMethod method, String path, String action, Access access, Endpoint endpoint) {
  }

  private final List<Route> routes = new ArrayList<>();
  private final ConsistentReads reads;

  /**
   * The API over this node's parts, each endpoint class given only what it uses. Built once per node and shared by
   * every HTTP verticle and the event-bus API: the endpoints keep no per-loop state.
   */
  public static Routes of(Vertx vertx, BeaconConfig config, Registry registry, CommandSink sink, BeatTable beats,
                          ClusterView cluster, Subscriptions subscriptions, NodeStatus status, Switches switches,
                          RaftStatus raft, ReplicatedEntries entries, ConsistentReads reads, Authenticator authenticator, Namespaces namespaces,
                          MeterRegistry meters) {
    return new Routes(reads, new InstanceEndpoints(registry, sink, beats, cluster, subscriptions, switches),
        new ServiceEndpoints(config, registry, sink, subscriptions),
        new HealthEndpoints(config, registry, sink),
        new OperatorEndpoints(registry, cluster, status, switches, raft, entries),
        new CatalogEndpoints(config, registry, beats),
        new AuthEndpoints(config, authenticator, entries),
        new NamespaceEndpoints(registry, namespaces, entries),
        new ClusterEndpoints(vertx, config, registry, cluster, status, switches, raft, meters));
  }

  private Routes(ConsistentReads reads, InstanceEndpoints instance, ServiceEndpoints service, HealthEndpoints health,
                 OperatorEndpoints operator, CatalogEndpoints catalog, AuthEndpoints auth,
                 NamespaceEndpoints namespaces, ClusterEndpoints cluster) {
    this.reads = reads;
    String ns = "/v1/ns";

    add(HttpMethod.POST, ns + "/instance", "instance.register", Access.WRITE, instance::register);
    add(HttpMethod.DELETE, ns + "/instance", "instance.deregister", Access.WRITE, instance::deregister);
    add(HttpMethod.PUT, ns + "/instance", "instance.update", Access.WRITE, instance::register);
    add(HttpMethod.PATCH, ns + "/instance", "instance.patch", Access.WRITE, instance::patch);
    add(HttpMethod.GET, ns + "/instance", "instance.detail", Access.READ, ofService(instance::detail));
    add(HttpMethod.GET, ns + "/instance/list", "instance.list", Access.READ, ofService(instance::list));
    add(HttpMethod.PUT, ns + "/instance/beat", "instance.beat", Access.WRITE, instance::beat);
    add(HttpMethod.PUT, ns + "/instance/metadata/batch", "instance.metadata.update", Access.WRITE, p -> instance.batchMetadata(p, false));
    add(HttpMethod.DELETE, ns + "/instance/metadata/batch", "instance.metadata.delete", Access.WRITE, p -> instance.batchMetadata(p, true));
    add(HttpMethod.GET, ns + "/instance/statuses", "instance.statuses", Access.READ, instance::statuses);
    add(HttpMethod.POST, ns + "/instance/statuses", "instance.statuses.post", Access.READ, instance::statuses);

    add(HttpMethod.POST, ns + "/service", "service.create", Access.WRITE, service::create);
    add(HttpMethod.DELETE, ns + "/service", "service.delete", Access.WRITE, service::delete);
    add(HttpMethod.PUT, ns + "/service", "service.update", Access.WRITE, service::update);
    add(HttpMethod.GET, ns + "/service", "service.detail", Access.READ, ofService(service::detail));
    add(HttpMethod.GET, ns + "/service/list", "service.list", Access.READ, ofNamespace(service::list));
    add(HttpMethod.GET, ns + "/service/names", "service.names", Access.READ, ofNamespace(service::names));
    add(HttpMethod.POST, ns + "/service/names", "service.names.post", Access.READ, ofNamespace(service::names));
    add(HttpMethod.GET, ns + "/service/subscribers", "service.subscribers", Access.READ, service::subscribers);

    add(HttpMethod.PUT, ns + "/health/instance", "health.instance", Access.WRITE, health::setHealth);
    add(HttpMethod.PUT, ns + "/health", "health.update", Access.WRITE, health::setHealth);
    add(HttpMethod.GET, ns + "/health/checkers", "health.checkers", Access.OPEN, health::checkers);
    add(HttpMethod.GET, ns + "/health/server", "health.server", Access.OPEN, health::server);
    add(HttpMethod.POST, ns + "/health/server", "health.server.post", Access.OPEN, health::server);
    add(HttpMethod.PUT, ns + "/cluster", "cluster.update", Access.WRITE, health::updateCluster);

    for (String prefix : List.of("/operator", "/ops")) {
      String a = prefix.substring(1);
      add(HttpMethod.GET, ns + prefix + "/metrics", a + ".metrics", Access.OPEN, operator::metrics);
      add(HttpMethod.GET, ns + prefix + "/switches", a + ".switches", Access.OPEN, operator::switches);
      add(HttpMethod.PUT, ns + prefix + "/switches", a + ".switches.update", Access.ADMIN, operator::updateSwitch);
      add(HttpMethod.GET, ns + prefix + "/servers", a + ".servers", Access.OPEN, operator::servers);
      add(HttpMethod.GET, ns + prefix + "/distro/server", a + ".distro.server", Access.READ, operator::responsibleServer);
    }

    add(HttpMethod.GET, ns + "/raft/leader", "raft.leader", Access.OPEN, operator::raftLeader);

    add(HttpMethod.GET, ns + "/catalog/services", "catalog.services", Access.READ, ofNamespace(catalog::services));
    add(HttpMethod.GET, ns + "/catalog/service", "catalog.service", Access.READ, ofService(catalog::service));
    add(HttpMethod.GET, ns + "/catalog/instances", "catalog.instances", Access.READ, ofService(catalog::instances));
    add(HttpMethod.POST, ns + "/catalog/instances", "catalog.instances.post", Access.READ, ofService(catalog::instances));

    add(HttpMethod.POST, "/v1/auth/users/login", "auth.login", Access.OPEN, auth::login);
    add(HttpMethod.POST, "/v1/auth/login", "auth.login.legacy", Access.OPEN, auth::login);
    String users = "/v1/auth/users";
    Access usersRead = Access.console("console/users", 'r');
    Access usersWrite = Access.console("console/users", 'w');
    add(HttpMethod.POST, users, "auth.users.create", usersWrite, auth::createUser);
    add(HttpMethod.DELETE, users, "auth.users.delete", usersWrite, auth::deleteUser);
    add(HttpMethod.PUT, users, "auth.users.password", Access.console(AuthData.PASSWORD_RESOURCE, 'w'),
        auth::updatePassword);
    add(HttpMethod.GET, users, "auth.users", usersRead, auth::users);
    add(HttpMethod.GET, users + "/search", "auth.users.search", usersWrite, auth::searchUsers);
    add(HttpMethod.POST, users + "/admin", "auth.users.admin", Access.LOOPBACK, auth::createAdmin);
    String roles = "/v1/auth/roles";
    Access rolesWrite = Access.console("console/roles", 'w');
    add(HttpMethod.GET, roles, "auth.roles", Access.console("console/roles", 'r'), auth::roles);
    add(HttpMethod.GET, roles + "/search", "auth.roles.search", Access.console("console/roles", 'r'),
        auth::searchRoles);
    add(HttpMethod.POST, roles, "auth.roles.add", rolesWrite, auth::addRole);
    add(HttpMethod.DELETE, roles, "auth.roles.delete", rolesWrite, auth::deleteRole);
    String permissions = "/v1/auth/permissions";
    Access permissionsWrite = Access.console("console/permissions", 'w');
    add(HttpMethod.GET, permissions, "auth.permissions", Access.console("console/permissions", 'r'),
        auth::permissions);
    add(HttpMethod.POST, permissions, "auth.permissions.add", permissionsWrite, auth::addPermission);
    add(HttpMethod.DELETE, permissions, "auth.permissions.delete", permissionsWrite, auth::deletePermission);
    String console = "/v1/console/namespaces";
    Access namespacesWrite = Access.console(Access.NAMESPACES, 'w');
    add(HttpMethod.GET, console, "console.namespaces", Access.AUTHENTICATED, ofNamespace(namespaces::list));
    add(HttpMethod.POST, console, "console.namespaces.create", namespacesWrite, namespaces::create);
    add(HttpMethod.PUT, console, "console.namespaces.update", namespacesWrite, namespaces::update);
    add(HttpMethod.DELETE, console, "console.namespaces.delete", namespacesWrite, namespaces::delete);
    add(HttpMethod.GET, "/v1/console/server/state", "console.server.state", Access.OPEN, cluster::state);
    add(HttpMethod.GET, ClusterEndpoints.SELF_PATH, "cluster.self", Access.OPEN, cluster::self);
    add(HttpMethod.GET, "/v1/core/cluster/nodes", "cluster.nodes", Access.OPEN, cluster::nodes);
  }

  /**
   * A read of one service: linearizable where it may show persistent data ({@link ConsistentReads}). A request whose
   * service key is malformed goes straight to the endpoint, which answers the 400.
   */
  private Endpoint ofService(Endpoint endpoint) {
    return p -> {
      ServiceKey key;
      try {
        key = NamingRequests.serviceKey(p);
      } catch (RuntimeException e) {
        return endpoint.handle(p);
      }
      return reads.service(key).compose(v -> endpoint.handle(p));
    };
  }

  /** A read across a namespace (see {@link ConsistentReads#namespace}). */
  private Endpoint ofNamespace(Endpoint endpoint) {
    return p -> reads.namespace().compose(v -> endpoint.handle(p));
  }

  private void add(HttpMethod method, String path, String action, Access access, Endpoint endpoint) {
    routes.add(new Route(method, path, action, access, endpoint));
  }

  public List<Route> all() {
    return List.copyOf(routes);
  }

  public Map<String, Route> byAction() {
    return routes.stream().collect(Collectors.toMap(Route::action, Function.identity()));
  }
}
