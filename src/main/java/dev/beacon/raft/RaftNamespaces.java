package dev.beacon.raft;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Namespace definitions through Raft: committed by a majority, applied by every node ({@link RegistryApplier}), kept
 * in snapshots. Without a majority it fails like any persistent write (503); refusals carry the applier's status.
 */
public final class RaftNamespaces {

  private RaftNamespaces() {
  }

  /** {@code entry} from {@code Namespaces.entry}, already validated. */
  public static Future<Void> submit(RaftNode raft, JsonObject entry) {
    return RaftEntries.submit(raft, entry).mapEmpty();
  }
}
