package dev.beacon.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A mutable working copy of a {@link ServiceView}, used only by the registry worker: every pending command for one
 * service is applied to one draft, then {@link #build} makes the next immutable view. Instances stay in address order
 * (binary search, array insert), so a copy is one array copy and building needs no sort.
 */
public final class ServiceDraft {

  private final ServiceKey key;
  private ServiceSettings settings;
  private final TreeMap<String, ClusterSettings> clusters;
  private final ArrayList<Instance> instances;
  private long instancesSum;
  private boolean changed;

  ServiceDraft(ServiceView base) {
    this.key = base.key();
    this.settings = base.settings();
    this.clusters = new TreeMap<>(base.clusters());
    this.instances = new ArrayList<>(Arrays.asList(base.sortedInstances()));
    this.instancesSum = base.instancesSum();
  }

  public static ServiceDraft create(ServiceKey key, ServiceSettings settings) {
    ServiceDraft d = new ServiceDraft(ServiceView.empty(key, settings, 0, 0));
    d.changed = true;
    return d;
  }

  public ServiceKey key() {
    return key;
  }

  public ServiceSettings settings() {
    return settings;
  }

  public boolean changed() {
    return changed;
  }

  public Instance get(InstanceRef ref) {
    int at = indexOf(ref);
    return at >= 0 ? instances.get(at) : null;
  }

  public Collection<Instance> instances() {
    return Collections.unmodifiableList(instances);
  }

  public boolean isEmpty() {
    return instances.isEmpty();
  }

  public void put(Instance instance) {
    int at = indexOf(instance.ref());
    if (at >= 0) {
      Instance old = instances.set(at, instance);
      changed |= !instance.equals(old);
      instancesSum += Checksums.of(instance) - Checksums.of(old);
    } else {
      instances.add(-at - 1, instance);
      instancesSum += Checksums.of(instance);
      changed = true;
    }
    clusters.computeIfAbsent(instance.clusterName(), ClusterSettings::defaults);
  }

  public Instance remove(InstanceRef ref) {
    int at = indexOf(ref);
    if (at < 0) {
      return null;
    }
    changed = true;
    Instance old = instances.remove(at);
    instancesSum -= Checksums.of(old);
    return old;
  }

  public int removeIf(Predicate<Instance> test) {
    int before = instances.size();
    instances.removeIf(i -> {
      boolean remove = test.test(i);
      if (remove) {
        instancesSum -= Checksums.of(i);
      }
      return remove;
    });
    changed |= instances.size() != before;
    return before - instances.size();
  }

  private int indexOf(InstanceRef ref) {
    return ServiceView.indexOf(instances::get, instances.size(), ref);
  }

  public void settings(ServiceSettings value) {
    changed |= !value.equals(settings);
    settings = value;
  }

  public ClusterSettings cluster(String name) {
    return clusters.get(name);
  }

  public void cluster(ClusterSettings value) {
    changed |= !value.equals(clusters.put(value.name(), value));
  }

  public Map<String, ClusterSettings> clusters() {
    return Collections.unmodifiableMap(clusters);
  }

  /** The smallest non-negative integer not used as a snowflake id in this service (Nacos's snowflake generator). */
  public String nextSnowflakeId() {
    Set<String> used = new HashSet<>();
    instances.forEach(i -> {
      if (i.snowflakeId() != null) {
        used.add(i.snowflakeId());
      }
    });
    int n = 0;
    while (used.contains(Integer.toString(n))) {
      n++;
    }
    return Integer.toString(n);
  }

  public ServiceView build(long revision, long now) {
    return new ServiceView(key, settings, Collections.unmodifiableNavigableMap(new TreeMap<>(clusters)),
        instances.toArray(new Instance[0]), instancesSum, revision, now);
  }
}
