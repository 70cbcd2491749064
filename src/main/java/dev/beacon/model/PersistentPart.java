package dev.beacon.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Raft owns of one service: its definition ({@code settings}, {@link ServiceSettings#IMPLICIT} when the service
 * was never defined), its cluster settings that differ from the defaults, and its persistent instances. Ephemeral
 * instances are Distro's. The one shape of the Raft snapshot's entries, of a restore, and of the part a Distro
 * replica keeps when a peer's copy of the service arrives.
 */
public record PersistentPart(ServiceKey key, ServiceSettings settings, List<ClusterSettings> clusters,
                             List<Instance> instances) {

  public PersistentPart {
    clusters = List.copyOf(clusters);
    instances = List.copyOf(instances);
  }

  public static PersistentPart of(ServiceView v) {
    return of(v.key(), v.settings(), v.clusters().values(), v.instances());
  }

  public static PersistentPart of(ServiceDraft d) {
    return of(d.key(), d.settings(), d.clusters().values(), d.instances());
  }

  private static PersistentPart of(ServiceKey key, ServiceSettings settings, Collection<ClusterSettings> clusters,
                                   Collection<Instance> instances) {
    return new PersistentPart(key, settings.defined() ? settings : ServiceSettings.IMPLICIT,
        clusters.stream().filter(c -> !c.equals(ClusterSettings.defaults(c.name()))).toList(),
        instances.stream().filter(i -> !i.ephemeral()).toList());
  }

  /** Nothing for Raft to keep: an implicit service with default clusters and no persistent instance. */
  public boolean isEmpty() {
    return !settings.defined() && clusters.isEmpty() && instances.isEmpty();
  }

  /** Makes {@code d}'s persistent part this one; its ephemeral instances stay. */
  public void applyTo(ServiceDraft d) {
    d.removeIf(i -> !i.ephemeral());
    instances.forEach(d::put);
    clusters.forEach(d::cluster);
    d.settings(settings);
  }

  /**
   * {@code remote} (a peer's copy) with this part in place of its own: the peer contributes only its ephemeral
   * instances and the clusters this part does not configure; definition and persistent instances are this part's,
   * unless this part leaves the service undefined.
   */
  public ServiceView over(ServiceView remote) {
    List<Instance> merged = new ArrayList<>(remote.instances().stream().filter(Instance::ephemeral).toList());
    merged.addAll(instances);
    Map<String, ClusterSettings> byName = new TreeMap<>(remote.clusters());
    clusters.forEach(c -> byName.put(c.name(), c));
    return ServiceView.of(remote.key(), settings.defined() ? settings : remote.settings(), byName.values(), merged,
        remote.revision(), remote.lastRefTime());
  }
}
