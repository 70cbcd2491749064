package dev.beacon.grpc;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shared by the {@link GrpcVerticle} instances of a node (one per event loop), read by the metrics gauges;
 * also the source of connection ids, unique across the instances.
 */
public final class GrpcStats {

  final LongAdder connections = new LongAdder();
  final LongAdder pushes = new LongAdder();
  final LongAdder unacknowledged = new LongAdder();
  final AtomicLong connectionIds = new AtomicLong();

  /** Open connections (set up or not) on this node. */
  public long connections() {
    return connections.sum();
  }

  public long pushes() {
    return pushes.sum();
  }

  /** Pushes not acknowledged within the ack timeout (each resend counts again). */
  public long unacknowledged() {
    return unacknowledged.sum();
  }
}
