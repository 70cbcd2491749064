package dev.beacon.push;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** Push counters for metrics: datagrams sent and resent, pushes acknowledged and given up, live subscribers. */
public final class PushStats {

  private final LongAdder sent = new LongAdder();
  private final LongAdder resent = new LongAdder();
  private final LongAdder acked = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongSupplier subscribers;

  PushStats(LongSupplier subscribers) {
    this.subscribers = subscribers;
  }

  void sent() {
    sent.increment();
  }

  void resent() {
    resent.increment();
  }

  void acked() {
    acked.increment();
  }

  void failed() {
    failed.increment();
  }

  /** Pushes sent for the first time (resends not included). */
  public long getSent() {
    return sent.sum();
  }

  /** Resends of pushes not acknowledged in time. */
  public long getResent() {
    return resent.sum();
  }

  public long getAcked() {
    return acked.sum();
  }

  /** Pushes still unacknowledged after every resend, or that could not be sent at all. */
  public long getFailed() {
    return failed.sum();
  }

  /** Subscribers currently in the table (expired ones count until the next sweep). */
  public long getSubscribers() {
    return subscribers.getAsLong();
  }

  @Override
  public String toString() {
    return "sent=" + getSent() + " resent=" + getResent() + " acked=" + getAcked() + " failed=" + getFailed()
        + " subscribers=" + getSubscribers();
  }
}
