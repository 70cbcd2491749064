package dev.beacon.raft;

import java.util.concurrent.CompletableFuture;

/**
 * What a node does with committed entries. Implemented by {@link ReplicatedState} (tests use their own); {@link
 * RaftNode} only moves bytes.
 *
 * <p>Threading: {@link #apply} is called on Ratis' single state-machine updater thread, one entry at a time and in
 * log order, on every node (leader and followers) and again on replay after a restart. {@link #snapshot} is called on
 * that same thread; {@link #restore} is called on the server's start-up thread or on the updater thread when a
 * snapshot is installed from the leader. So the three never run concurrently with each other, but readers of the
 * state (HTTP handlers, ...) do run concurrently and the implementation must publish its state safely.
 */
public interface RaftApplier {

  /**
   * Called once per committed entry, in log order (also on replay after restart). The returned future completes
   * when the entry is applied; its bytes are the reply given to the submitter. Must not throw; failures are replies.
   * Keep it quick: the next entry is handed over immediately, but snapshots and shutdown wait for the future.
   */
  CompletableFuture<byte[]> apply(byte[] entry);

  /** Serialized persistent state; called only after every earlier {@link #apply} future completed. */
  byte[] snapshot();

  /**
   * Replace all persistent state with this snapshot (at start-up before log replay, or when installing a snapshot
   * from the leader).
   */
  void restore(byte[] snapshot);

  /** Convenience for appliers that are synchronous. */
  static CompletableFuture<byte[]> done(byte[] reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
