package dev.beacon.registry;

import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read side of the registry tables: {@code ServiceKey -> ServiceView}. Readers on any thread get immutable views
 * without locks; only {@link RegistryWorkerVerticle} replaces entries.
 */
public final class Registry {

  private final ConcurrentHashMap<ServiceKey, ServiceView> views = new ConcurrentHashMap<>();
  private volatile long instanceCount;

  public ServiceView view(ServiceKey key) {
    return views.get(key);
  }

  public Collection<ServiceView> views() {
    return Collections.unmodifiableCollection(views.values());
  }

  public int serviceCount() {
    return views.size();
  }

  public long instanceCount() {
    return instanceCount;
  }

  void put(ServiceView view) {
    ServiceView old = views.put(view.key(), view);
    instanceCount += view.size() - (old == null ? 0 : old.size());
  }

  void remove(ServiceKey key) {
    ServiceView old = views.remove(key);
    if (old != null) {
      instanceCount -= old.size();
    }
  }
}
