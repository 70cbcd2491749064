package dev.beacon.http;

import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.config.Switches;
import dev.beacon.core.NodeStatus;
import dev.beacon.core.RaftStatus;
import dev.beacon.core.ReplicatedEntries;
import dev.beacon.distro.ClusterView;
import dev.beacon.model.BeaconError;
import dev.beacon.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;

/** {@code /v1/ns/operator}: status metrics, switches, servers, responsibility. */
final class OperatorEndpoints {

  private final Registry registry;
  private final ClusterView cluster;
  private final NodeStatus status;
  private final Switches switches;
  private final RaftStatus raft;
  private final ReplicatedEntries entries;

  OperatorEndpoints(Registry registry, ClusterView cluster, NodeStatus status, Switches switches, RaftStatus raft,
                    ReplicatedEntries entries) {
    this.registry = registry;
    this.cluster = cluster;
    this.status = status;
    this.switches = switches;
    this.raft = raft;
    this.entries = entries;
  }

  Future<Reply> metrics(Params p) {
    Lookups.Responsible responsible = Lookups.responsible(registry, cluster);
    Runtime rt = Runtime.getRuntime();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return Future.succeededFuture(Reply.json(new JsonObject().put("status", status(switches, status))
        .put("serviceCount", registry.serviceCount()).put("instanceCount", registry.instanceCount())
        .put("raftNotifyTaskCount", 0).put("responsibleServiceCount", responsible.services())
        .put("responsibleInstanceCount", responsible.instances())
        .put("cpu", Math.max(0, load) / rt.availableProcessors()).put("load", Math.max(0, load))
        .put("mem", 1 - (double) rt.freeMemory() / rt.totalMemory())));
  }

  /** The node's state, or the {@code overriddenServerStatus} switch once it is ready. */
  static String status(Switches switches, NodeStatus status) {
    String overridden = switches.overriddenServerStatus();
    return overridden.isEmpty() || !status.ready() ? status.state().name() : overridden;
  }

  /** Nacos's whole {@code SwitchDomain}: the runtime switches (see {@link Switches}) and the fixed fields. */
  Future<Reply> switches(Params p) {
    JsonObject json = new JsonObject().put("name", "00-00---000-NACOS_SWITCH_DOMAIN-000---00-00")
        .put("masters", null).put("adWeightMap", new JsonObject())
        .put("httpHealthParams", new JsonObject()).put("tcpHealthParams", new JsonObject())
        .put("mysqlHealthParams", new JsonObject()).put("incrementalList", new JsonArray())
        .put("limitedUrlMap", new JsonObject())
        .put("pushGoVersion", "0.1.0").put("pushJavaVersion", "0.1.0").put("pushPythonVersion", "0.4.3")
        .put("pushCVersion", "1.0.12").put("pushCSharpVersion", "0.9.0").put("enableAuthentication", false)
        .put("checksum", null);
    switches.values().forEach(json::put);
    String overridden = switches.overriddenServerStatus();
    json.put(Switches.OVERRIDDEN_SERVER_STATUS, overridden.isEmpty() ? null : overridden);
    return Future.succeededFuture(Reply.json(json));
  }

  /**
   * {@code PUT ?entry=&value=}: validated as Nacos does (unknown entry or bad value: 400), then committed through Raft
   * so every node applies it and it survives a restart; {@code debug=true} changes this node only, as in Nacos.
   */
  Future<Reply> updateSwitch(Params p) {
    String entry = p.required("entry");
    String value = p.required("value");
    try {
      Switches.parse(entry, value);
    } catch (IllegalArgumentException e) {
      throw BeaconError.badRequest(e.getMessage());
    }
    if (p.lenientBoolean("debug", false)) {
      switches.set(entry, value);
      return Future.succeededFuture(Reply.OK);
    }
    return entries.submit(Switches.entry(entry, value)).map(v -> Reply.OK);
  }

  Future<Reply> servers(Params p) {
    return Future.succeededFuture(Reply.json(new JsonObject().put("servers", new JsonArray(cluster.servers()))));
  }

  Future<Reply> responsibleServer(Params p) {
    return Future.succeededFuture(Reply.json(new JsonObject()
        .put("responsibleServer", cluster.responsibleNode(NamingRequests.serviceKey(p)))));
  }

  /** {@code /raft/leader}: the Raft leader this node sees (Nacos returns its RaftPeer as a JSON string). */
  Future<Reply> raftLeader(Params p) {
    String leader = raft.leaderId().orElse(null);
    JsonObject peer = leader == null ? null : new JsonObject().put("ip", leader).put("state", "LEADER");
    return Future.succeededFuture(Reply.json(new JsonObject().put("leader", peer == null ? null : peer.encode())
        .put("self", raft.nodeId()).put("isLeader", raft.isLeader())));
  }
}
