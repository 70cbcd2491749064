package dev.beacon.distro;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one node's Distro traffic, for logs, tests and (later) metrics. */
public final class DistroStats {

  public final LongAdder forwarded = new LongAdder();
  public final LongAdder forwardFallbacks = new LongAdder();
  public final LongAdder forwardedIn = new LongAdder();
  public final LongAdder deltasSent = new LongAdder();
  public final LongAdder viewsSent = new LongAdder();
  public final LongAdder viewsApplied = new LongAdder();
  public final LongAdder viewsIgnored = new LongAdder();
  public final LongAdder removalsApplied = new LongAdder();
  public final LongAdder verifyMismatches = new LongAdder();
  public final LongAdder verifyDrops = new LongAdder();
  public final LongAdder fullSyncs = new LongAdder();
  public final LongAdder fullSyncServices = new LongAdder();
  public final LongAdder fullSyncMillis = new LongAdder();

  @Override
  public String toString() {
    return "forwarded=" + forwarded + " fallbacks=" + forwardFallbacks + " forwardedIn=" + forwardedIn
        + " deltasSent=" + deltasSent + " viewsSent=" + viewsSent + " applied=" + viewsApplied
        + " ignored=" + viewsIgnored + " removals=" + removalsApplied + " verifyMismatches=" + verifyMismatches
        + " verifyDrops=" + verifyDrops + " fullSyncs=" + fullSyncs + " fullSyncServices=" + fullSyncServices + " fullSyncMillis=" + fullSyncMillis;
  }
}
