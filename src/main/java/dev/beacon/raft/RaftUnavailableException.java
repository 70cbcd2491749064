package dev.beacon.raft;

import java.util.Locale;

/**
 * The group could not commit an entry: {@link #reason()} says why (no majority in time, no leader, the leader not
 * ready yet, too many writes in flight, this node closed, or another Ratis failure), the message says it to a client.
 *
 * <p>The outcome of the write is then unknown, as always with Raft: the entry may still have reached a leader's log
 * and be committed later when a majority is back. Callers should report the failure and let clients retry
 * idempotent writes.
 */
public final class RaftUnavailableException extends RuntimeException {

  public static final String NO_MAJORITY = "no Raft majority: persistent write not accepted";

  /** Why a write was not committed; the metric tag {@code reason} is {@link #tag()}. */
  public enum Reason {
    NO_MAJORITY("no Raft majority: persistent write not committed within the request timeout"),
    NO_LEADER("no Raft majority: no leader elected or reachable, persistent write not accepted"),
    LEADER_NOT_READY("Raft leader not ready: it has not yet committed the first entry of its term"),
    IN_FLIGHT_LIMIT("too many persistent writes in flight (" + RaftNode.MAX_IN_FLIGHT + ")"),
    CLOSED("Raft node is closed"),
    EXPIRED("no Raft majority: persistent write reached the leader after its deadline and was not applied"),
    FAILED("Raft write failed");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    public String tag() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Reason reason;

  public RaftUnavailableException(Reason reason, String detail, Throwable cause) {
    super(detail == null || detail.isEmpty() ? reason.text() : reason.text() + " (" + detail + ")", cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
