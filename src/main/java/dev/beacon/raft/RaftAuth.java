package dev.beacon.raft;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Changes users, roles and permissions through Raft (entries from {@code dev.beacon.auth.AuthEntry}): committed by a
 * majority, applied by every node's {@code AuthStore}, replayed after a restart and kept in snapshots, as switches
 * are. The future carries the store's message, or its refusal as a {@code BeaconError} (400/409), or 503.
 */
public final class RaftAuth {

  private final RaftNode raft;

  public RaftAuth(RaftNode raft) {
    this.raft = raft;
  }

  public Future<String> submit(JsonObject entry) {
    return RaftEntries.submit(raft, entry).map(String::valueOf);
  }
}
