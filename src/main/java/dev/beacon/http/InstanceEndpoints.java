package dev.beacon.http;

import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.config.Switches;
import dev.beacon.distro.ClusterView;
import dev.beacon.health.BeatTable;
import dev.beacon.model.BeaconError;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceList;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.push.Subscriptions;
import dev.beacon.registry.Beat;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;

/** {@code /v1/ns/instance}: register, deregister, update, patch, detail, list, beat, batch metadata, statuses. */
final class InstanceEndpoints {

  private final Registry registry;
  private final CommandSink sink;
  private final BeatTable beats;
  private final ClusterView cluster;
  private final Subscriptions subscriptions;
  private final Switches switches;

  InstanceEndpoints(Registry registry, CommandSink sink, BeatTable beats, ClusterView cluster, Subscriptions subscriptions, Switches switches) {
    this.registry = registry;
    this.sink = sink;
    this.beats = beats;
    this.cluster = cluster;
    this.subscriptions = subscriptions;
    this.switches = switches;
  }

  Future<Reply> register(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    Instance instance = NamingRequests.instance(p, switches.defaultInstanceEphemeral());
    return submit(new RegistryCommand.Register(key, instance)).onSuccess(ok -> {
      // Nacos sets lastBeat on every register, even one that changes nothing (some clients re-register as keepalive).
      if (instance.ephemeral() && cluster.isResponsible(key)) {
        beats.touch(key, instance.ref(), System.currentTimeMillis());
      }
    });
  }

  Future<Reply> deregister(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    return submit(new RegistryCommand.Deregister(key, NamingRequests.instanceRef(p),
        p.lenientBoolean("ephemeral", switches.defaultInstanceEphemeral())));
  }

  Future<Reply> patch(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    InstanceRef ref = NamingRequests.instanceRef(p);
    Double weight = p.has("weight") ? NamingRequests.weight(p.doubleValue("weight", 1)) : null;
    Boolean healthy = p.has("healthy") ? p.lenientBoolean("healthy", true) : null;
    Boolean enabled = p.has("enabled") ? p.lenientBoolean("enabled", true) : null;
    Metadata metadata = p.has("metadata") ? NamingRequests.metadata(p.optional("metadata", null)) : null;
    return submit(new RegistryCommand.Patch(key, ref, weight, healthy, enabled, metadata, p.optional("app", null)));
  }

  Future<Reply> detail(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    String cluster = NamingRequests.cluster(p, Instance.DEFAULT_CLUSTER);
    String ip = p.required("ip");
    int port = p.requiredInt("port");
    ServiceView view = registry.view(key);
    if (view == null) {
      throw BeaconError.notFound("no service " + key.groupedName() + " found!");
    }
    if (view.instances().stream().noneMatch(i -> i.clusterName().equals(cluster))) {
      throw BeaconError.notFound("no ips found for cluster " + cluster + " in service " + key.groupedName());
    }
    Instance i = view.find(new InstanceRef(cluster, ip, port));
    if (i == null) {
      throw BeaconError.notFound("no matched ip found!");
    }
    return Future.succeededFuture(Reply.json(new JsonObject().put("service", key.groupedName()).put("ip", i.ip())
        .put("port", i.port()).put("clusterName", i.clusterName()).put("weight", i.weight())
        .put("healthy", i.healthy()).put("instanceId", i.instanceId(key))
        .put("metadata", new JsonObject(new LinkedHashMap<>(i.metadata().asMap())))));
  }

  Future<Reply> list(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    if (p.strictBoolean("isCheck")) {
      return Future.succeededFuture(Reply.json(new JsonObject()));
    }
    int udpPort = p.intValue("udpPort", 0);
    String clientIp = p.optional("clientIP", "");
    String clusters = p.values().get("clusters") == null ? "" : p.values().get("clusters");
    // Promise the long push cacheMillis only when something will actually push; otherwise the client must poll.
    boolean push = subscriptions != Subscriptions.NONE && udpPort > 0 && !clientIp.isEmpty()
        && PushAgents.canPush(p.userAgent()) && switches.pushEnabled();
    if (push) {
      subscriptions.subscribe(key, clusters, clientIp, udpPort, p.userAgent(), p.optional("app", ""));
    }
    InstanceList.Query q = new InstanceList.Query(clusters, p.optional("env", ""), p.strictBoolean("healthyOnly"),
        p.groupedNamesAgent(), push,
        push ? switches.defaultPushCacheMillis() : switches.defaultCacheMillis());
    ServiceView view = registry.view(key);
    Buffer gzipped = p.acceptsGzip() ? InstanceList.encodeGzipped(key, view, q) : null;
    return Future.succeededFuture(gzipped != null ? Reply.gzippedJson(gzipped)
        : Reply.json(InstanceList.encode(key, view, q)));
  }

  Future<Reply> beat(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    String raw = p.optional("beat", null);
    Instance fromBody = raw == null ? null : fromBeat(raw, p);
    InstanceRef ref = fromBody != null ? fromBody.ref() : NamingRequests.instanceRef(p);
    return sink.beat(new Beat(key, ref, fromBody)).map(Reply::json);
  }

  /** The instance described by a {@code beat} body; its ip, port and (non-blank) cluster override the query's. */
  private static Instance fromBeat(String raw, Params p) {
    JsonObject b = NamingRequests.jsonObject(raw);
    if (b == null) {
      throw BeaconError.badRequest("beat format incorrect: " + raw);
    }
    try {
      String ip = NamingRequests.ip(b.getString("ip", p.optional("ip", "")));
      int port = NamingRequests.port(b.getValue("port") != null ? b.getInteger("port") : p.intValue("port", 0));
      String cluster = b.getString("cluster", "");
      cluster = NamingRequests.cluster(cluster.isBlank() ? NamingRequests.cluster(p, Instance.DEFAULT_CLUSTER) : cluster);
      JsonObject meta = b.getJsonObject("metadata", new JsonObject());
      Metadata metadata = meta.isEmpty() ? Metadata.EMPTY : NamingRequests.metadata(meta.encode());
      double weight = NamingRequests.weight(b.getNumber("weight", 1.0).doubleValue());
      return new Instance(new InstanceRef(cluster, ip, port), weight, true, true, b.getBoolean("ephemeral", true),
          false, metadata, p.optional("app", "DEFAULT"), null);
    } catch (ClassCastException e) {
      throw BeaconError.badRequest("beat format incorrect: " + raw);
    }
  }

  Future<Reply> batchMetadata(Params p, boolean delete) {
    ServiceKey key = NamingRequests.serviceKey(p);
    var metadata = NamingRequests.metadataMap(p.required("metadata"));
    String consistency = p.optional("consistencyType", "");
    if (!consistency.isEmpty() && !consistency.equals("ephemeral") && !consistency.equals("persist")) {
      throw BeaconError.badRequest("consistencyType must be ephemeral or persist, got: " + consistency);
    }
    List<InstanceRef> refs = new ArrayList<>();
    String instances = p.optional("instances", null);
    if (instances != null) {
      try {
        for (Object o : new JsonArray(instances)) {
          if (!(o instanceof JsonObject i)) {
            throw BeaconError.badRequest("instances format incorrect: " + instances);
          }
          i.getMap().values().removeIf(Objects::isNull);
          refs.add(new InstanceRef(NamingRequests.cluster(i.getString("clusterName", Instance.DEFAULT_CLUSTER)),
              NamingRequests.ip(i.getString("ip", "")), NamingRequests.port(i.getInteger("port", 0))));
        }
      } catch (DecodeException | ClassCastException e) {
        throw BeaconError.badRequest("instances format incorrect: " + instances);
      }
    }
    return sink.submit(new RegistryCommand.BatchMetadata(key, refs, consistency, metadata, delete))
        .map(r -> Reply.json((JsonObject) r));
  }

  /** Internal Nacos endpoint: {@code key=<ns>##<grouped>} → {@code {"ips":["ip:port_healthy", …]}}. */
  Future<Reply> statuses(Params p) {
    String k = p.required("key");
    int sep = k.indexOf("##");
    ServiceView view = sep < 0 ? null : registry.view(new ServiceKey(k.substring(0, sep), k.substring(sep + 2)));
    if (view == null) {
      throw BeaconError.notFound("service not found: " + k);
    }
    JsonArray ips = new JsonArray();
    view.instances().forEach(i -> ips.add(i.ip() + ":" + i.port() + "_" + i.healthy()));
    return Future.succeededFuture(Reply.json(new JsonObject().put("ips", ips)));
  }

  private Future<Reply> submit(RegistryCommand command) {
    return sink.submit(command).map(r -> Reply.OK);
  }
}
