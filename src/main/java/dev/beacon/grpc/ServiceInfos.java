package dev.beacon.grpc;

import dev.beacon.model.HostList;
import dev.beacon.model.Json;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The 2.x {@code ServiceInfo} JSON of a service: bare {@code name} with {@code groupName} apart (a grouped name makes
 * the client key its listeners wrongly and they never fire), {@code hosts} never null, grouped {@code serviceName} and
 * the instance id in every host. Hosts are chosen as the v1 list chooses them (enabled only, protect threshold), so
 * both APIs show one registry alike. The all-clusters body is encoded once per view revision.
 */
final class ServiceInfos {

  /** What Nacos 2.x sends as {@code cacheMillis}: the client's fallback refresh, unused while pushes arrive. */
  static final long CACHE_MILLIS = 10_000;

  private ServiceInfos() {
  }

  /**
   * A response or push body around an encoded {@code ServiceInfo}: {@code {"serviceInfo":<info>,<rest>}} where
   * {@code rest} is the remaining members, without braces. Bytes are appended as they are: no string round trip of a
   * list that may be hundreds of kilobytes.
   */
  static Buffer body(byte[] serviceInfo, String rest) {
    return Buffer.buffer(serviceInfo.length + rest.length() + 32).appendString("{\"serviceInfo\":")
        .appendBytes(serviceInfo).appendString(",").appendString(rest).appendString("}");
  }

  /** {@code clusters}: comma-separated names, blank for all. */
  static byte[] encode(ServiceKey key, ServiceView view, String clusters, boolean healthyOnly) {
    String wanted = clusters == null ? "" : clusters.trim();
    if (view != null && wanted.isEmpty() && !healthyOnly) {
      return view.memo(ServiceView.GRPC_SLOT, () -> body(key, view, "", false));
    }
    return body(key, view, wanted, healthyOnly);
  }

  private static byte[] body(ServiceKey key, ServiceView view, String clusters, boolean healthyOnly) {
    List<String> filter = clusters.isEmpty() ? List.of()
        : Arrays.stream(clusters.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
    HostList hosts = view == null ? null : HostList.encode(view, filter, healthyOnly, true);
    return Json.encode(g -> {
      g.writeStartObject();
      g.writeStringField("name", key.bareName());
      g.writeStringField("groupName", key.group());
      g.writeStringField("clusters", clusters);
      g.writeNumberField("cacheMillis", CACHE_MILLIS);
      g.writeFieldName("hosts");
      if (hosts == null) {
        g.writeStartArray();
        g.writeEndArray();
      } else {
        g.writeRawValue(new String(hosts.json(), StandardCharsets.UTF_8));
      }
      g.writeNumberField("lastRefTime", view == null ? System.currentTimeMillis() : view.lastRefTime());
      g.writeStringField("checksum", "");
      g.writeBooleanField("allIPs", false);
      g.writeBooleanField("reachProtectionThreshold", hosts != null && hosts.reachedThreshold());
      g.writeBooleanField("valid", true);
      g.writeEndObject();
    });
  }
}
