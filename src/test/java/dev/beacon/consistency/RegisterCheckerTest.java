package dev.beacon.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.consistency.Op.Kind;
import dev.beacon.consistency.Op.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The checker on hand-written histories (times in ms), and on a big generated one that must be checked fast. */
class RegisterCheckerTest {

  private static final String K = "127.0.0.1:7000";

  private static Op write(String v, long from, long to) {
    return new Op("c1", 1, Kind.WRITE, K, v, ms(from), ms(to), Outcome.OK);
  }

  private static Op write(String v, long from, long to, Outcome outcome) {
    return new Op("c1", 1, Kind.WRITE, K, v, ms(from), ms(to), outcome);
  }

  private static Op delete(long from, long to) {
    return new Op("c1", 1, Kind.DELETE, K, null, ms(from), ms(to), Outcome.OK);
  }

  private static Op read(String v, long from, long to) {
    return new Op("c2", 2, Kind.READ, K, v, ms(from), ms(to), Outcome.OK);
  }

  private static long ms(long t) {
    return TimeUnit.MILLISECONDS.toNanos(t);
  }

  private static Verdict check(Op... ops) {
    return RegisterChecker.check(List.of(ops));
  }

  @Test
  void sequentialWritesAndReadsAreLinearizable() {
    Verdict v = check(read(null, 0, 1), write("a", 2, 3), read("a", 4, 5), write("b", 6, 7), read("b", 8, 9));
    assertTrue(v.linearizable(), v.report(0));
  }

  @Test
  void aReadOfAnOverwrittenValueIsNotAndItsWindowSaysWhy() {
    Verdict v = check(write("a", 0, 1), write("b", 2, 3), read("a", 4, 5));
    assertFalse(v.linearizable());
    Window w = v.windows().get(K);
    assertEquals(3, w.ops().size(), w.describe(0));
    assertEquals(1, v.staleReads().size());
    assertTrue(w.describe(0).contains("stale read: c2 on node 2 at 0.004 s returned a"), w.describe(0));
  }

  @Test
  void aReadConcurrentWithAWriteMaySeeEitherValue() {
    assertTrue(check(write("a", 0, 1), write("b", 2, 10), read("a", 3, 4), read("b", 5, 6)).linearizable());
    assertTrue(check(write("a", 0, 1), write("b", 2, 10), read("b", 3, 4)).linearizable());
    assertTrue(check(write("a", 0, 1), write("b", 2, 10), read("a", 11, 12)).windows().size() == 1);
  }

  @Test
  void readsMayNotGoBackOnceTheyHaveSeenTheNewValue() {
    // Two reads during one write: once one returned the new value, a later one may not return the old one.
    Verdict v = check(write("a", 0, 1), write("b", 2, 10), read("b", 3, 4), read("a", 5, 6));
    assertFalse(v.linearizable());
    assertEquals(0, v.staleReads().size(), "no write was acknowledged before the reads");
  }

  @Test
  void aDeleteWritesAbsent() {
    assertTrue(check(write("a", 0, 1), delete(2, 3), read(null, 4, 5)).linearizable());
    assertFalse(check(write("a", 0, 1), delete(2, 3), read(null, 4, 5), read("a", 6, 7)).linearizable());
  }

  @Test
  void aReadOfANeverWrittenValueIsNot() {
    assertFalse(check(write("a", 0, 1), read("x", 2, 3)).linearizable());
  }

  @Test
  void aFailedWriteNobodySawIsLeftOut() {
    Verdict v = check(write("a", 0, 1), write("b", 2, 3, Outcome.FAIL), read("a", 4, 5));
    assertTrue(v.linearizable(), v.report(0));
  }

  @Test
  void aFailedWriteThatAReadSawIsCountedAndTheRestStillChecked() {
    Verdict v = check(write("a", 0, 1), write("b", 2, 3, Outcome.FAIL), read("a", 4, 5), read("b", 3000, 3001));
    assertFalse(v.linearizable());
    assertEquals(1, v.resurrected().size(), v.report(0));
    assertEquals("b", v.resurrected().get(0).write().value());
    assertTrue(v.windows().isEmpty(), "as a write that may take effect late, it is linearizable: " + v.report(0));
    // A read of it, and then of the value it overwrote: not linearizable even as UNKNOWN.
    Verdict back = check(write("a", 0, 1), write("b", 2, 3, Outcome.FAIL), read("b", 4, 5), read("a", 6, 7));
    assertEquals(1, back.windows().size(), back.report(0));
    assertTrue(back.report(0).contains("checked as UNKNOWN: a read returned its value"), back.report(0));
  }

  @Test
  void anUnknownWriteMayTakeEffectAnyTimeAfterItsInvokeOrNever() {
    assertTrue(check(write("a", 0, 1, Outcome.UNKNOWN), read(null, 2, 3), read("a", 10_000, 10_001)).linearizable());
    assertTrue(check(write("a", 0, 1, Outcome.UNKNOWN), read(null, 2, 3), read(null, 10_000, 10_001))
        .linearizable());
    assertFalse(check(read("a", 0, 1), write("a", 2, 3, Outcome.UNKNOWN)).linearizable());
    assertFalse(check(write("a", 0, 1, Outcome.UNKNOWN), read("a", 2, 3), read(null, 4, 5)).linearizable());
  }

  @Test
  void keysAreCheckedApart() {
    Op other = new Op("c3", 3, Kind.WRITE, "127.0.0.2:7000", "z", ms(0), ms(1), Outcome.OK);
    Op otherRead = new Op("c3", 3, Kind.READ, "127.0.0.2:7000", "z", ms(2), ms(3), Outcome.OK);
    Verdict v = check(other, otherRead, write("a", 0, 1), write("b", 2, 3), read("a", 4, 5));
    assertEquals(List.of(K), List.copyOf(v.windows().keySet()));
  }

  @Test
  void theWindowOfALongHistoryIsTheFewOpsAroundTheStaleRead() {
    List<Op> ops = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 300; i++) {
      ops.add(write("v" + i, t, t + 5));
      ops.add(read("v" + i, t + 6, t + 8));
      t += 10;
    }
    ops.add(read("v150", t, t + 1)); // stale by far
    for (int i = 300; i < 400; i++) {
      ops.add(write("v" + i, t + 2, t + 7));
      t += 10;
    }
    Verdict v = RegisterChecker.check(ops);
    Window w = v.windows().get(K);
    assertTrue(w.ops().size() <= 3, w.describe(0));
    assertTrue(w.ops().stream().anyMatch(o -> "v150".equals(o.value()) && o.kind() == Kind.READ), w.describe(0));
  }

  /** Eight clients on five keys of an atomic register, 30,000 ops with overlaps and unknowns: checked in seconds. */
  @Test
  @Timeout(20)
  void aBigConcurrentLinearizableHistoryIsCheckedFast() {
    Random random = new Random(25);
    List<Op> ops = new ArrayList<>();
    String[] value = new String[5];
    long[] free = new long[8];
    for (int n = 0; n < 30_000; n++) {
      int c = random.nextInt(8);
      int k = random.nextInt(5);
      long invoke = free[c] + random.nextInt(3);
      long at = invoke + random.nextInt(5); // when it takes effect, in ascending order per key is not needed:
      long ret = at + random.nextInt(5);
      free[c] = ret + 1;
      ops.add(new Op("c" + c, 1 + c % 3, Kind.READ, "127.0.0." + (k + 1) + ":7000", null, invoke, ret,
          Outcome.OK));
    }
    // Effect times: each op takes effect at a random point of its interval; apply in that order.
    List<long[]> effect = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      Op o = ops.get(i);
      effect.add(new long[] {o.invoke() + random.nextInt((int) (o.ret() - o.invoke()) + 1), i});
    }
    effect.sort((a, b) -> Long.compare(a[0], b[0]));
    List<Op> history = new ArrayList<>(ops);
    for (long[] e : effect) {
      int i = (int) e[1];
      Op o = ops.get(i);
      int k = Integer.parseInt(o.key().substring(8, o.key().indexOf(':'))) - 1;
      int roll = random.nextInt(10);
      if (roll < 4) {
        value[k] = "w" + i;
        history.set(i, new Op(o.client(), o.node(), Kind.WRITE, o.key(), value[k], o.invoke(), o.ret(),
            roll == 0 ? Outcome.UNKNOWN : Outcome.OK));
      } else if (roll == 4) {
        value[k] = null;
        history.set(i, new Op(o.client(), o.node(), Kind.DELETE, o.key(), null, o.invoke(), o.ret(), Outcome.OK));
      } else {
        history.set(i, new Op(o.client(), o.node(), Kind.READ, o.key(), value[k], o.invoke(), o.ret(), Outcome.OK));
      }
    }
    Verdict v = RegisterChecker.check(history);
    assertTrue(v.linearizable(), v.report(0));
    // The same history with one read made stale fails, with a window of a few ops.
    for (int i = history.size() - 1; i >= 0; i--) {
      Op o = history.get(i);
      if (o.kind() == Kind.READ && o.value() != null && o.key().equals("127.0.0.1:7000")) {
        history.set(i, new Op(o.client(), o.node(), Kind.READ, o.key(), "w-never", o.invoke(), o.ret(), Outcome.OK));
        break;
      }
    }
    Verdict broken = RegisterChecker.check(history);
    assertEquals(1, broken.windows().size(), broken.summary());
    assertTrue(broken.windows().get("127.0.0.1:7000").ops().size() <= 3, broken.report(0));
  }
}
