package dev.beacon.consistency;

import dev.beacon.consistency.Op.Kind;
import dev.beacon.consistency.Op.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts a non-linearizable history of one register down to a small window that has no linearization either, and so
 * proves on its own that the whole has none. Each cut keeps that proof:
 * <ol>
 *   <li>the end: the history as it stood at time T, ops still in flight then becoming UNKNOWN (writes) or gone
 *   (reads); the earliest T (among return times) at which it already fails;</li>
 *   <li>the start: ops invoked from time S on, from a register of unknown value ({@link Wgl#ANY}: whatever the ops
 *   that returned before S left there), with the earlier writes of values they read (which precede them in any
 *   linearization of the whole); an op in flight at S is UNKNOWN from S on (a write) or gone (a read); the latest
 *   such S at which it still fails;</li>
 *   <li>then ops one by one, where leaving one out cannot turn a linearizable history into one that fails: any read,
 *   and a write whose value no remaining read returned.</li>
 * </ol>
 */
final class Shrink {

  private Shrink() {
  }

  /**
   * {@code ops}: one register's history as {@link RegisterChecker#prepare} left it, known to fail; {@code origin}: the
   * op recorded for each op that prepare changed.
   */
  static Window window(List<Op> ops, Map<Op, Op> origin) {
    Map<Op, Op> recorded = new IdentityHashMap<>(origin);
    long[] ends = ops.stream().mapToLong(Op::effectiveReturn).filter(t -> t != Long.MAX_VALUE).sorted().toArray();
    Cut best = new Cut(ops, false);
    // Invariant: the cut at ends[lo] is linearizable (or lo = -1, nothing), the one at ends[hi] is not (or hi = end).
    int lo = -1;
    int hi = ends.length;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      Cut c = new Cut(endAt(ops, ends[mid], recorded), false);
      if (c.fails()) {
        hi = mid;
        best = c;
      } else {
        lo = mid;
      }
    }
    long[] starts = best.ops.stream().mapToLong(Op::invoke).distinct().sorted().toArray();
    Cut window = best;
    lo = -1; // the whole prefix from an absent register: fails
    hi = starts.length; // nothing: linearizable
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      Cut c = new Cut(startAt(best.ops, starts[mid], recorded), true);
      if (c.fails()) {
        lo = mid;
        window = c;
      } else {
        hi = mid;
      }
    }
    return minimal(window).toWindow(recorded);
  }

  /** The history as it stood at {@code t}. */
  static List<Op> endAt(List<Op> ops, long t, Map<Op, Op> recorded) {
    List<Op> out = new ArrayList<>();
    for (Op op : ops) {
      if (op.invoke() > t) {
        continue;
      }
      if (op.effectiveReturn() <= t) {
        out.add(op);
      } else if (op.isWrite()) {
        out.add(copy(op, op.withOutcome(Outcome.UNKNOWN), recorded));
      }
    }
    return withoutUnreadUnknownWrites(out);
  }

  /** The ops from {@code s} on, for a register of unknown value. */
  static List<Op> startAt(List<Op> ops, long s, Map<Op, Op> recorded) {
    Set<String> readLater = RegisterChecker.readValues(ops.stream().filter(o -> o.invoke() >= s).toList());
    List<Op> out = new ArrayList<>();
    for (Op op : ops) {
      if (op.invoke() >= s) {
        out.add(op);
      } else if (op.kind() == Kind.WRITE && op.effectiveReturn() <= s && readLater.contains(op.value())) {
        out.add(op); // the write of a value read in the window: it precedes the window, as in the whole history
      } else if (op.effectiveReturn() > s && op.isWrite()) {
        out.add(copy(op, new Op(op.client(), op.node(), op.kind(), op.key(), op.value(), s, op.ret(),
            Outcome.UNKNOWN), recorded));
      }
    }
    return withoutUnreadUnknownWrites(out);
  }

  private static Op copy(Op op, Op changed, Map<Op, Op> recorded) {
    recorded.put(changed, recorded.getOrDefault(op, op));
    return changed;
  }

  /** Leaves out, one at a time, every op whose absence cannot hide a linearization (see the class comment). */
  private static Cut minimal(Cut cut) {
    List<Op> ops = new ArrayList<>(cut.ops);
    List<Op> candidates = new ArrayList<>(ops);
    // Reads first: each one gone may free a write to go too.
    candidates.sort(Comparator.comparing(Op::isWrite).thenComparing(Op::invoke));
    for (Op op : candidates) {
      if (op.isWrite() && readsOf(ops, op.written())) {
        continue;
      }
      List<Op> without = new ArrayList<>(ops);
      without.removeIf(o -> o == op);
      if (new Cut(without, cut.fromAny).fails()) {
        ops = without;
      }
    }
    return new Cut(ops, cut.fromAny);
  }

  private static boolean readsOf(List<Op> ops, String value) {
    return ops.stream().anyMatch(o -> o.kind() == Kind.READ && Objects.equals(o.value(), value));
  }

  private static List<Op> withoutUnreadUnknownWrites(List<Op> ops) {
    Set<String> read = RegisterChecker.readValues(ops);
    return ops.stream().filter(o -> o.kind() != Kind.WRITE || o.outcome() != Outcome.UNKNOWN
        || read.contains(o.value())).toList();
  }

  /** Ops to check, from an absent register or ({@code fromAny}) from one of unknown value. */
  private record Cut(List<Op> ops, boolean fromAny) {
    boolean fails() {
      return !Wgl.linearizable(ops, fromAny ? Wgl.ANY : null);
    }

    /** The ops as recorded, in invoke order, marking those the cuts made UNKNOWN. */
    Window toWindow(Map<Op, Op> recorded) {
      List<Op> sorted = new ArrayList<>(ops);
      sorted.sort(Comparator.comparingLong((Op o) -> recorded.getOrDefault(o, o).invoke()));
      List<Op> shown = new ArrayList<>();
      Set<Integer> relaxed = new TreeSet<>();
      for (Op op : sorted) {
        if (recorded.containsKey(op)) {
          relaxed.add(shown.size());
        }
        shown.add(recorded.getOrDefault(op, op));
      }
      return new Window(shown, relaxed, fromAny);
    }
  }
}
