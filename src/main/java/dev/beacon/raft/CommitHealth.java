package dev.beacon.raft;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Whether this node's persistent writes commit. A node is "not committing" once its writes have failed, without a
 * success in between, for longer than the request timeout (counted from the start of the first failed write); it is
 * logged once when that starts and once when a write commits again, never once per write. Also counts failures by
 * reason for the metrics. Thread-safe: writes complete on Ratis threads, {@code /ready} reads on event loops.
 */
final class CommitHealth {

  private static final Logger LOG = Logger.getLogger(CommitHealth.class.getName());

  private final String nodeId;
  private final long thresholdMillis;
  private final Map<RaftUnavailableException.Reason, LongAdder> failures =
      new EnumMap<>(RaftUnavailableException.Reason.class);
  /** Start of the first write that failed since the last success; -1 while writes commit. */
  private long failingSince = -1;
  private RaftUnavailableException lastFailure;
  private boolean reported;

  CommitHealth(String nodeId, long thresholdMillis) {
    this.nodeId = nodeId;
    this.thresholdMillis = thresholdMillis;
    for (RaftUnavailableException.Reason r : RaftUnavailableException.Reason.values()) {
      failures.put(r, new LongAdder());
    }
  }

  synchronized void succeeded(long now) {
    if (reported) {
      LOG.info("raft: " + nodeId + " commits again after " + (now - failingSince) + " ms");
    }
    failingSince = -1;
    lastFailure = null;
    reported = false;
  }

  /** A write started at {@code startedAt} failed for {@code e}. */
  void failed(RaftUnavailableException e, long startedAt, long now) {
    failures.get(e.reason()).increment();
    if (e.reason() == RaftUnavailableException.Reason.CLOSED) {
      return; // shutting down: not a state of the group
    }
    synchronized (this) {
      if (failingSince < 0 || startedAt < failingSince) {
        failingSince = startedAt;
      }
      lastFailure = e;
      if (!reported && now - failingSince >= thresholdMillis) {
        reported = true;
        LOG.warning("raft: " + nodeId + " cannot commit persistent writes: " + e.getMessage());
      }
    }
  }

  /** What is wrong, when writes have not committed for longer than the request timeout. */
  synchronized Optional<String> problem(long now) {
    if (failingSince < 0 || now - failingSince < thresholdMillis) {
      return Optional.empty();
    }
    return Optional.of("raft: no write committed for " + (now - failingSince) + " ms: " + lastFailure.getMessage());
  }

  long failures(RaftUnavailableException.Reason reason) {
    return failures.get(reason).sum();
  }
}
