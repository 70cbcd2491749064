package dev.beacon.consistency;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Wing &amp; Gong's search for a linearization of one register's history, with Lowe's memoisation (a configuration,
 * the set of ops linearized so far and the register's value, is explored once), as Knossos and Porcupine do it. The
 * history is a list of call and return events in time order; the search linearizes a pending op when the register
 * allows it, and backtracks when it meets the return of an op it has not linearized. An UNKNOWN op returns at +∞: once
 * the search passes every finite return, the rest of the UNKNOWN writes either take effect at the end or never.
 */
final class Wgl {

  /** The value of a register whose history started before what is checked: the first read fixes it. */
  static final Object ANY = new Object() {
    @Override
    public String toString() {
      return "<any>";
    }
  };

  /** Explored configurations after which the search gives up (a register of unique values never gets near it). */
  static final int BUDGET = 1_000_000;

  /** Thrown when a history needs more than {@link #BUDGET} configurations. */
  static final class TooHard extends RuntimeException {
    TooHard(String key) {
      super("linearizability of " + key + " undecided after " + BUDGET + " configurations");
    }
  }

  private Wgl() {
  }

  private record Config(BitSet linearized, Object value) {
  }

  /**
   * Whether the ops of one register (FAIL ops already removed) have a linearization from {@code initial}: null
   * (absent) for a whole history, {@link #ANY} for a window cut out of one.
   */
  static boolean linearizable(List<Op> ops, Object initial) {
    int m = ops.size();
    int n = 2 * m;
    // Events: 2i = call of op i, 2i+1 = its return. A doubly linked list in time order, head = n.
    List<Integer> order = new ArrayList<>(n);
    for (int e = 0; e < n; e++) {
      order.add(e);
    }
    order.sort((a, b) -> {
      int c = Long.compare(time(ops, a), time(ops, b));
      // At the same instant a call comes first: the two ops count as concurrent.
      return c != 0 ? c : Integer.compare(a & 1, b & 1);
    });
    int[] next = new int[n + 1];
    int[] prev = new int[n + 1];
    int last = n;
    for (int e : order) {
      next[last] = e;
      prev[e] = last;
      last = e;
    }
    next[last] = -1;

    Object value = initial;
    BitSet linearized = new BitSet(m);
    Set<Config> seen = new HashSet<>();
    Deque<Object[]> stack = new ArrayDeque<>(); // {call event, value before}
    int entry = next[n];
    while (entry >= 0) {
      int op = entry >> 1;
      if ((entry & 1) == 0) {
        Op o = ops.get(op);
        Object after = step(value, o);
        if (after != REFUSED) {
          BitSet more = (BitSet) linearized.clone();
          more.set(op);
          if (seen.add(new Config(more, after))) {
            if (seen.size() > BUDGET) {
              throw new TooHard(o.key());
            }
            stack.push(new Object[] {entry, value});
            value = after;
            linearized = more;
            lift(entry, next, prev);
            entry = next[n];
            continue;
          }
        }
        entry = next[entry];
      } else {
        if (ops.get(op).effectiveReturn() == Long.MAX_VALUE) {
          return true; // every op with a finite return is linearized; the UNKNOWN rest may happen at the end
        }
        if (stack.isEmpty()) {
          return false;
        }
        Object[] top = stack.pop();
        int call = (Integer) top[0];
        value = top[1];
        linearized = (BitSet) linearized.clone();
        linearized.clear(call >> 1);
        unlift(call, next, prev);
        entry = next[call];
      }
    }
    return true;
  }

  private static final Object REFUSED = new Object();

  /** The register's value after {@code op}, or {@link #REFUSED} when a read does not match it. */
  private static Object step(Object value, Op op) {
    if (op.isWrite()) {
      return op.written();
    }
    if (value == ANY) {
      return op.value();
    }
    return Objects.equals(value, op.value()) ? value : REFUSED;
  }

  private static long time(List<Op> ops, int event) {
    Op o = ops.get(event >> 1);
    return (event & 1) == 0 ? o.invoke() : o.effectiveReturn();
  }

  /** Takes a call event and its return out of the list. */
  private static void lift(int call, int[] next, int[] prev) {
    unlink(call, next, prev);
    unlink(call + 1, next, prev);
  }

  private static void unlift(int call, int[] next, int[] prev) {
    relink(call + 1, next, prev);
    relink(call, next, prev);
  }

  private static void unlink(int e, int[] next, int[] prev) {
    next[prev[e]] = next[e];
    if (next[e] >= 0) {
      prev[next[e]] = prev[e];
    }
  }

  private static void relink(int e, int[] next, int[] prev) {
    next[prev[e]] = e;
    if (next[e] >= 0) {
      prev[next[e]] = e;
    }
  }
}
