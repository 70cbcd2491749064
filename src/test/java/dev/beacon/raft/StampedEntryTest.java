package dev.beacon.raft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class StampedEntryTest {

  private static final byte[] ENTRY = "{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void anEntryAcceptedInTimeOpensToItselfNotExpired() throws Exception {
    ByteString logged = StampedEntry.accept(ByteString.copyFrom(StampedEntry.submitted(ENTRY, 1_000, 7)), 1_000);
    StampedEntry.Opened opened = StampedEntry.open(logged);
    assertArrayEquals(ENTRY, opened.entry());
    assertEquals(7, opened.id());
    assertFalse(opened.expired());
  }

  @Test
  void theLeaderRefusesAnEntryPastItsDeadline() {
    ByteString submitted = ByteString.copyFrom(StampedEntry.submitted(ENTRY, 1_000, 7));
    StampedEntry.DeadlinePassed e = assertThrows(StampedEntry.DeadlinePassed.class,
        () -> StampedEntry.accept(submitted, 1_001));
    assertTrue(StampedEntry.DeadlinePassed.refusal(new RuntimeException(e.getMessage())), "recognised by its text");
  }

  @Test
  void aLoggedEntryStampedAfterItsDeadlineIsExpiredOnEveryMember() {
    byte[] stamped = ByteBuffer.allocate(26 + ENTRY.length).put(StampedEntry.MAGIC)
        .put(StampedEntry.ACCEPTED).putLong(1_000).putLong(7).putLong(1_001).put(ENTRY).array();
    StampedEntry.Opened opened = StampedEntry.open(ByteString.copyFrom(stamped));
    assertTrue(opened.expired());
    assertArrayEquals(ENTRY, opened.entry());
  }

  @Test
  void entriesOfEarlierVersionsApplyAsTheyAre() throws Exception {
    ByteString legacy = ByteString.copyFrom(ENTRY);
    assertArrayEquals(ENTRY, StampedEntry.open(legacy).entry());
    assertFalse(StampedEntry.open(legacy).expired());
    assertArrayEquals(ENTRY, StampedEntry.accept(legacy, Long.MAX_VALUE).toByteArray());
  }
}
