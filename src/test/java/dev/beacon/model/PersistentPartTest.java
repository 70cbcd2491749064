package dev.beacon.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.registry.CommandJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one shape of what Raft owns of a service: taken from a view, carried as JSON, laid over a peer's copy. */
class PersistentPartTest {

  private static final ServiceKey KEY = ServiceKey.of("public", "DEFAULT_GROUP", "orders");
  private static final ServiceSettings DEFINED = new ServiceSettings(0.5f, Metadata.EMPTY, Selector.NONE, true);
  private static final ClusterSettings HTTP_CHECKED =
      new ClusterSettings("web", "HTTP", "/ok", 200, "", 80, true, Metadata.EMPTY);

  private static Instance instance(String ip, boolean ephemeral) {
    return new Instance(new InstanceRef("DEFAULT", ip, 8080), 1.0, true, true, ephemeral, false, Metadata.EMPTY,
        "app", null);
  }

  private static ServiceView view(ServiceSettings settings, List<ClusterSettings> clusters, Instance... instances) {
    return ServiceView.of(KEY, settings, clusters, List.of(instances), 7, 0);
  }

  @Test
  void takesTheDefinitionConfiguredClustersAndPersistentInstancesOnly() {
    ServiceView v = view(DEFINED, List.of(HTTP_CHECKED, ClusterSettings.defaults("DEFAULT")),
        instance("127.0.0.1", true), instance("127.0.0.2", false));
    PersistentPart p = PersistentPart.of(v);
    assertEquals(DEFINED, p.settings());
    assertEquals(List.of(HTTP_CHECKED), p.clusters());
    assertEquals(List.of(instance("127.0.0.2", false)), p.instances());
    assertEquals(p, CommandJson.part(CommandJson.part(p)), "JSON round trip");
    assertTrue(PersistentPart.of(view(ServiceSettings.IMPLICIT, List.of(), instance("127.0.0.1", true))).isEmpty());
  }

  @Test
  void laidOverAPeersCopyKeepsThePeersEphemeralInstancesOnly() {
    ServiceView local = view(DEFINED, List.of(HTTP_CHECKED), instance("127.0.0.2", false));
    ServiceView remote = view(ServiceSettings.IMPLICIT, List.of(), instance("127.0.0.1", true),
        instance("127.0.0.3", false));
    ServiceView merged = PersistentPart.of(local).over(remote);
    assertEquals(Map.of("127.0.0.1", true, "127.0.0.2", false), Map.of(
        merged.instances().get(0).ip(), merged.instances().get(0).ephemeral(),
        merged.instances().get(1).ip(), merged.instances().get(1).ephemeral()));
    assertEquals(2, merged.instances().size());
    assertEquals(DEFINED, merged.settings());
    assertEquals(HTTP_CHECKED, merged.clusters().get("web"));
    assertEquals(remote.revision(), merged.revision());
  }

  @Test
  void appliedToADraftReplacesThePersistentPartAndKeepsEphemeralInstances() {
    ServiceDraft d = view(ServiceSettings.IMPLICIT, List.of(), instance("127.0.0.1", true),
        instance("127.0.0.3", false)).draft();
    PersistentPart.of(view(DEFINED, List.of(HTTP_CHECKED), instance("127.0.0.2", false))).applyTo(d);
    assertEquals(List.of("127.0.0.1", "127.0.0.2"), d.instances().stream().map(Instance::ip).sorted().toList());
    assertEquals(DEFINED, d.settings());
    assertFalse(PersistentPart.of(d).isEmpty());
  }
}
