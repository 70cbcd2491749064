package dev.beacon.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Copy-on-write service views: a reader's view never changes, drafts make new ones. */
class ServiceViewTest {

  static final ServiceKey KEY = ServiceKey.of("public", "DEFAULT_GROUP", "orders");

  static Instance instance(String cluster, String ip, int port) {
    return new Instance(new InstanceRef(cluster, ip, port), 1.0, true, true, true, false, Metadata.EMPTY, "app", null);
  }

  static ServiceView view(Instance... instances) {
    ServiceDraft d = ServiceDraft.create(KEY, ServiceSettings.IMPLICIT);
    for (Instance i : instances) {
      d.put(i);
    }
    return d.build(1, 1000);
  }

  @Test
  void readerKeepsItsViewWhileLaterCommandsBuildNewOnes() {
    Instance a = instance("DEFAULT", "127.0.0.1", 1);
    Instance b = instance("DEFAULT", "127.0.0.2", 2);
    ServiceView old = view(a);
    String checksum = old.checksum();
    byte[] hosts = HostList.encode(old, List.of(), false, true).json();

    ServiceDraft draft = old.draft();
    draft.put(b);
    draft.remove(a.ref());
    draft.put(instance("DEFAULT", "127.0.0.3", 3).withHealthy(false));
    ServiceView next = draft.build(2, 2000);

    assertEquals(List.of(a), old.instances());
    assertSame(a, old.find(a.ref()));
    assertNull(old.find(b.ref()));
    assertEquals(checksum, old.checksum());
    assertArrayEquals(hosts, HostList.encode(old, List.of(), false, true).json());
    assertEquals(1, old.revision());
    assertEquals(2, next.size());
    assertNull(next.find(a.ref()));
    assertNotEquals(checksum, next.checksum());
  }

  @Test
  void instancesAreSortedAndFoundByAddress() {
    Instance c = instance("B", "127.0.0.1", 1);
    Instance a = instance("A", "127.0.0.2", 1);
    Instance b = instance("A", "127.0.0.10", 5);
    Instance d = instance("A", "127.0.0.10", 40);
    ServiceView v = view(c, d, a, b);
    assertEquals(List.of(b, d, a, c), v.instances());
    for (Instance i : List.of(a, b, c, d)) {
      assertSame(i, v.find(i.ref()));
    }
    assertNull(v.find(new InstanceRef("A", "127.0.0.10", 6)));
    assertEquals(Map.of("A", ClusterSettings.defaults("A"), "B", ClusterSettings.defaults("B")), v.clusters());
  }

  @Test
  void draftReportsOnlyRealChanges() {
    Instance a = instance("DEFAULT", "127.0.0.1", 1);
    ServiceView v = view(a);
    ServiceDraft same = v.draft();
    same.put(instance("DEFAULT", "127.0.0.1", 1));
    same.remove(new InstanceRef("DEFAULT", "127.0.0.9", 9));
    same.settings(ServiceSettings.IMPLICIT);
    assertFalse(same.changed());
    ServiceDraft other = v.draft();
    other.put(a.withHealthy(false));
    assertTrue(other.changed());
  }

  @Test
  void checksumDependsOnContentNotRevision() {
    Instance a = instance("DEFAULT", "127.0.0.1", 1);
    ServiceView v1 = view(a);
    ServiceView v2 = v1.draft().build(99, 5000);
    assertEquals(v1.checksum(), v2.checksum());
    ServiceDraft d = v1.draft();
    d.put(a.withMetadata(Metadata.of(Map.of("k", "v"))));
    assertNotEquals(v1.checksum(), d.build(100, 5000).checksum());
  }

  @Test
  void snowflakeIdIsSmallestUnused() {
    ServiceDraft d = ServiceDraft.create(KEY, ServiceSettings.IMPLICIT);
    d.put(instance("DEFAULT", "127.0.0.1", 1).withSnowflakeId("0"));
    d.put(instance("DEFAULT", "127.0.0.1", 2).withSnowflakeId("2"));
    assertEquals("1", d.nextSnowflakeId());
  }
}
