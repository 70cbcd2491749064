package dev.beacon.model;

import java.util.Map;

/**
 * Content checksums: the same content gives the same checksum on every node, whatever its revision. The instances'
 * part is an order-independent sum of spread hashes, so the worker keeps it up to date per change in O(1) instead of
 * rehashing every instance of a service for each new revision.
 */
final class Checksums {

  private Checksums() {
  }

  /** One instance's contribution to its service's {@code instancesSum}. */
  static long of(Instance instance) {
    long x = instance.hashCode() * 0x9E3779B97F4A7C15L;
    return x ^ (x >>> 32);
  }

  static long sum(Instance[] instances) {
    long sum = 0;
    for (Instance i : instances) {
      sum += of(i);
    }
    return sum;
  }

  static String of(ServiceSettings settings, Map<String, ClusterSettings> clusters, long instancesSum) {
    long h = 0xcbf29ce484222325L;
    h = mix(h, settings.hashCode());
    h = mix(h, clusters.hashCode());
    h ^= instancesSum;
    h *= 0x100000001b3L;
    return Long.toHexString(h ^ (h >>> 29));
  }

  private static long mix(long h, int v) {
    h ^= v;
    h *= 0x100000001b3L;
    return h ^ (h >>> 29);
  }
}
