package dev.beacon.raft;

import dev.beacon.core.ReplicatedEntries;
import dev.beacon.model.BeaconError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.logging.Logger;

/**
 * {@link ReplicatedEntries} over this node's Raft member: the one submit chain of every replicated entry (registry
 * commands from {@link RaftSink}, switches, users, namespaces). Replies with the applier's answer ({@link
 * ReplicatedState}): its {@code ok} value, or a {@link BeaconError} with its status; a write Raft could not commit is
 * a 503.
 */
public final class RaftEntries implements ReplicatedEntries {

  private static final Logger LOG = Logger.getLogger(RaftEntries.class.getName());

  private final RaftNode raft;

  public RaftEntries(RaftNode raft) {
    this.raft = raft;
  }

  @Override
  public Future<Object> submit(JsonObject entry) {
    Context caller = Vertx.currentContext();
    var applied = raft.submit(entry.toBuffer().getBytes());
    return (caller == null ? Future.fromCompletionStage(applied) : Future.fromCompletionStage(applied, caller))
        .recover(e -> Future.failedFuture(unavailable(e)))
        .compose(RaftEntries::reply);
  }

  /** The applier's answer: {@code {"ok":…}} or {@code {"status":…,"message":…}}. */
  private static Future<Object> reply(byte[] bytes) {
    JsonObject json = new JsonObject(Buffer.buffer(bytes));
    return json.containsKey("ok") ? Future.succeededFuture(json.getValue("ok"))
        : Future.failedFuture(new BeaconError(json.getInteger("status", 500), json.getString("message")));
  }

  private static Throwable unavailable(Throwable e) {
    Throwable cause = RaftFailures.unwrap(e);
    if (cause instanceof RaftUnavailableException) {
      // RaftNode logs when commits stop and resume; one line per refused write would flood the log.
      LOG.fine(() -> "persistent write refused: " + cause.getMessage());
      return BeaconError.unavailable(cause.getMessage());
    }
    return BeaconError.unavailable("persistent write failed: " + cause.getMessage());
  }
}
