package dev.beacon.http;

import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.health.BeatTable;
import dev.beacon.model.BeaconError;
import dev.beacon.model.Instance;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@code /v1/ns/catalog}: the console's service list, service detail and instance pages. */
final class CatalogEndpoints {

  private final BeaconConfig config;
  private final Registry registry;
  private final BeatTable beats;
  private final long beatInterval;

  CatalogEndpoints(BeaconConfig config, Registry registry, BeatTable beats) {
    this.config = config;
    this.registry = registry;
    this.beats = beats;
    this.beatInterval = config.millis(Setting.BEAT_INTERVAL);
  }

  Future<Reply> services(Params p) {
    int pageNo = p.requiredInt("pageNo");
    int pageSize = p.requiredInt("pageSize");
    String name = p.optional("serviceNameParam", "");
    String group = p.optional("groupNameParam", "");
    String ip = p.optional("instance", "");
    boolean hasIpCount = p.lenientBoolean("hasIpCount", false);
    List<ServiceView> views = Lookups.inNamespace(registry, NamingRequests.namespace(p))
        .filter(v -> v.key().bareName().contains(name) && v.key().group().contains(group))
        .filter(v -> ip.isEmpty() || v.instances().stream().anyMatch(i -> i.ip().contains(ip)))
        .filter(v -> !hasIpCount || v.size() > 0)
        .sorted((a, b) -> a.key().compareTo(b.key())).toList();
    List<ServiceView> page = Lookups.page(views, pageNo, pageSize);
    if (p.lenientBoolean("withInstances", false)) {
      JsonArray out = new JsonArray();
      page.forEach(v -> out.add(new JsonObject().put("serviceName", v.key().bareName())
          .put("groupName", v.key().group()).put("metadata", ServiceEndpoints.map(v.settings().metadata()))
          .put("clusterMap", clusterMap(v))));
      return Future.succeededFuture(Reply.json(out));
    }
    JsonArray list = new JsonArray();
    page.forEach(v -> list.add(new JsonObject().put("name", v.key().bareName()).put("groupName", v.key().group())
        .put("clusterCount", v.clusters().size()).put("ipCount", v.size())
        .put("healthyInstanceCount", v.healthyCount())
        .put("protectThreshold", v.settings().protectThresholdDecimal()).put("triggerFlag", String.valueOf(protecting(v)))));
    return Future.succeededFuture(Reply.json(new JsonObject().put("count", views.size()).put("serviceList", list)));
  }

  /** The protect threshold is reached: the list serves unhealthy instances as healthy (as {@code HostList}). */
  private static boolean protecting(ServiceView v) {
    return v.size() > 0 && (float) v.healthyCount() / v.size() <= v.settings().protectThreshold();
  }

  Future<Reply> service(Params p) {
    ServiceView v = Lookups.service(registry, NamingRequests.serviceKey(p));
    JsonObject service = new JsonObject().put("name", v.key().bareName())
        .put("protectThreshold", v.settings().protectThresholdDecimal()).put("groupName", v.key().group())
        .put("selector", ServiceEndpoints.selector(v.settings().selector()))
        .put("metadata", ServiceEndpoints.map(v.settings().metadata()))
        .put("ipCount", v.size()).put("healthyInstanceCount", v.healthyCount()).put("triggerFlag", protecting(v));
    return Future.succeededFuture(Reply.json(new JsonObject().put("service", service)
        .put("clusters", ServiceEndpoints.clusters(v))));
  }

  Future<Reply> instances(Params p) {
    ServiceView v = Lookups.service(registry, NamingRequests.serviceKey(p));
    String cluster = p.required("clusterName");
    int pageNo = p.requiredInt("pageNo");
    int pageSize = p.requiredInt("pageSize");
    if (!v.clusters().containsKey(cluster)) {
      throw BeaconError.notFound("cluster " + cluster + " is not found!");
    }
    List<Instance> all = v.instances().stream().filter(i -> i.clusterName().equals(cluster)).toList();
    JsonArray list = new JsonArray();
    Lookups.page(all, pageNo, pageSize).forEach(i -> list.add(serverInstance(v.key(), i)));
    return Future.succeededFuture(Reply.json(new JsonObject().put("list", list).put("count", all.size())));
  }

  private JsonObject clusterMap(ServiceView v) {
    JsonObject map = new JsonObject();
    v.clusters().keySet().forEach(c -> {
      JsonArray hosts = new JsonArray();
      v.instances().stream().filter(i -> i.clusterName().equals(c)).forEach(i -> hosts.add(new JsonObject()
          .put("ip", i.ip()).put("port", i.port()).put("weight", i.weight()).put("valid", i.healthy())
          .put("marked", i.marked()).put("metadata", ServiceEndpoints.map(i.metadata()))));
      map.put(c, new JsonObject().put("hosts", hosts));
    });
    return map;
  }

  /** Jackson of the server-side Nacos {@code Instance}. */
  private JsonObject serverInstance(ServiceKey key, Instance i) {
    JsonObject json = new JsonObject().put("instanceId", i.instanceId(key)).put("ip", i.ip()).put("port", i.port())
        .put("weight", i.weight()).put("healthy", i.healthy()).put("enabled", i.enabled())
        .put("ephemeral", i.ephemeral()).put("clusterName", i.clusterName()).put("serviceName", key.groupedName())
        .put("metadata", ServiceEndpoints.map(i.metadata()))
        .put("lastBeat", Math.max(0, beats.lastBeat(key, i.ref()))).put("marked", i.marked())
        .put("instanceHeartBeatInterval", i.beatInterval(beatInterval))
        .put("instanceHeartBeatTimeOut", i.beatTimeout(config.millis(Setting.BEAT_TIMEOUT)))
        .put("ipDeleteTimeout", i.deleteTimeout(config.millis(Setting.DELETE_TIMEOUT)));
    if (i.app() != null) {
      json.put("app", i.app());
    }
    return json;
  }
}
