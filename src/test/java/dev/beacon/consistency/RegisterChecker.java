package dev.beacon.consistency;

import dev.beacon.consistency.Op.Kind;
import dev.beacon.consistency.Op.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a history of registers (one per key, null initially) for linearizability, key by key (linearizability is
 * compositional), with {@link Wgl}. Before the search: reads that got no answer are gone already; a FAIL write is
 * removed unless some read returned its value, in which case it is counted as a write that took effect after its
 * failure was answered (a broken promise of its own) and checked as UNKNOWN, so that the search still finds what else
 * is wrong; an UNKNOWN write that no read returned is removed (with unique values it cannot change what any read
 * saw). A key whose history has no linearization is shrunk to a small window that has none either.
 */
public final class RegisterChecker {

  private RegisterChecker() {
  }

  public static Verdict check(List<Op> history) {
    Map<String, List<Op>> byKey = new TreeMap<>();
    for (Op op : history) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    List<Verdict.Resurrected> resurrected = new ArrayList<>();
    List<Op> staleReads = new ArrayList<>();
    Map<String, Window> windows = new LinkedHashMap<>();
    Map<String, String> undecided = new LinkedHashMap<>();
    for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
      List<Op> ops = e.getValue();
      resurrected.addAll(resurrected(ops));
      staleReads.addAll(staleReads(ops));
      Map<Op, Op> origin = new IdentityHashMap<>();
      List<Op> prepared = prepare(ops, origin);
      try {
        if (!Wgl.linearizable(prepared, null)) {
          windows.put(e.getKey(), Shrink.window(prepared, origin));
        }
      } catch (Wgl.TooHard tooHard) {
        undecided.put(e.getKey(), tooHard.getMessage());
      }
    }
    return new Verdict(history.size(), resurrected, staleReads, windows, undecided);
  }

  /** The ops the search sees, in invoke order (see the class comment); {@code origin} gets each changed op's. */
  static List<Op> prepare(List<Op> ops, Map<Op, Op> origin) {
    Set<String> read = readValues(ops);
    List<Op> out = new ArrayList<>();
    for (Op op : ops) {
      if (op.kind() == Kind.READ) {
        if (op.outcome() == Outcome.OK) {
          out.add(op);
        }
      } else if (op.outcome() == Outcome.FAIL) {
        if (op.kind() == Kind.WRITE && read.contains(op.value())) {
          Op unknown = op.withOutcome(Outcome.UNKNOWN);
          origin.put(unknown, op);
          out.add(unknown);
        }
      } else if (op.outcome() == Outcome.OK || op.kind() == Kind.DELETE || read.contains(op.value())) {
        out.add(op);
      }
    }
    out.sort(Comparator.comparingLong(Op::invoke));
    return out;
  }

  static Set<String> readValues(List<Op> ops) {
    Set<String> read = new HashSet<>();
    for (Op op : ops) {
      if (op.kind() == Kind.READ && op.outcome() == Outcome.OK && op.value() != null) {
        read.add(op.value());
      }
    }
    return read;
  }

  /** FAIL writes whose value a read returned, each with the first such read. */
  static List<Verdict.Resurrected> resurrected(List<Op> ops) {
    Map<String, Op> firstRead = new LinkedHashMap<>();
    ops.stream().filter(o -> o.kind() == Kind.READ && o.outcome() == Outcome.OK && o.value() != null)
        .sorted(Comparator.comparingLong(Op::invoke)).forEach(o -> firstRead.putIfAbsent(o.value(), o));
    List<Verdict.Resurrected> out = new ArrayList<>();
    for (Op op : ops) {
      if (op.kind() == Kind.WRITE && op.outcome() == Outcome.FAIL && firstRead.containsKey(op.value())) {
        out.add(new Verdict.Resurrected(op, firstRead.get(op.value())));
      }
    }
    return out;
  }

  /**
   * Reads that returned a value certainly overwritten before they started: its write returned before another write
   * (acknowledged) began, which returned before the read began.
   */
  static List<Op> staleReads(List<Op> ops) {
    Map<String, Op> writeOf = new HashMap<>();
    List<Op> acknowledged = new ArrayList<>();
    for (Op op : ops) {
      if (op.kind() == Kind.WRITE) {
        writeOf.put(op.value(), op);
      }
      if (op.isWrite() && op.outcome() == Outcome.OK) {
        acknowledged.add(op);
      }
    }
    List<Op> stale = new ArrayList<>();
    for (Op read : ops) {
      if (read.kind() != Kind.READ || read.outcome() != Outcome.OK || read.value() == null) {
        continue;
      }
      Op source = writeOf.get(read.value());
      if (source == null || source.outcome() != Outcome.OK) {
        continue;
      }
      for (Op w : acknowledged) {
        if (w != source && w.invoke() > source.ret() && w.ret() < read.invoke()
            && !Objects.equals(w.written(), read.value())) {
          stale.add(read);
          break;
        }
      }
    }
    return stale;
  }
}
