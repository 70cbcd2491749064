package dev.beacon.distro;

import dev.beacon.model.ServiceKey;
import java.util.List;

/**
 * Which server is responsible for a service: rendezvous (highest-random-weight) hashing over the live servers.
 * Each (server, service) pair gets a pseudo-random weight and the heaviest server wins, so when a server comes or
 * goes only the services it wins (or won) move; every other service keeps its owner. Pure and immutable: the same
 * server list gives the same answer on every node, since it only uses String hashes (fixed by the JLS).
 */
public final class Responsibility {

  private final List<String> servers;
  private final long[] serverHashes;

  /** {@code servers} sorted, non-empty. */
  public Responsibility(List<String> servers) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no servers");
    }
    this.servers = List.copyOf(servers);
    this.serverHashes = new long[servers.size()];
    for (int i = 0; i < serverHashes.length; i++) {
      serverHashes[i] = mix(servers.get(i).hashCode() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
    }
  }

  public List<String> servers() {
    return servers;
  }

  public String owner(ServiceKey key) {
    long k = mix(((long) key.namespace().hashCode() << 32) ^ (key.groupedName().hashCode() & 0xffffffffL));
    int best = 0;
    long bestWeight = Long.MIN_VALUE;
    for (int i = 0; i < serverHashes.length; i++) {
      long w = mix(k ^ serverHashes[i]);
      if (w > bestWeight) {
        bestWeight = w;
        best = i;
      }
    }
    return servers.get(best);
  }

  /** MurmurHash3's 64-bit finaliser: spreads every input bit over the whole word. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
