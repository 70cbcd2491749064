package dev.beacon.push;

import dev.beacon.model.ServiceKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The push subscribers of one node: written by HTTP list queries on every event loop, read by {@link PushVerticle}.
 * A subscriber not refreshed by a query within {@code ttl} is a zombie: skipped when pushing, removed by {@link #sweep}.
 */
public final class SubscriberTable implements Subscriptions {

  private final Map<ServiceKey, Map<Subscriber.Id, Subscriber>> byService = new ConcurrentHashMap<>();
  private final long ttl;
  private final LongSupplier clock;
  private final PushStats stats;

  public SubscriberTable(long ttl) {
    this(ttl, System::currentTimeMillis);
  }

  SubscriberTable(long ttl, LongSupplier clock) {
    this.ttl = ttl;
    this.clock = clock;
    this.stats = new PushStats(this::size);
  }

  @Override
  public void subscribe(ServiceKey key, String clusters, String clientIp, int udpPort, String agent, String app) {
    Subscriber s = new Subscriber(key, clusters, clientIp, udpPort, agent, app == null ? "" : app, clock.getAsLong());
    // compute, not computeIfAbsent + put: a concurrent sweep must not drop the map this subscriber goes into.
    byService.compute(key, (k, subs) -> {
      Map<Subscriber.Id, Subscriber> m = subs == null ? new ConcurrentHashMap<>() : subs;
      m.put(s.id(), s);
      return m;
    });
  }

  /** Whether anyone (live or not yet swept) subscribed to the service: a cheap test before any push work. */
  public boolean hasSubscribers(ServiceKey key) {
    Map<Subscriber.Id, Subscriber> subs = byService.get(key);
    return subs != null && !subs.isEmpty();
  }

  /** The live subscribers of a service, in a stable order (by address). */
  @Override
  public List<Subscriber> list(ServiceKey key) {
    Map<Subscriber.Id, Subscriber> subs = byService.get(key);
    if (subs == null) {
      return List.of();
    }
    long now = clock.getAsLong();
    return subs.values().stream().filter(s -> !s.expired(now, ttl))
        .sorted(Comparator.comparing(Subscriber::ip).thenComparingInt(Subscriber::port)
            .thenComparing(Subscriber::clusters).thenComparing(Subscriber::agent))
        .toList();
  }

  /** Drops zombies and services left without subscribers; returns how many subscribers were dropped. */
  public int sweep() {
    long now = clock.getAsLong();
    int[] dropped = {0};
    byService.forEach((key, subs) -> {
      subs.values().removeIf(s -> {
        boolean zombie = s.expired(now, ttl);
        dropped[0] += zombie ? 1 : 0;
        return zombie;
      });
      // Remove the entry only if still empty, so a concurrent subscribe is not lost.
      byService.computeIfPresent(key, (k, v) -> v.isEmpty() ? null : v);
    });
    return dropped[0];
  }

  public long size() {
    long n = 0;
    for (Map<Subscriber.Id, Subscriber> subs : byService.values()) {
      n += subs.size();
    }
    return n;
  }

  public PushStats stats() {
    return stats;
  }
}
