package dev.beacon.raft;

/**
 * The group could not commit an entry in time: no leader was reachable or the leader has no majority.
 *
 * <p>The outcome of the write is then unknown, as always with Raft: the entry may still have reached a leader's log
 * and be committed later when a majority is back. Callers should report the failure and let clients retry
 * idempotent writes.
 */
public final class RaftUnavailableException extends RuntimeException {

  public static final String NO_MAJORITY = "no Raft majority: persistent write not accepted";

  public RaftUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public RaftUnavailableException(Throwable cause) {
    this(NO_MAJORITY, cause);
  }
}
