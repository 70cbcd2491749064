package dev.beacon.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hosts array of a list response: protect threshold, disabled instances, order, naming. */
class HostListTest {

  static final ServiceKey KEY = ServiceKey.of("public", "DEFAULT_GROUP", "orders");

  static Instance host(int port, boolean healthy, boolean enabled) {
    return new Instance(new InstanceRef("DEFAULT", "127.0.0.1", port), 1.0, healthy, enabled, true, false,
        Metadata.EMPTY, null, null);
  }

  static ServiceView view(float threshold, Instance... instances) {
    ServiceDraft d = ServiceDraft.create(KEY, new ServiceSettings(threshold, Metadata.EMPTY, Selector.NONE, true));
    for (Instance i : instances) {
      d.put(i);
    }
    return d.build(1, 0);
  }

  static JsonArray hosts(HostList list) {
    return new JsonArray(new String(list.json(), StandardCharsets.UTF_8));
  }

  static List<Integer> ports(JsonArray hosts) {
    return hosts.stream().map(h -> ((JsonObject) h).getInteger("port")).collect(Collectors.toList());
  }

  @Test
  void thresholdReachedServesUnhealthyAsHealthy() {
    ServiceView v = view(0.6f, host(1, true, true), host(2, false, true), host(3, false, true));
    HostList list = HostList.encode(v, List.of(), true, true);
    assertTrue(list.reachedThreshold());
    JsonArray hosts = hosts(list);
    assertEquals(List.of(1, 2, 3), ports(hosts));
    hosts.forEach(h -> {
      assertEquals(true, ((JsonObject) h).getBoolean("healthy"));
      assertEquals(true, ((JsonObject) h).getBoolean("valid"));
    });
  }

  @Test
  void thresholdComparesWithLessOrEqual() {
    ServiceView v = view(0.5f, host(1, true, true), host(2, false, true));
    assertTrue(HostList.encode(v, List.of(), true, true).reachedThreshold());
    ServiceView below = view(0.49f, host(1, true, true), host(2, false, true));
    HostList list = HostList.encode(below, List.of(), true, true);
    assertFalse(list.reachedThreshold());
    assertEquals(List.of(1), ports(hosts(list)));
  }

  @Test
  void defaultThresholdTriggersOnlyWhenNoneIsHealthy() {
    assertTrue(HostList.encode(view(0f, host(1, false, true)), List.of(), true, true).reachedThreshold());
    assertFalse(HostList.encode(view(0f, host(1, false, true), host(2, true, true)), List.of(), true, true)
        .reachedThreshold());
  }

  @Test
  void disabledInstancesAreNeverServedButCountForTheThreshold() {
    ServiceView v = view(0.5f, host(1, true, false), host(2, false, true));
    HostList list = HostList.encode(v, List.of(), true, true);
    assertTrue(list.reachedThreshold(), "1 healthy of 2 (the disabled one counts) is <= 0.5");
    assertEquals(List.of(2), ports(hosts(list)));
    assertEquals(1, hosts(list).size());
    assertEquals(true, hosts(list).getJsonObject(0).getBoolean("healthy"));
  }

  @Test
  void healthyComeFirstAndUnhealthyAreMarked() {
    ServiceView v = view(0f, host(1, false, true), host(2, true, true), host(3, false, true), host(4, true, true));
    JsonArray hosts = hosts(HostList.encode(v, List.of(), false, true));
    assertEquals(List.of(2, 4, 1, 3), ports(hosts));
    assertEquals(false, hosts.getJsonObject(2).getBoolean("healthy"));
    assertEquals(false, hosts.getJsonObject(3).getBoolean("valid"));
  }

  @Test
  void serviceNameIsGroupedOnlyWhenAsked() {
    ServiceView v = view(0f, host(1, true, true));
    assertEquals("DEFAULT_GROUP@@orders", hosts(HostList.encode(v, List.of(), false, true)).getJsonObject(0)
        .getString("serviceName"));
    JsonObject bare = hosts(HostList.encode(v, List.of(), false, false)).getJsonObject(0);
    assertEquals("orders", bare.getString("serviceName"));
    assertEquals("127.0.0.1#1#DEFAULT#DEFAULT_GROUP@@orders", bare.getString("instanceId"));
  }

  @Test
  void clusterFilterKeepsOnlyNamedClusters() {
    ServiceDraft d = ServiceDraft.create(KEY, ServiceSettings.IMPLICIT);
    d.put(new Instance(new InstanceRef("A", "127.0.0.1", 1), 1, true, true, true, false, Metadata.EMPTY, null, null));
    d.put(new Instance(new InstanceRef("B", "127.0.0.1", 2), 1, true, true, true, false, Metadata.EMPTY, null, null));
    assertEquals(List.of(2), ports(hosts(HostList.encode(d.build(1, 0), List.of("B"), false, true))));
  }
}
