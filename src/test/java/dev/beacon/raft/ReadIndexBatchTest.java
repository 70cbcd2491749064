package dev.beacon.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ReadIndexBatchTest {

  /** The rounds started, completed by the test. */
  private final List<CompletableFuture<Void>> rounds = new ArrayList<>();
  private final ReadIndexBatch batch = new ReadIndexBatch(() -> {
    CompletableFuture<Void> round = new CompletableFuture<>();
    rounds.add(round);
    return round;
  });

  @Test
  void readersThatArriveDuringARoundShareTheNextOne() {
    CompletableFuture<Void> first = batch.await();
    CompletableFuture<Void> second = batch.await();
    CompletableFuture<Void> third = batch.await();
    assertEquals(1, rounds.size(), "one round in flight");
    rounds.get(0).complete(null);
    assertTrue(first.isDone());
    assertFalse(second.isDone(), "a reader that came during a round may not use it");
    assertEquals(2, rounds.size(), "the queued readers' round starts at once");
    rounds.get(1).complete(null);
    assertTrue(second.isDone() && third.isDone());
    batch.await();
    assertEquals(3, rounds.size(), "an idle batch starts a round per reader");
  }

  @Test
  void aFailedRoundFailsTheReadersQueuedBehindIt() {
    CompletableFuture<Void> first = batch.await();
    CompletableFuture<Void> queued = batch.await();
    rounds.get(0).completeExceptionally(new RaftUnavailableException(RaftUnavailableException.Reason.NO_MAJORITY,
        null, null));
    assertTrue(first.isCompletedExceptionally());
    assertTrue(queued.isCompletedExceptionally());
    assertEquals(1, rounds.size());
    CompletableFuture<Void> later = batch.await();
    assertEquals(2, rounds.size(), "the next reader starts a fresh round");
    rounds.get(1).complete(null);
    assertTrue(later.isDone() && !later.isCompletedExceptionally());
  }
}
