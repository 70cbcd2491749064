package dev.beacon.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Revisions strictly increase and stay above anything seen from peers. */
class HybridClockTest {

  @Test
  void revisionsStrictlyIncrease() {
    HybridClock clock = new HybridClock();
    long previous = 0;
    for (int i = 0; i < 100_000; i++) {
      long next = clock.next(previous);
      assertTrue(next > previous, "revision " + next + " after " + previous);
      previous = next;
    }
  }

  @Test
  void revisionIsAboveTheViewItReplacesEvenFromTheFuture() {
    HybridClock clock = new HybridClock();
    long future = (System.currentTimeMillis() + 60_000) << 16;
    assertTrue(clock.next(future) > future);
    assertTrue(clock.next(0) > future, "the clock remembers the highest revision");
  }

  @Test
  void observedRemoteRevisionsKeepTheClockAhead() {
    HybridClock clock = new HybridClock();
    long remote = (System.currentTimeMillis() + 30_000) << 16 | 7;
    clock.observe(remote);
    assertTrue(clock.next(0) > remote);
  }

  @Test
  void revisionCarriesWallClockMillis() {
    long before = System.currentTimeMillis();
    long revision = new HybridClock().next(0);
    long millis = HybridClock.millisOf(revision);
    assertTrue(millis >= before && millis <= System.currentTimeMillis(), "millis " + millis);
    assertEquals(0, revision & 0xFFFF);
  }
}
