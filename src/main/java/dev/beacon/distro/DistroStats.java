package dev.beacon.distro;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/** Counters of one node's Distro traffic, for logs, tests and {@code /metrics}. */
public final class DistroStats {

  /** Every counter by its metric name (under {@code beacon.distro.}). */
  public static final Map<String, ToDoubleFunction<DistroStats>> COUNTERS = counters();

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
  /** Messages to internal addresses dropped for want of a valid seal ({@link ClusterSeal}). */
  public final LongAdder refused = new LongAdder();

  private static Map<String, ToDoubleFunction<DistroStats>> counters() {
    Map<String, ToDoubleFunction<DistroStats>> m = new LinkedHashMap<>();
    m.put("forwarded", s -> s.forwarded.sum());
    m.put("forward.fallbacks", s -> s.forwardFallbacks.sum());
    m.put("forwarded.in", s -> s.forwardedIn.sum());
    m.put("deltas.sent", s -> s.deltasSent.sum());
    m.put("views.sent", s -> s.viewsSent.sum());
    m.put("views.applied", s -> s.viewsApplied.sum());
    m.put("views.ignored", s -> s.viewsIgnored.sum());
    m.put("removals.applied", s -> s.removalsApplied.sum());
    m.put("verify.mismatches", s -> s.verifyMismatches.sum());
    m.put("verify.drops", s -> s.verifyDrops.sum());
    m.put("full.syncs", s -> s.fullSyncs.sum());
    m.put("full.sync.services", s -> s.fullSyncServices.sum());
    m.put("refused", s -> s.refused.sum());
    return m;
  }

  @Override
  public String toString() {
    return "forwarded=" + forwarded + " fallbacks=" + forwardFallbacks + " forwardedIn=" + forwardedIn
        + " deltasSent=" + deltasSent + " viewsSent=" + viewsSent + " applied=" + viewsApplied
        + " ignored=" + viewsIgnored + " removals=" + removalsApplied + " verifyMismatches=" + verifyMismatches
        + " verifyDrops=" + verifyDrops + " fullSyncs=" + fullSyncs + " fullSyncServices=" + fullSyncServices + " fullSyncMillis=" + fullSyncMillis;
  }
}
