package dev.beacon.raft;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.ResourceUnavailableException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;

/**
 * Names the Ratis failure behind a write that was not committed. Ratis' client retries within the request timeout
 * and then reports {@link RaftRetryFailureException} around the last attempt's failure, which is what tells the
 * cases apart: no leader known, a leader that has not committed its first entry yet, or attempts that timed out
 * because the leader reached no majority.
 */
final class RaftFailures {

  private RaftFailures() {
  }

  static RaftUnavailableException classify(Throwable failure, long elapsedMillis) {
    Throwable t = unwrap(failure);
    if (t instanceof RaftUnavailableException r) {
      return r;
    }
    String after = "after " + elapsedMillis + " ms";
    boolean gaveUp = t instanceof RaftRetryFailureException || t instanceof TimeoutException;
    Throwable last = t instanceof RaftRetryFailureException && t.getCause() != null ? unwrap(t.getCause()) : t;
    while (last instanceof AlreadyClosedException && last.getCause() != null && last.getCause() != last) {
      last = unwrap(last.getCause()); // an earlier request's failure, reported again to the ones queued behind it
    }
    RaftUnavailableException.Reason reason;
    if (last instanceof LeaderNotReadyException) {
      reason = RaftUnavailableException.Reason.LEADER_NOT_READY;
    } else if (last instanceof NotLeaderException || last instanceof LeaderSteppingDownException
        || last instanceof ServerNotReadyException) {
      reason = RaftUnavailableException.Reason.NO_LEADER;
    } else if (last instanceof ResourceUnavailableException) {
      reason = RaftUnavailableException.Reason.IN_FLIGHT_LIMIT;
    } else if (gaveUp || last instanceof TimeoutIOException || last instanceof IOException) {
      // Includes AlreadyClosedException: Ratis' gRPC client reports a peer's connection that went away that way.
      // That this node's own client was closed is RaftNode's to say (it knows it closed it).
      reason = RaftUnavailableException.Reason.NO_MAJORITY;
    } else {
      reason = RaftUnavailableException.Reason.FAILED;
    }
    return new RaftUnavailableException(reason, after + "; " + describe(last), t);
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    String text = t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
