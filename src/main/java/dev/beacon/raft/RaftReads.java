package dev.beacon.raft;

import dev.beacon.core.ReadBarrier;
import dev.beacon.model.BeaconError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** {@link ReadBarrier} over this node's Raft member: a (batched) ReadIndex round, a 503 when no majority answers. */
public final class RaftReads implements ReadBarrier {

  /** The 503's message; the detail names the Ratis failure. */
  static final String NO_MAJORITY = "no Raft majority: cannot confirm a consistent read of persistent data: ";

  private final RaftNode raft;

  private RaftReads(RaftNode raft) {
    this.raft = raft;
  }

  /**
   * The barrier reads of this node need: none for a single-member group or when {@code stale} reads are configured
   * (served from this node's tables, as Consul's {@code stale} and etcd's {@code serializable}), else ReadIndex.
   */
  public static ReadBarrier of(RaftNode raft, boolean stale) {
    return stale || !raft.spansServers() ? ReadBarrier.NONE : new RaftReads(raft);
  }

  @Override
  public Future<Void> await() {
    Context caller = Vertx.currentContext();
    var caughtUp = raft.readBarrier();
    return (caller == null ? Future.fromCompletionStage(caughtUp) : Future.fromCompletionStage(caughtUp, caller))
        .recover(e -> Future.failedFuture(BeaconError.unavailable(NO_MAJORITY + RaftFailures.unwrap(e).getMessage())));
  }
}
