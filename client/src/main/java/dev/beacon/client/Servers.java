package dev.beacon.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a {@link NamingClient} knows about the registry servers: their ids (learned from the {@code beacon-servers}
 * reply header, which a server adds when asked), and which of them recently failed to answer in time. Requests go to
 * the servers in turn, suspects last; a server the cluster dropped is forgotten at once.
 */
final class Servers {

  /** How long a server that let a request time out is tried only after the others. */
  static final long SUSPECT_MILLIS = 30_000;

  private final long refreshMillis;
  private volatile List<String> known = List.of();
  private volatile long learnedAt;
  private final Map<String, Long> suspectUntil = new ConcurrentHashMap<>();
  private final AtomicInteger turn = new AtomicInteger();

  Servers(long refreshMillis) {
    this.refreshMillis = refreshMillis;
  }

  /** Whether the next request should ask its server for the current server list. */
  boolean stale() {
    return known.isEmpty() || System.currentTimeMillis() - learnedAt >= refreshMillis;
  }

  /** The list one server sees (comma-separated ids). */
  void learn(String ids) {
    if (ids == null || ids.isBlank()) {
      return;
    }
    known = List.of(ids.split(","));
    learnedAt = System.currentTimeMillis();
    suspectUntil.keySet().retainAll(known);
  }

  /** The event bus has no consumer for the server's address any more: the cluster dropped it (or it is stopping). */
  void gone(String id) {
    List<String> now = new ArrayList<>(known);
    if (now.remove(id)) {
      known = List.copyOf(now);
      learnedAt = 0; // ask again soon
    }
    suspectUntil.remove(id);
  }

  void suspect(String id) {
    suspectUntil.put(id, System.currentTimeMillis() + SUSPECT_MILLIS);
  }

  void answered(String id) {
    suspectUntil.remove(id);
  }

  /** Known servers in the order to try them: in turn from a rotating start, suspects at the end. */
  List<String> order() {
    List<String> all = known;
    if (all.isEmpty()) {
      return all;
    }
    long now = System.currentTimeMillis();
    int start = Math.floorMod(turn.getAndIncrement(), all.size());
    List<String> fine = new ArrayList<>(all.size());
    List<String> suspects = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      String id = all.get((start + i) % all.size());
      (suspectUntil.getOrDefault(id, 0L) > now ? suspects : fine).add(id);
    }
    fine.addAll(suspects);
    return fine;
  }
}
