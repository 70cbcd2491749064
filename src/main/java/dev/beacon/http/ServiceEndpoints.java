package dev.beacon.http;

import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.model.ClusterSettings;
import dev.beacon.model.Metadata;
import dev.beacon.model.Selector;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;
import dev.beacon.push.Subscriber;
import dev.beacon.push.Subscriptions;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand.UpsertService.Mode;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** {@code /v1/ns/service}: create, delete, update, detail, list, names. */
final class ServiceEndpoints {

  private final BeaconConfig config;
  private final Registry registry;
  private final CommandSink sink;
  private final Subscriptions subscriptions;

  ServiceEndpoints(BeaconConfig config, Registry registry, CommandSink sink, Subscriptions subscriptions) {
    this.config = config;
    this.registry = registry;
    this.sink = sink;
    this.subscriptions = subscriptions;
  }

  Future<Reply> create(Params p) {
    return upsert(p, Mode.CREATE);
  }

  Future<Reply> update(Params p) {
    return upsert(p, Mode.UPDATE);
  }

  private Future<Reply> upsert(Params p, Mode mode) {
    ServiceKey key = NamingRequests.serviceKey(p);
    ServiceSettings settings = new ServiceSettings(NamingRequests.threshold(p, mode == Mode.UPDATE),
        NamingRequests.metadata(p.optional("metadata", null)), NamingRequests.selector(p.optional("selector", null)),
        true);
    return sink.submit(new RegistryCommand.UpsertService(key, settings, mode)).map(r -> Reply.OK);
  }

  Future<Reply> delete(Params p) {
    boolean guard = config.bool(Setting.SERVICE_DELETE_GUARD);
    return sink.submit(new RegistryCommand.RemoveService(NamingRequests.serviceKey(p), guard))
        .map(r -> Reply.OK);
  }

  Future<Reply> detail(Params p) {
    ServiceView view = Lookups.service(registry, NamingRequests.serviceKey(p));
    ServiceKey key = view.key();
    ServiceSettings s = view.settings();
    return Future.succeededFuture(Reply.json(new JsonObject().put("name", key.bareName())
        .put("namespaceId", key.namespace()).put("protectThreshold", s.protectThresholdDecimal())
        .put("metadata", map(s.metadata())).put("selector", selector(s.selector()))
        .put("groupName", key.group()).put("clusters", clusters(view))));
  }

  Future<Reply> list(Params p) {
    int pageNo = p.requiredInt("pageNo");
    int pageSize = p.requiredInt("pageSize");
    String namespace = NamingRequests.namespace(p);
    String group = p.optional("groupName", ServiceKey.DEFAULT_GROUP);
    boolean allGroups = "*".equals(group);
    SelectorFilter filter = SelectorFilter.parse(p.optional("selector", null));
    List<String> names = Lookups.inNamespace(registry, namespace)
        .filter(v -> allGroups || v.key().group().equals(group))
        .filter(filter::matches)
        .map(v -> allGroups ? v.key().groupedName() : v.key().bareName())
        .sorted().toList();
    return Future.succeededFuture(Reply.json(new JsonObject().put("count", names.size())
        .put("doms", new JsonArray(Lookups.page(names, pageNo, pageSize)))));
  }

  /** This node's live push subscribers of a service (Nacos also aggregates other servers'; Beacon does not yet). */
  Future<Reply> subscribers(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    int pageNo = p.intValue("pageNo", 1);
    int pageSize = p.intValue("pageSize", 1000);
    List<Subscriber> all = subscriptions.list(key);
    JsonArray page = new JsonArray();
    for (Subscriber s : Lookups.page(all, pageNo, pageSize)) {
      page.add(new JsonObject().put("addrStr", s.address()).put("agent", s.agent()).put("app", s.app())
          .put("ip", s.ip()).put("port", s.port()).put("namespaceId", key.namespace())
          .put("serviceName", key.groupedName()).put("cluster", s.clusters()));
    }
    return Future.succeededFuture(Reply.json(new JsonObject().put("subscribers", page).put("count", all.size())));
  }

  Future<Reply> names(Params p) {
    String namespace = p.optional("namespaceId", null);
    String expr = p.optional("expr", null);
    Map<String, JsonArray> byNamespace = new TreeMap<>();
    Stream<ServiceView> views = namespace == null ? registry.views().stream()
        : Lookups.inNamespace(registry, namespace);
    views.filter(v -> expr == null || v.key().groupedName().contains(expr)).sorted((a, b) -> a.key().compareTo(b.key()))
        .forEach(v -> byNamespace.computeIfAbsent(v.key().namespace(), n -> new JsonArray()).add(v.key().groupedName()));
    return Future.succeededFuture(Reply.json(new JsonObject()
        .put("services", new JsonObject(new LinkedHashMap<>(byNamespace))).put("count", byNamespace.size())));
  }

  static JsonObject map(Metadata m) {
    return new JsonObject(new LinkedHashMap<>(m.asMap()));
  }

  static JsonObject selector(Selector s) {
    JsonObject json = new JsonObject().put("type", s.type());
    return s.expression() == null ? json : json.put("expression", s.expression());
  }

  static JsonArray clusters(ServiceView view) {
    JsonArray clusters = new JsonArray();
    view.clusters().values().forEach(c -> clusters.add(cluster(c)));
    return clusters;
  }

  static JsonObject cluster(ClusterSettings c) {
    return new JsonObject().put("name", c.name()).put("healthChecker", HealthEndpoints.checker(c))
        .put("checkPort", c.checkPort()).put("useIPPort4Check", c.useInstancePort()).put("metadata", map(c.metadata()));
  }
}
