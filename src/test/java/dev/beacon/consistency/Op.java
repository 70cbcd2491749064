package dev.beacon.consistency;

/**
 * One client operation on a register, as the client saw it: what it asked, of which node, when it sent the request
 * and when the answer came ({@link System#nanoTime}), and what the answer says happened.
 *
 * @param client who sent it ("c3", or "probe" for the reads after a restart)
 * @param node the node (1..3) the request went to
 * @param key the register: one persistent instance, "ip:port"
 * @param value the value written (WRITE), or read (READ; null = the instance is not listed); null for DELETE
 * @param invoke when the request was sent
 * @param ret when the answer came; meaningless for an UNKNOWN op, which may take effect at any time after invoke
 */
public record Op(String client, int node, Kind kind, String key, String value, long invoke, long ret,
                 Outcome outcome) {

  /** A DELETE writes "absent" (null); READ names a value because every written value is unique. */
  public enum Kind { WRITE, DELETE, READ }

  /**
   * OK: it happened, between invoke and return. FAIL: it definitely did not happen (503, connection refused).
   * UNKNOWN: it may have happened, at any time after invoke, or never (timeout, connection reset, other answers).
   */
  public enum Outcome { OK, FAIL, UNKNOWN }

  public boolean isWrite() {
    return kind != Kind.READ;
  }

  /** The value the register holds after this op took effect, for a WRITE or DELETE. */
  public String written() {
    return kind == Kind.WRITE ? value : null;
  }

  /** The answer time for the search: an UNKNOWN op has not returned by the end of the history. */
  long effectiveReturn() {
    return outcome == Outcome.UNKNOWN ? Long.MAX_VALUE : ret;
  }

  Op withOutcome(Outcome o) {
    return new Op(client, node, kind, key, value, invoke, ret, o);
  }

  /** One line for a report, times in seconds since {@code start}. */
  public String describe(long start) {
    String what = switch (kind) {
      case WRITE -> "WRITE  " + value;
      case DELETE -> "DELETE";
      case READ -> "READ   " + (value == null ? "absent" : value);
    };
    String returned = outcome == Outcome.UNKNOWN ? "   (no answer)" : String.format("%9.3f s", seconds(ret, start));
    return String.format("%-6s node %d  %-22s invoke %9.3f s  return %s  %s", client, node, what,
        seconds(invoke, start), returned, outcome);
  }

  private static double seconds(long nanos, long start) {
    return (nanos - start) / 1e9;
  }
}
