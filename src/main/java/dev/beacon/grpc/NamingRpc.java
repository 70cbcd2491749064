package dev.beacon.grpc;

import dev.beacon.api.Failure;
import dev.beacon.api.Guard;
import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.model.BeaconError;
import dev.beacon.model.Instance;
import dev.beacon.model.Metadata;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The naming requests of nacos-client 2.x, each answered with the response type the client expects. Parameters go
 * through the same validation as the v1 HTTP API ({@link NamingRequests}), so both APIs accept and refuse alike.
 */
final class NamingRpc {

  private static final String ACCESS_TOKEN = "accessToken";
  private static final String SUCCESS = "\"resultCode\":200,\"errorCode\":0,\"message\":\"success\",\"success\":true";
  /** The answers of successful writes never vary: encoded once. */
  private static final byte[] REGISTERED = done("InstanceResponse", "registerInstance");
  private static final byte[] DEREGISTERED = done("InstanceResponse", "deregisterInstance");
  private static final byte[] BATCH_REGISTERED = done("BatchInstanceResponse", "batchRegisterInstance");

  private final Registry registry;
  private final Leases leases;
  private final GrpcPush push;
  private final Guard guard;

  NamingRpc(Registry registry, Leases leases, GrpcPush push, Guard guard) {
    this.registry = registry;
    this.leases = leases;
    this.push = push;
    this.guard = guard;
  }

  /**
   * Runs a naming request once the caller may: a read or write permission on its service, checked as the HTTP API
   * checks it, with the token nacos-client 2.x sends in the payload headers ({@code accessToken}).
   */
  Future<Buffer> admitted(Payload in, boolean write, BiFunction<JsonObject, Params, Future<Buffer>> handler) {
    JsonObject body = in.body();
    // Built once for the guard and the handler: with the instance's fields when the request carries one.
    Params p = params(body, body.getValue("instance") instanceof JsonObject instance ? instance : null);
    String token = in.headers().get(ACCESS_TOKEN);
    if (token != null) {
      p.values().add(ACCESS_TOKEN, token);
    }
    return guard.admitNaming(write, p).compose(ok -> handler.apply(body, p));
  }

  /** {@code InstanceRequest}: register (replacing this connection's entry) or deregister an ephemeral instance. */
  Future<Buffer> instance(GrpcConnection conn, JsonObject body, Params p) {
    String type = body.getString("type", "");
    ServiceKey key = NamingRequests.serviceKey(p);
    return switch (type) {
      case "registerInstance" -> leases.publish(conn, key, List.of(ephemeral(body.getValue("instance"), p)))
          .map(v -> Payload.shared(REGISTERED));
      case "deregisterInstance" -> leases.publish(conn, key, List.of()).map(v -> Payload.shared(DEREGISTERED));
      default -> throw BeaconError.badRequest("Unsupported request type " + type);
    };
  }

  /** {@code BatchInstanceRequest}: this connection's entry becomes exactly the list (batch deregister sends the rest). */
  Future<Buffer> batch(GrpcConnection conn, JsonObject body, Params p) {
    String type = body.getString("type", "");
    if (!type.equals("batchRegisterInstance")) {
      throw BeaconError.badRequest("Unsupported request type " + type);
    }
    ServiceKey key = NamingRequests.serviceKey(p);
    if (!(body.getValue("instances", new JsonArray()) instanceof JsonArray list)) {
      throw BeaconError.badRequest("instances must be a list");
    }
    List<Instance> instances = new ArrayList<>();
    list.forEach(i -> instances.add(ephemeral(i, i instanceof JsonObject instance ? params(body, instance) : p)));
    return leases.publish(conn, key, instances).map(v -> Payload.shared(BATCH_REGISTERED));
  }

  /**
   * {@code ServiceQueryRequest}: the current instances, as a subscribe would get them. The common query (all
   * clusters, healthy or not: what nacos-client 2.x sends) is encoded once per view revision, ready to send.
   */
  Buffer query(JsonObject body, Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    boolean healthyOnly = Boolean.TRUE.equals(body.getValue("healthyOnly"));
    String cluster = body.getString("cluster", "");
    ServiceView view = registry.view(key);
    if (view != null && cluster.isBlank() && !healthyOnly) {
      return Payload.shared(view.memo(ServiceView.GRPC_QUERY_SLOT,
          () -> withServiceInfo("QueryServiceResponse", key, "", false).encode().getBytes()));
    }
    return withServiceInfo("QueryServiceResponse", key, cluster, healthyOnly).encode();
  }

  /** {@code SubscribeServiceRequest}: subscribe or unsubscribe; both answer the current instances. */
  Payload subscribe(GrpcConnection conn, JsonObject body, Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    String clusters = body.getString("clusters", "");
    if (Boolean.FALSE.equals(body.getValue("subscribe", true))) {
      push.unsubscribe(conn, key);
    } else {
      push.subscribe(conn, key, clusters);
    }
    return withServiceInfo("SubscribeServiceResponse", key, clusters, false);
  }

  /** {@code ServiceListRequest}: one page of the bare service names of a namespace and group. */
  Payload serviceList(Params p) {
    String namespace = NamingRequests.namespace(p);
    String group = p.optional("groupName", ServiceKey.DEFAULT_GROUP);
    int pageNo = Math.max(1, p.intValue("pageNo", 1));
    int pageSize = Math.max(1, p.intValue("pageSize", 10));
    List<String> names = registry.views().stream().map(ServiceView::key)
        .filter(k -> k.namespace().equals(namespace) && k.group().equals(group)).map(ServiceKey::bareName)
        .sorted().toList();
    long from = Math.max(0, (long) (pageNo - 1) * pageSize);
    List<String> page = from >= names.size() ? List.of()
        : names.subList((int) from, (int) Math.min(names.size(), from + pageSize));
    return ok("ServiceListResponse", new JsonObject().put("count", names.size()).put("serviceNames", new JsonArray(page)));
  }

  private static byte[] done(String responseType, String requestType) {
    return ok(responseType, new JsonObject().put("type", requestType)).encode().getBytes();
  }

  /** A successful response of the given type with extra fields. */
  static Payload ok(String type, JsonObject fields) {
    return Payload.of(type, fields.put("resultCode", 200).put("errorCode", 0).put("success", true));
  }

  /** A client mistake: the expected type with resultCode 500 and the 4xx code, reported to the caller unretried. */
  static Payload refused(String type, Failure f) {
    return Payload.of(type, new JsonObject().put("resultCode", 500).put("errorCode", f.status())
        .put("message", f.message()).put("success", false));
  }

  private Payload withServiceInfo(String type, ServiceKey key, String clusters, boolean healthyOnly) {
    byte[] info = ServiceInfos.encode(key, registry.view(key), clusters, healthyOnly);
    return new Payload(type, "", Map.of(), ServiceInfos.body(info, SUCCESS));
  }

  /**
   * An instance of a register request, validated as {@code POST /v1/ns/instance} validates it; {@code p}: the
   * request's and the instance's fields ({@link #params}).
   */
  private static Instance ephemeral(Object raw, Params p) {
    if (!(raw instanceof JsonObject instance)) {
      throw BeaconError.badRequest("instance must be an object: " + raw);
    }
    Metadata metadata = instance.getValue("metadata") instanceof JsonObject json ? NamingRequests.metadata(json)
        : Metadata.EMPTY;
    Instance i = NamingRequests.instance(p, true, metadata);
    if (!i.ephemeral()) {
      throw BeaconError.badRequest("persistent instances are registered over HTTP: this server does not advertise "
          + "supportPersistentInstanceByGrpc");
    }
    return i;
  }

  /** The request (and instance) fields under their v1 parameter names, for the shared validation. */
  private static Params params(JsonObject request, JsonObject instance) {
    for (String field : new String[] {"serviceName", "groupName"}) {
      // 2.x names travel apart: a group inside either would make the grouped name mean something else.
      if (String.valueOf(request.getValue(field, "")).contains(ServiceKey.SEPARATOR)) {
        throw BeaconError.badRequest("Param '" + field + "' is illegal, it must not contain '@@': "
            + request.getValue(field));
      }
    }
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    put(m, "namespaceId", request.getValue("namespace"));
    put(m, "serviceName", request.getValue("serviceName"));
    put(m, "groupName", request.getValue("groupName"));
    put(m, "pageNo", request.getValue("pageNo"));
    put(m, "pageSize", request.getValue("pageSize"));
    if (instance != null) {
      for (String field : new String[] {"ip", "port", "weight", "healthy", "enabled", "ephemeral", "clusterName"}) {
        put(m, field, instance.getValue(field));
      }
      Object metadata = instance.getValue("metadata"); // read as JSON by ephemeral(), not as a parameter
      if (metadata != null && !(metadata instanceof JsonObject)) {
        throw BeaconError.badRequest("metadata format incorrect:" + metadata);
      }
    }
    return new Params(m, "");
  }

  private static void put(MultiMap m, String name, Object value) {
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw BeaconError.badRequest("Param '" + name + "' must be a single value");
    }
    if (value != null) {
      m.add(name, String.valueOf(value));
    }
  }
}
