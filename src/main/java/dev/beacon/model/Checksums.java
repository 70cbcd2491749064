package dev.beacon.model;

import java.util.Map;

/** Content checksums: the same content gives the same checksum on every node, whatever its revision. */
final class Checksums {

  private Checksums() {
  }

  static String of(ServiceSettings settings, Map<String, ClusterSettings> clusters, Instance[] instances) {
    long h = 0xcbf29ce484222325L;
    h = mix(h, settings.hashCode());
    h = mix(h, clusters.hashCode());
    for (Instance i : instances) {
      h = mix(h, i.hashCode());
    }
    return Long.toHexString(h);
  }

  private static long mix(long h, int v) {
    h ^= v;
    h *= 0x100000001b3L;
    return h ^ (h >>> 29);
  }
}
