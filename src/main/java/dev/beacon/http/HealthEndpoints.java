package dev.beacon.http;

import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.config.BeaconConfig;
import dev.beacon.model.BeaconError;
import dev.beacon.model.ClusterSettings;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** {@code /v1/ns/health} (manual health of NONE-checked instances, checkers, server hello) and {@code /v1/ns/cluster}. */
final class HealthEndpoints {

  private final BeaconConfig config;
  private final Registry registry;
  private final CommandSink sink;

  HealthEndpoints(BeaconConfig config, Registry registry, CommandSink sink) {
    this.config = config;
    this.registry = registry;
    this.sink = sink;
  }

  Future<Reply> setHealth(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    InstanceRef ref = NamingRequests.instanceRef(p);
    String healthy = p.optional("healthy", p.optional("valid", null));
    if (healthy == null) {
      throw BeaconError.badRequest("Param 'healthy' is required.");
    }
    boolean value = p.lenientBoolean(p.has("healthy") ? "healthy" : "valid", true);
    return sink.submit(new RegistryCommand.SetHealth(key, ref, value, true)).map(r -> Reply.OK);
  }

  Future<Reply> checkers(Params p) {
    return Future.succeededFuture(Reply.json(new JsonObject()
        .put("TCP", new JsonObject().put("type", "TCP"))
        .put("HTTP", new JsonObject().put("type", "HTTP").put("path", "").put("headers", "")
            .put("expectedResponseCode", 200))
        .put("NONE", new JsonObject().put("type", "NONE"))));
  }

  Future<Reply> server(Params p) {
    return Future.succeededFuture(Reply.json(new JsonObject().put("msg",
        "Hello! I am Nacos-Naming and healthy! total services: raft " + registry.serviceCount()
            + ", local port:" + config.port())));
  }

  Future<Reply> updateCluster(Params p) {
    ServiceKey key = NamingRequests.serviceKey(p);
    String name = NamingRequests.cluster(p.required("clusterName"));
    int checkPort = p.requiredInt("checkPort");
    boolean useInstancePort = p.lenientBoolean("useInstancePort4Check", true);
    p.required("useInstancePort4Check");
    String raw = p.required("healthChecker");
    JsonObject checker = NamingRequests.jsonObject(raw);
    if (checker == null) {
      throw BeaconError.badRequest("healthChecker format incorrect: " + raw);
    }
    String type = String.valueOf(checker.getValue("type", "")).toUpperCase(Locale.ROOT);
    if (!type.equals("TCP") && !type.equals("HTTP") && !type.equals("NONE")) {
      throw BeaconError.badRequest("unsupported health checker type: " + checker.getValue("type"));
    }
    ClusterSettings cluster;
    try {
      cluster = new ClusterSettings(name, type, checker.getString("path", ""),
          checker.getInteger("expectedResponseCode", 200), checker.getString("headers", ""), checkPort,
          useInstancePort, NamingRequests.metadata(p.optional("metadata", null)));
    } catch (ClassCastException e) {
      throw BeaconError.badRequest("healthChecker format incorrect: " + raw);
    }
    return sink.submit(new RegistryCommand.UpdateCluster(key, cluster)).map(r -> Reply.OK);
  }

  static JsonObject checker(ClusterSettings c) {
    JsonObject json = new JsonObject().put("type", c.checkerType());
    if ("HTTP".equals(c.checkerType())) {
      json.put("path", c.checkPath()).put("headers", c.headers()).put("expectedResponseCode", c.expectedCode());
    }
    return json;
  }
}
