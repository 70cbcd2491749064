package dev.beacon.raft;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Shares one ReadIndex round trip among concurrent reads, as etcd batches them. A read may only use a round that
 * started after the read itself (an earlier round's commit index may predate a write the reader saw acknowledged), so
 * reads that arrive while a round is running wait for the next one, which starts as soon as the running one ends:
 * one round in flight, at most one queued, whatever the number of readers. When a round fails (no majority within
 * the timeout) the queued readers fail with it, so no reader waits longer than about one timeout.
 */
final class ReadIndexBatch {

  private final Supplier<CompletableFuture<Void>> round;
  /** The round in flight, or null. Guarded by {@code this}. */
  private CompletableFuture<Void> running;
  /** Readers that came after {@link #running} started: served by the next round. Guarded by {@code this}. */
  private CompletableFuture<Void> queued;

  ReadIndexBatch(Supplier<CompletableFuture<Void>> round) {
    this.round = round;
  }

  /** Completes once a round that started after this call has succeeded; fails with that round's failure. */
  CompletableFuture<Void> await() {
    synchronized (this) {
      if (running != null) {
        if (queued == null) {
          queued = new CompletableFuture<>();
        }
        return queued;
      }
      running = new CompletableFuture<>();
    }
    CompletableFuture<Void> mine = running;
    start(mine);
    return mine;
  }

  private void start(CompletableFuture<Void> readers) {
    CompletableFuture<Void> trip;
    try {
      trip = round.get();
    } catch (RuntimeException e) {
      trip = CompletableFuture.failedFuture(e);
    }
    trip.whenComplete((v, e) -> {
      CompletableFuture<Void> next;
      synchronized (this) {
        next = queued;
        queued = null;
        running = e == null ? next : null;
      }
      if (e != null) {
        // No majority answered within the timeout: the readers queued behind fail too rather than wait another
        // whole timeout (a failed read is always a correct answer; the next reader starts a fresh round).
        readers.completeExceptionally(e);
        if (next != null) {
          next.completeExceptionally(e);
        }
        return;
      }
      if (next != null) {
        start(next);
      }
      readers.complete(null);
    });
  }
}
