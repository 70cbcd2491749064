package dev.beacon.consistency;

import dev.beacon.consistency.Op.Kind;
import dev.beacon.consistency.Op.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A few ops of one register that have no linearization: proof on its own that the history containing them is not
 * linearizable.
 *
 * @param ops the ops as recorded, in invoke order
 * @param relaxed indexes of ops checked as UNKNOWN (in flight where the window was cut, or a FAIL write some read saw)
 * @param fromAny whether the window starts from a register of unknown value (ops before it were cut off)
 */
public record Window(List<Op> ops, Set<Integer> relaxed, boolean fromAny) {

  /** The window, one op a line, times in seconds since {@code start}, with what makes it fail where it is plain. */
  public String describe(long start) {
    StringBuilder out = new StringBuilder();
    out.append(ops.size()).append(" ops of ").append(ops.get(0).key()).append(" with no linearization")
        .append(fromAny ? " (from whatever value the ops before them left)" : " (from an absent instance)")
        .append(":\n");
    for (int i = 0; i < ops.size(); i++) {
      out.append("    ").append(ops.get(i).describe(start));
      if (relaxed.contains(i)) {
        out.append(ops.get(i).outcome() == Outcome.FAIL ? "  (checked as UNKNOWN: a read returned its value)"
            : "  (checked as UNKNOWN: in flight where the window was cut)");
      }
      out.append('\n');
    }
    for (String hint : hints(start)) {
      out.append("  ").append(hint).append('\n');
    }
    return out.toString();
  }

  /** The plain patterns: a read of a value overwritten before it began, a read of a value whose write failed. */
  List<String> hints(long start) {
    List<String> hints = new ArrayList<>();
    for (Op read : ops) {
      if (read.kind() != Kind.READ) {
        continue;
      }
      for (Op source : ops) {
        if (source.kind() != Kind.WRITE || !Objects.equals(source.value(), read.value())) {
          continue;
        }
        if (source.outcome() == Outcome.FAIL) {
          hints.add(String.format("read by %s on node %d at %.3f s returned %s, whose write was answered as failed",
              read.client(), read.node(), (read.invoke() - start) / 1e9, read.value()));
        }
        for (Op later : ops) {
          if (later.isWrite() && later.outcome() == Outcome.OK && later.invoke() > source.ret()
              && later.ret() < read.invoke() && source.outcome() == Outcome.OK) {
            hints.add(String.format("stale read: %s on node %d at %.3f s returned %s, overwritten by %s %s "
                    + "acknowledged by node %d at %.3f s, before the read began", read.client(), read.node(),
                (read.invoke() - start) / 1e9, read.value(), later.client(), later.kind(), later.node(),
                (later.ret() - start) / 1e9));
            break;
          }
        }
      }
    }
    return hints;
  }
}
