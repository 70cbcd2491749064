package dev.beacon.model;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code hosts} array of a list response, encoded, and whether the protect threshold was reached.
 * Follows Nacos 1.4 {@code doSrvIpxt}: the threshold counts every candidate (disabled ones too); when reached, unhealthy
 * instances are served as healthy; disabled instances are never served; healthy ones come first.
 */
public record HostList(byte[] json, boolean reachedThreshold) {

  public static HostList encode(ServiceView view, List<String> clusterFilter, boolean healthyOnly,
                                boolean groupedNames) {
    List<Instance> healthy = new ArrayList<>();
    List<Instance> unhealthy = new ArrayList<>();
    for (Instance i : view.instances()) {
      if (clusterFilter.isEmpty() || clusterFilter.contains(i.clusterName())) {
        (i.healthy() ? healthy : unhealthy).add(i);
      }
    }
    int total = healthy.size() + unhealthy.size();
    boolean reached = total > 0 && (float) healthy.size() / total <= view.settings().protectThreshold();
    String serviceName = groupedNames ? view.key().groupedName() : view.key().bareName();
    byte[] json = Json.encode(g -> {
      g.writeStartArray();
      write(g, view.key(), serviceName, healthy, false);
      if (reached) {
        write(g, view.key(), serviceName, unhealthy, true);
      } else if (!healthyOnly) {
        write(g, view.key(), serviceName, unhealthy, false);
      }
      g.writeEndArray();
    });
    return new HostList(json, reached);
  }

  private static void write(JsonGenerator g, ServiceKey key, String serviceName, List<Instance> list,
                           boolean forceHealthy) throws IOException {
    for (Instance i : list) {
      if (!i.enabled()) {
        continue;
      }
      boolean healthy = forceHealthy || i.healthy();
      g.writeStartObject();
      g.writeStringField("ip", i.ip());
      g.writeNumberField("port", i.port());
      g.writeBooleanField("valid", healthy);
      g.writeBooleanField("healthy", healthy);
      g.writeBooleanField("marked", i.marked());
      g.writeStringField("instanceId", i.instanceId(key));
      Json.writeMap(g, "metadata", i.metadata().asMap());
      g.writeBooleanField("enabled", true);
      g.writeNumberField("weight", i.weight());
      g.writeStringField("clusterName", i.clusterName());
      g.writeStringField("serviceName", serviceName);
      g.writeBooleanField("ephemeral", i.ephemeral());
      g.writeEndObject();
    }
  }
}
