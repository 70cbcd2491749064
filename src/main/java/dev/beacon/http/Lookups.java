package dev.beacon.http;

import dev.beacon.model.BeaconError;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Registry;
import java.util.List;
import java.util.stream.Stream;

/** Read-side helpers shared by the endpoints: find a service or 404, list a namespace, cut a page. */
final class Lookups {

  private Lookups() {
  }

  static ServiceView service(Registry registry, ServiceKey key) {
    ServiceView view = registry.view(key);
    if (view == null) {
      throw BeaconError.notFound("service " + key.groupedName() + " is not found!");
    }
    return view;
  }

  static Stream<ServiceView> inNamespace(Registry registry, String namespace) {
    return registry.views().stream().filter(v -> v.key().namespace().equals(namespace));
  }

  /** Nacos pages are 1-based; a page past the end is empty. */
  static <T> List<T> page(List<T> all, int pageNo, int pageSize) {
    if (pageNo < 1 || pageSize < 1) {
      throw BeaconError.badRequest("pageNo and pageSize must be positive");
    }
    long from = (long) (pageNo - 1) * pageSize;
    if (from >= all.size()) {
      return List.of();
    }
    return all.subList((int) from, (int) Math.min(all.size(), from + pageSize));
  }
}
