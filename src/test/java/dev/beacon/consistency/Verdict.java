package dev.beacon.consistency;

import java.util.List;
import java.util.Map;

/**
 * What {@link RegisterChecker} found in a history.
 *
 * @param ops how many ops the history had
 * @param resurrected writes answered as failed whose value some read returned: the failure answer was wrong
 * @param staleReads reads that returned a value certainly overwritten before they began
 * @param windows for each key with no linearization, a small window that has none
 * @param undecided keys the search gave up on, with why
 */
public record Verdict(int ops, List<Resurrected> resurrected, List<Op> staleReads, Map<String, Window> windows,
                      Map<String, String> undecided) {

  /** A write answered FAIL and the first read that returned its value. */
  public record Resurrected(Op write, Op read) {
  }

  public boolean linearizable() {
    return windows.isEmpty() && undecided.isEmpty() && resurrected.isEmpty();
  }

  /** One line: the counts. */
  public String summary() {
    return String.format("%d ops; %d key(s) not linearizable, %d undecided; %d write(s) answered as failed took "
        + "effect; %d stale read(s)", ops, windows.size(), undecided.size(), resurrected.size(), staleReads.size());
  }

  /** The summary, then the smallest window first (the plainest proof), then every failed write that took effect. */
  public String report(long start) {
    return summary() + "\n" + details(start);
  }

  /** The windows, smallest first, then the failed writes that took effect (the first ten), times since start. */
  public String details(long start) {
    StringBuilder out = new StringBuilder();
    windows.values().stream().sorted((a, b) -> Integer.compare(a.ops().size(), b.ops().size()))
        .forEach(w -> out.append(w.describe(start)));
    undecided.values().forEach(u -> out.append(u).append('\n'));
    for (Resurrected r : resurrected.subList(0, Math.min(10, resurrected.size()))) {
      out.append("answered as failed, yet took effect (a read returned its value):\n    ").append(r.write().describe(start))
          .append("\n    ").append(r.read().describe(start)).append('\n');
    }
    return out.toString();
  }
}
