package dev.beacon.core;

import io.vertx.core.Future;

/**
 * The port through which a read of Raft-replicated data becomes linearizable: implemented by the raft package
 * (ReadIndex), wired by {@code Beacon}, awaited by the API edges before they read persistent data from this node's
 * tables.
 */
@FunctionalInterface
public interface ReadBarrier {

  /** Reads need no barrier: a single-member group (every write is applied here before it is acknowledged). */
  ReadBarrier NONE = Future::succeededFuture;

  /**
   * Completes, on the caller's context, once this node has applied every write committed before the call; fails with
   * a 503 {@code BeaconError} when no majority confirms it within the Raft request timeout.
   */
  Future<Void> await();
}
