package dev.beacon.http;

import dev.beacon.Node;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The naming API, declared once: method, path under {@code /nacos}, an action name (what the event-bus API calls it)
 * and the endpoint. HTTP and the event-bus API both serve this table.
 */
public final class Routes {

  /** One operation of the API. {@code path} is relative to the context path {@code /nacos}. */
  public record Route(HttpMethod method, String path, String action, Endpoint endpoint) {
  }

  private final List<Route> routes = new ArrayList<>();

  public Routes(Node node) {
    InstanceEndpoints instance = new InstanceEndpoints(node);
    ServiceEndpoints service = new ServiceEndpoints(node);
    HealthEndpoints health = new HealthEndpoints(node);
    OperatorEndpoints operator = new OperatorEndpoints(node);
    CatalogEndpoints catalog = new CatalogEndpoints(node);
    String ns = "/v1/ns";

    add(HttpMethod.POST, ns + "/instance", "instance.register", instance::register);
    add(HttpMethod.DELETE, ns + "/instance", "instance.deregister", instance::deregister);
    add(HttpMethod.PUT, ns + "/instance", "instance.update", instance::register);
    add(HttpMethod.PATCH, ns + "/instance", "instance.patch", instance::patch);
    add(HttpMethod.GET, ns + "/instance", "instance.detail", instance::detail);
    add(HttpMethod.GET, ns + "/instance/list", "instance.list", instance::list);
    add(HttpMethod.PUT, ns + "/instance/beat", "instance.beat", instance::beat);
    add(HttpMethod.PUT, ns + "/instance/metadata/batch", "instance.metadata.update", p -> instance.batchMetadata(p, false));
    add(HttpMethod.DELETE, ns + "/instance/metadata/batch", "instance.metadata.delete", p -> instance.batchMetadata(p, true));
    add(HttpMethod.GET, ns + "/instance/statuses", "instance.statuses", instance::statuses);
    add(HttpMethod.POST, ns + "/instance/statuses", "instance.statuses.post", instance::statuses);

    add(HttpMethod.POST, ns + "/service", "service.create", service::create);
    add(HttpMethod.DELETE, ns + "/service", "service.delete", service::delete);
    add(HttpMethod.PUT, ns + "/service", "service.update", service::update);
    add(HttpMethod.GET, ns + "/service", "service.detail", service::detail);
    add(HttpMethod.GET, ns + "/service/list", "service.list", service::list);
    add(HttpMethod.GET, ns + "/service/names", "service.names", service::names);
    add(HttpMethod.POST, ns + "/service/names", "service.names.post", service::names);
    add(HttpMethod.GET, ns + "/service/subscribers", "service.subscribers", service::subscribers);

    add(HttpMethod.PUT, ns + "/health/instance", "health.instance", health::setHealth);
    add(HttpMethod.PUT, ns + "/health", "health.update", health::setHealth);
    add(HttpMethod.GET, ns + "/health/checkers", "health.checkers", health::checkers);
    add(HttpMethod.GET, ns + "/health/server", "health.server", health::server);
    add(HttpMethod.POST, ns + "/health/server", "health.server.post", health::server);
    add(HttpMethod.PUT, ns + "/cluster", "cluster.update", health::updateCluster);

    for (String prefix : List.of("/operator", "/ops")) {
      String a = prefix.substring(1);
      add(HttpMethod.GET, ns + prefix + "/metrics", a + ".metrics", operator::metrics);
      add(HttpMethod.GET, ns + prefix + "/switches", a + ".switches", operator::switches);
      add(HttpMethod.PUT, ns + prefix + "/switches", a + ".switches.update", operator::updateSwitch);
      add(HttpMethod.GET, ns + prefix + "/servers", a + ".servers", operator::servers);
      add(HttpMethod.GET, ns + prefix + "/distro/server", a + ".distro.server", operator::responsibleServer);
    }

    add(HttpMethod.GET, ns + "/raft/leader", "raft.leader", operator::raftLeader);

    add(HttpMethod.GET, ns + "/catalog/services", "catalog.services", catalog::services);
    add(HttpMethod.GET, ns + "/catalog/service", "catalog.service", catalog::service);
    add(HttpMethod.GET, ns + "/catalog/instances", "catalog.instances", catalog::instances);
    add(HttpMethod.POST, ns + "/catalog/instances", "catalog.instances.post", catalog::instances);

    add(HttpMethod.POST, "/v1/auth/users/login", "auth.login", operator::login);
    add(HttpMethod.POST, "/v1/auth/login", "auth.login.legacy", operator::login);
    add(HttpMethod.GET, "/v1/console/namespaces", "console.namespaces", operator::namespaces);
  }

  private void add(HttpMethod method, String path, String action, Endpoint endpoint) {
    routes.add(new Route(method, path, action, endpoint));
  }

  public List<Route> all() {
    return List.copyOf(routes);
  }

  public Map<String, Route> byAction() {
    return routes.stream().collect(Collectors.toMap(Route::action, Function.identity()));
  }
}
