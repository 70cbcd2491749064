package dev.beacon.http;

import dev.beacon.api.Params;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Switches;
import dev.beacon.core.NodeStatus;
import dev.beacon.core.RaftStatus;
import dev.beacon.distro.ClusterView;
import dev.beacon.registry.Registry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only status for the console: {@code /v1/console/server/state} (version, auth on or off, standalone or
 * cluster), {@code /v1/core/cluster/self} (this node: status, Raft, responsible counts, Distro counters) and
 * {@code /v1/core/cluster/nodes} (the servers this node sees, each with its own {@code self}, fetched over HTTP).
 */
final class ClusterEndpoints {

  static final String SELF_PATH = "/v1/core/cluster/self";
  private static final String VERSION = versionOf();
  private static final long PEER_TIMEOUT_MILLIS = 1000;
  private static final String DISTRO_PREFIX = "beacon.distro.";

  private final Vertx vertx;
  private final BeaconConfig config;
  private final Registry registry;
  private final ClusterView cluster;
  private final NodeStatus status;
  private final Switches switches;
  private final RaftStatus raft;
  private final MeterRegistry meters;
  /** One pooled client for the peers' {@code self}, shared by every event loop (Vert.x clients are thread-safe). */
  private final HttpClient client;

  ClusterEndpoints(Vertx vertx, BeaconConfig config, Registry registry, ClusterView cluster, NodeStatus status,
                   Switches switches, RaftStatus raft, MeterRegistry meters) {
    this.vertx = vertx;
    this.config = config;
    this.registry = registry;
    this.cluster = cluster;
    this.status = status;
    this.switches = switches;
    this.raft = raft;
    this.meters = meters;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) PEER_TIMEOUT_MILLIS));
  }

  Future<Reply> state(Params p) {
    return Future.succeededFuture(Reply.json(new JsonObject().put("version", VERSION)
        .put("auth_enabled", config.authEnabled())
        .put("standalone_mode", config.clustered() ? "cluster" : "standalone")
        .put("function_mode", "naming").put("node", cluster.localNode())));
  }

  Future<Reply> self(Params p) {
    return Future.succeededFuture(Reply.json(self()));
  }

  /** Every server with its {@code self}; a server that does not answer within a second is {@code UNREACHABLE}. */
  Future<Reply> nodes(Params p) {
    String local = cluster.localNode();
    List<Future<JsonObject>> members = new ArrayList<>();
    for (JsonObject server : cluster.servers()) {
      String address = server.getString("address");
      members.add(address.equals(local) ? Future.succeededFuture(server.copy().put("self", self()))
          : fetchSelf(server).map(self -> server.copy().put("self", self))
              .otherwise(e -> server.copy().put("state", "UNREACHABLE").put("error", String.valueOf(e.getMessage()))));
    }
    return Future.join(members).transform(all -> {
      JsonArray data = new JsonArray();
      members.forEach(f -> data.add(f.result()));
      return Future.succeededFuture(Reply.json(new JsonObject().put("code", 200).put("message", null)
          .put("data", data)));
    });
  }

  private JsonObject self() {
    Lookups.Responsible responsible = Lookups.responsible(registry, cluster);
    JsonObject distro = new JsonObject();
    meters.getMeters().stream()
        .filter(m -> m instanceof FunctionCounter && m.getId().getName().startsWith(DISTRO_PREFIX))
        .forEach(m -> distro.put(m.getId().getName().substring(DISTRO_PREFIX.length()), (long) ((FunctionCounter) m)
            .count()));
    return new JsonObject().put("node", cluster.localNode()).put("version", VERSION)
        .put("status", OperatorEndpoints.status(switches, status))
        .put("raftLeader", raft.leaderId().orElse(null)).put("raftIsLeader", raft.isLeader())
        .put("raftAppliedIndex", raft.lastAppliedIndex())
        .put("serviceCount", registry.serviceCount()).put("instanceCount", registry.instanceCount())
        .put("responsibleServiceCount", responsible.services())
        .put("responsibleInstanceCount", responsible.instances())
        .put("distro", distro);
  }

  private Future<JsonObject> fetchSelf(JsonObject server) {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(server.getString("ip"))
        .setPort(server.getInteger("port")).setURI("/nacos" + SELF_PATH).setIdleTimeout(PEER_TIMEOUT_MILLIS);
    return client.request(request).compose(r -> r.send()).compose(r -> r.statusCode() == 200 ? r.body()
        : Future.failedFuture("HTTP " + r.statusCode())).map(b -> b.toJsonObject());
  }

  private static String versionOf() {
    String v = ClusterEndpoints.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }
}
