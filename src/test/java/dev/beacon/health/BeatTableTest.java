package dev.beacon.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The beat table: last beat per instance, forgetting, and the fresh grace period when responsibility moves. */
class BeatTableTest {

  static final ServiceKey A = ServiceKey.of("public", "DEFAULT_GROUP", "a");
  static final ServiceKey B = ServiceKey.of("public", "DEFAULT_GROUP", "b");
  static final InstanceRef ONE = new InstanceRef("DEFAULT", "127.0.0.1", 1);
  static final InstanceRef TWO = new InstanceRef("DEFAULT", "127.0.0.1", 2);

  @Test
  void unknownInstanceHasNoBeat() {
    assertEquals(-1, new BeatTable().lastBeat(A, ONE));
  }

  @Test
  void touchRecordsTheLatestBeat() {
    BeatTable t = new BeatTable();
    t.touch(A, ONE, 100);
    t.touch(A, ONE, 250);
    t.touch(A, TWO, 300);
    assertEquals(250, t.lastBeat(A, ONE));
    assertEquals(300, t.lastBeat(A, TWO));
    assertEquals(-1, t.lastBeat(B, ONE));
    assertEquals(2, t.size());
  }

  @Test
  void forgetDropsAnInstanceOrAWholeService() {
    BeatTable t = new BeatTable();
    t.touch(A, ONE, 1);
    t.touch(A, TWO, 1);
    t.touch(B, ONE, 1);
    t.forget(A, ONE);
    assertEquals(-1, t.lastBeat(A, ONE));
    assertEquals(1, t.lastBeat(A, TWO));
    t.forgetService(A);
    assertEquals(-1, t.lastBeat(A, TWO));
    assertEquals(1, t.lastBeat(B, ONE));
  }

  @Test
  void refreshGivesOnlyTheNamedServicesAFreshGracePeriod() {
    BeatTable t = new BeatTable();
    t.touch(A, ONE, 1);
    t.touch(B, ONE, 1);
    t.refresh(Set.of(A), 500);
    assertEquals(500, t.lastBeat(A, ONE));
    assertEquals(1, t.lastBeat(B, ONE));
  }
}
