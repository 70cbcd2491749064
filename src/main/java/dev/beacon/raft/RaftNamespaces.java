package dev.beacon.raft;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Namespace definitions through Raft: committed by a majority, applied by every node ({@link RegistryApplier}), kept
 * in snapshots. Without a majority it fails like any persistent write (503); refusals carry the applier's status.
 */
public final class RaftNamespaces {

  private final RaftNode raft;

  public RaftNamespaces(RaftNode raft) {
    this.raft = raft;
  }

  /** {@code entry} from {@code Namespaces.entry}, already validated. */
  public Future<Void> submit(JsonObject entry) {
    return RaftEntries.submit(raft, entry).mapEmpty();
  }
}
