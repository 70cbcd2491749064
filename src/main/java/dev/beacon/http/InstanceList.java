package dev.beacon.http;

import dev.beacon.model.HostList;
import dev.beacon.model.Json;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code GET /instance/list} (and of a UDP push), field for field as Nacos 1.4 {@code doSrvIpxt} writes it.
 * The common query (all clusters, Java client) reuses the view's pre-encoded hosts; other shapes are encoded here.
 */
public final class InstanceList {

  private InstanceList() {
  }

  /** The query shape: {@code clusters} as sent (echoed verbatim), {@code env} echoed, agent naming style. */
  public record Query(String clusters, String env, boolean healthyOnly, boolean groupedNames, long cacheMillis) {
    List<String> clusterList() {
      return clusters.isEmpty() ? List.of() : Arrays.stream(clusters.split(",")).map(String::trim).toList();
    }
  }

  public static Buffer encode(ServiceKey key, ServiceView view, Query q) {
    if (view == null) {
      return Buffer.buffer(Json.encode(g -> {
        g.writeStartObject();
        g.writeStringField("name", key.groupedName());
        g.writeStringField("clusters", q.clusters());
        g.writeNumberField("cacheMillis", q.cacheMillis());
        g.writeArrayFieldStart("hosts");
        g.writeEndArray();
        g.writeEndObject();
      }));
    }
    boolean common = q.clusters().isEmpty() && q.groupedNames();
    HostList hosts = common ? view.hosts(q.healthyOnly())
        : HostList.encode(view, q.clusterList(), q.healthyOnly(), q.groupedNames());
    String dom = q.groupedNames() ? key.groupedName() : key.bareName();
    byte[] tail = Json.encode(g -> {
      g.writeStartObject();
      g.writeStringField("dom", dom);
      g.writeStringField("name", key.groupedName());
      g.writeNumberField("cacheMillis", q.cacheMillis());
      g.writeNumberField("lastRefTime", System.currentTimeMillis());
      g.writeStringField("checksum", view.checksum());
      g.writeBooleanField("useSpecifiedURL", false);
      g.writeStringField("clusters", q.clusters());
      g.writeStringField("env", q.env());
      Json.writeMap(g, "metadata", view.settings().metadata().asMap());
      g.writeBooleanField("reachProtectionThreshold", hosts.reachedThreshold());
      g.writeEndObject();
    });
    // {"hosts":[...], + the tail object without its opening brace
    return Buffer.buffer(hosts.json().length + tail.length + 16)
        .appendString("{\"hosts\":").appendBytes(hosts.json()).appendString(",")
        .appendBytes(tail, 1, tail.length - 1);
  }
}
