package dev.beacon.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A mutable working copy of a {@link ServiceView}, used only by the registry worker: every pending command for one
 * service is applied to one draft, then {@link #build} makes the next immutable view.
 */
public final class ServiceDraft {

  private final ServiceKey key;
  private ServiceSettings settings;
  private final TreeMap<String, ClusterSettings> clusters;
  private final LinkedHashMap<InstanceRef, Instance> instances = new LinkedHashMap<>();
  private boolean changed;

  ServiceDraft(ServiceView base) {
    this.key = base.key();
    this.settings = base.settings();
    this.clusters = new TreeMap<>(base.clusters());
    for (Instance i : base.instances()) {
      instances.put(i.ref(), i);
    }
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
    return instances.get(ref);
  }

  public Collection<Instance> instances() {
    return Collections.unmodifiableCollection(instances.values());
  }

  public boolean isEmpty() {
    return instances.isEmpty();
  }

  public void put(Instance instance) {
    Instance old = instances.put(instance.ref(), instance);
    changed |= !instance.equals(old);
    clusters.computeIfAbsent(instance.clusterName(), ClusterSettings::defaults);
  }

  public Instance remove(InstanceRef ref) {
    Instance old = instances.remove(ref);
    changed |= old != null;
    return old;
  }

  public int removeIf(Predicate<Instance> test) {
    int before = instances.size();
    instances.values().removeIf(test);
    changed |= instances.size() != before;
    return before - instances.size();
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
    java.util.Set<String> used = new java.util.HashSet<>();
    instances.values().forEach(i -> {
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
    Instance[] sorted = instances.values().toArray(new Instance[0]);
    java.util.Arrays.sort(sorted, ServiceView.ORDER);
    return new ServiceView(key, settings, Collections.unmodifiableNavigableMap(new TreeMap<>(clusters)), sorted,
        revision, now);
  }
}
