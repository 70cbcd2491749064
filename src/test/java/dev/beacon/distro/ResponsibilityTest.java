package dev.beacon.distro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.model.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsibilityTest {

  private static final List<String> THREE = List.of("127.0.0.1:8848", "127.0.0.2:8848", "127.0.0.3:8848");

  private static List<ServiceKey> keys(int n) {
    List<ServiceKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(ServiceKey.of(i % 2 == 0 ? "public" : "ns-" + (i % 7), "DEFAULT_GROUP", "svc-" + i));
    }
    return keys;
  }

  private static Map<ServiceKey, String> owners(Responsibility r, List<ServiceKey> keys) {
    Map<ServiceKey, String> m = new HashMap<>();
    keys.forEach(k -> m.put(k, r.owner(k)));
    return m;
  }

  @Test
  void sameServersSameOwnersWhateverTheOrderOfConstruction() {
    Responsibility a = new Responsibility(THREE);
    Responsibility b = new Responsibility(List.copyOf(THREE));
    for (ServiceKey k : keys(1000)) {
      assertEquals(a.owner(k), b.owner(k));
    }
  }

  @Test
  void servicesSpreadRoughlyEvenly() {
    Map<String, Integer> counts = new HashMap<>();
    owners(new Responsibility(THREE), keys(30_000)).values().forEach(o -> counts.merge(o, 1, Integer::sum));
    assertEquals(3, counts.size());
    counts.values().forEach(c -> assertTrue(c > 9_000 && c < 11_000, "share " + c + " of 30000: " + counts));
  }

  @Test
  void aServerLeavingMovesOnlyItsOwnServices() {
    List<ServiceKey> keys = keys(10_000);
    Map<ServiceKey, String> before = owners(new Responsibility(THREE), keys);
    Map<ServiceKey, String> after = owners(new Responsibility(List.of(THREE.get(0), THREE.get(2))), keys);
    for (ServiceKey k : keys) {
      if (!before.get(k).equals(THREE.get(1))) {
        assertEquals(before.get(k), after.get(k), "a service of a surviving server moved: " + k);
      } else {
        assertTrue(!after.get(k).equals(THREE.get(1)));
      }
    }
  }

  @Test
  void aServerJoiningTakesOnlyServicesFromOthersAndNothingMovesBetweenThem() {
    List<ServiceKey> keys = keys(10_000);
    String newcomer = "127.0.0.4:8848";
    Map<ServiceKey, String> before = owners(new Responsibility(THREE), keys);
    List<String> four = new ArrayList<>(THREE);
    four.add(newcomer);
    Map<ServiceKey, String> after = owners(new Responsibility(four), keys);
    int moved = 0;
    for (ServiceKey k : keys) {
      if (!before.get(k).equals(after.get(k))) {
        assertEquals(newcomer, after.get(k), "a service moved between old servers: " + k);
        moved++;
      }
    }
    assertTrue(moved > 2_000 && moved < 3_000, "about a quarter moves to the newcomer: " + moved);
  }

  @Test
  void singleServerOwnsEverything() {
    Responsibility r = new Responsibility(List.of("a:1"));
    keys(100).forEach(k -> assertEquals("a:1", r.owner(k)));
  }
}
