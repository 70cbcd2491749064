package dev.beacon.health;

import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each ephemeral instance last beat. Kept apart from the registry views: a beat sets one long and copies nothing.
 * Touched from every event loop; read by the expiry timer.
 */
public final class BeatTable {

  private final ConcurrentHashMap<ServiceKey, ConcurrentHashMap<InstanceRef, AtomicLong>> beats =
      new ConcurrentHashMap<>();

  public void touch(ServiceKey key, InstanceRef ref, long now) {
    ConcurrentHashMap<InstanceRef, AtomicLong> service = beats.get(key);
    if (service == null) {
      service = beats.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
    }
    AtomicLong last = service.get(ref);
    if (last == null) {
      service.computeIfAbsent(ref, r -> new AtomicLong()).set(now);
    } else {
      last.set(now);
    }
  }

  /** The last beat, or {@code -1} when none is known. */
  public long lastBeat(ServiceKey key, InstanceRef ref) {
    ConcurrentHashMap<InstanceRef, AtomicLong> service = beats.get(key);
    AtomicLong last = service == null ? null : service.get(ref);
    return last == null ? -1 : last.get();
  }

  public void forget(ServiceKey key, InstanceRef ref) {
    ConcurrentHashMap<InstanceRef, AtomicLong> service = beats.get(key);
    if (service != null) {
      service.remove(ref);
    }
  }

  public void forgetService(ServiceKey key) {
    beats.remove(key);
  }

  /** Give every known instance of these services a fresh grace period (responsibility just moved here). */
  public void refresh(Set<ServiceKey> keys, long now) {
    keys.forEach(k -> {
      ConcurrentHashMap<InstanceRef, AtomicLong> service = beats.get(k);
      if (service != null) {
        service.values().forEach(v -> v.set(now));
      }
    });
  }

  public long size() {
    return beats.values().stream().mapToLong(ConcurrentHashMap::size).sum();
  }
}
