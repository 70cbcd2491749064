package dev.beacon.raft;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Changes a runtime switch through Raft: committed by a majority, applied by every node ({@link RegistryApplier}),
 * replayed after a restart and kept in snapshots. Without a majority it fails like any persistent write (503).
 */
public final class RaftSwitches {

  private RaftSwitches() {
  }

  /** {@code value} must already be valid for {@code entry} (see {@code Switches.parse}). */
  public static Future<Void> set(RaftNode raft, String entry, String value) {
    return RaftEntries.submit(raft, new JsonObject().put("type", RegistryApplier.SET_SWITCH).put("entry", entry)
        .put("value", value)).mapEmpty();
  }
}
