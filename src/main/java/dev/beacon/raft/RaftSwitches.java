package dev.beacon.raft;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Changes a runtime switch through Raft: committed by a majority, applied by every node ({@link RegistryApplier}),
 * replayed after a restart and kept in snapshots. Without a majority it fails like any persistent write (503).
 */
public final class RaftSwitches {

  private final RaftNode raft;

  public RaftSwitches(RaftNode raft) {
    this.raft = raft;
  }

  /** {@code value} must already be valid for {@code entry} (see {@code Switches.parse}). */
  public Future<Void> set(String entry, String value) {
    return RaftEntries.submit(raft, new JsonObject().put("type", RegistryApplier.SET_SWITCH).put("entry", entry)
        .put("value", value)).mapEmpty();
  }
}
