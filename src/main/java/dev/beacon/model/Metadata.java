package dev.beacon.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Immutable string-to-string metadata of an instance, service or cluster.
 * Identical maps are shared: a million instances that carry {@code {"version":"1.0"}} hold one map between them,
 * and keys and values are interned, which is most of what Nacos spends per instance.
 */
public final class Metadata {

  public static final Metadata EMPTY = new Metadata(Map.of());
  private static final Map<Map<String, String>, Metadata> SHARED = new ConcurrentHashMap<>();
  private static final int SHARED_LIMIT = 100_000;

  private final Map<String, String> entries;
  private final int hash;

  private Metadata(Map<String, String> entries) {
    this.entries = entries;
    this.hash = entries.hashCode();
  }

  public static Metadata of(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return EMPTY;
    }
    Metadata shared = SHARED.get(map);
    if (shared != null) {
      return shared;
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(k.intern(), v == null ? "" : v.intern()));
    Metadata created = new Metadata(Collections.unmodifiableMap(sorted));
    if (SHARED.size() < SHARED_LIMIT) {
      Metadata raced = SHARED.putIfAbsent(created.entries, created);
      return raced != null ? raced : created;
    }
    return created;
  }

  public Map<String, String> asMap() {
    return entries;
  }

  public String get(String key) {
    return entries.get(key);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** A positive millisecond value from a {@code preserved.*} key, or the fallback (Nacos accepts digits only). */
  public long millis(String key, long fallback) {
    String v = entries.get(key);
    if (v == null || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(Character::isDigit)) {
      return fallback;
    }
    return Long.parseLong(v);
  }

  public Metadata merge(Map<String, String> more) {
    TreeMap<String, String> m = new TreeMap<>(entries);
    m.putAll(more);
    return of(m);
  }

  public Metadata without(Iterable<String> keys) {
    TreeMap<String, String> m = new TreeMap<>(entries);
    keys.forEach(m::remove);
    return of(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Metadata m && (m == this || (m.hash == hash && m.entries.equals(entries)));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
