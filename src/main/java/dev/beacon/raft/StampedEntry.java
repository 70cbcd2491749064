package dev.beacon.raft;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The envelope a submitted entry travels in, so that a write answered 503 never takes effect afterwards. The
 * submitter puts its deadline in front of the entry ({@link #submitted}); the leader that accepts it stamps its own
 * time beside it into the log ({@link #accept}), or refuses it once the deadline has passed; every member, on apply
 * and on replay, drops an entry whose stamp is after its deadline ({@link #open}), so all decide alike from the log.
 *
 * <p>Each entry also carries a random id, so that a submitter whose write failed can learn whether it was applied
 * after all (its leader crashed after committing it, before answering): {@link BeaconStateMachine#outcome}.
 *
 * <p>Layout: {@code 0xBE, version, deadline (8 bytes, epoch ms), id (8 bytes)[, accepted (8 bytes)], entry}. Version 1
 * is what a submitter sends, version 2 what the log holds. Entries of earlier Beacon versions (plain JSON, never
 * starting with {@code 0xBE}) are applied as they are.
 */
final class StampedEntry {

  static final byte MAGIC = (byte) 0xBE;
  static final byte SUBMITTED = 1;
  static final byte ACCEPTED = 2;
  private static final int SUBMITTED_HEADER = 18;
  private static final int ACCEPTED_HEADER = 26;
  /** The id of an entry without an envelope (earlier versions): nobody waits for its outcome. */
  static final long NO_ID = 0;

  /** What {@link #open} found: the entry itself, its id, and whether it reached the leader after its deadline. */
  record Opened(byte[] entry, long id, boolean expired) {
  }

  /** The leader received the entry after its deadline: it is refused, never appended. */
  static final class DeadlinePassed extends IOException {
    private static final String TEXT = " ms after its deadline; not applied";

    DeadlinePassed(long late) {
      super("persistent write reached the Raft leader " + late + TEXT);
    }

    /** Whether {@code failure} is a leader's refusal of a late entry (it may arrive as a remote exception's text). */
    static boolean refusal(Throwable failure) {
      for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof DeadlinePassed || (t.getMessage() != null && t.getMessage().contains(TEXT))) {
          return true;
        }
      }
      return false;
    }
  }

  private StampedEntry() {
  }

  static byte[] submitted(byte[] entry, long deadlineMillis, long id) {
    return ByteBuffer.allocate(SUBMITTED_HEADER + entry.length).put(MAGIC).put(SUBMITTED).putLong(deadlineMillis)
        .putLong(id).put(entry).array();
  }

  /**
   * On the leader: the log form of a submitted entry, stamped with {@code nowMillis}; an entry without an envelope
   * (a client of an earlier version) is logged as it came.
   */
  static ByteString accept(ByteString submitted, long nowMillis) throws DeadlinePassed {
    if (submitted.size() < SUBMITTED_HEADER || submitted.byteAt(0) != MAGIC || submitted.byteAt(1) != SUBMITTED) {
      return submitted;
    }
    ByteBuffer submittedHeader = submitted.substring(2, SUBMITTED_HEADER).asReadOnlyByteBuffer();
    long deadline = submittedHeader.getLong();
    long id = submittedHeader.getLong();
    if (nowMillis > deadline) {
      throw new DeadlinePassed(nowMillis - deadline);
    }
    ByteBuffer header = ByteBuffer.allocate(ACCEPTED_HEADER).put(MAGIC).put(ACCEPTED).putLong(deadline).putLong(id)
        .putLong(nowMillis).flip();
    return UnsafeByteOperations.unsafeWrap(header).concat(submitted.substring(SUBMITTED_HEADER));
  }

  /** On every member: the entry of a logged record, and whether it must be dropped. */
  static Opened open(ByteString logged) {
    if (logged.size() >= ACCEPTED_HEADER && logged.byteAt(0) == MAGIC && logged.byteAt(1) == ACCEPTED) {
      ByteBuffer header = logged.substring(2, ACCEPTED_HEADER).asReadOnlyByteBuffer();
      long deadline = header.getLong();
      long id = header.getLong();
      long accepted = header.getLong();
      return new Opened(logged.substring(ACCEPTED_HEADER).toByteArray(), id, accepted > deadline);
    }
    if (logged.size() >= SUBMITTED_HEADER && logged.byteAt(0) == MAGIC && logged.byteAt(1) == SUBMITTED) {
      ByteBuffer header = logged.substring(2, SUBMITTED_HEADER).asReadOnlyByteBuffer();
      header.getLong();
      // Never stamped (no leader time): applied as it is.
      return new Opened(logged.substring(SUBMITTED_HEADER).toByteArray(), header.getLong(), false);
    }
    return new Opened(logged.toByteArray(), NO_ID, false);
  }
}
