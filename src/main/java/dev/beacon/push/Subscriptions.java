package dev.beacon.push;

import dev.beacon.model.ServiceKey;
import java.util.List;

/** Records that a client asked to be pushed changes of a service (a list query carrying {@code udpPort}). */
public interface Subscriptions {

  void subscribe(ServiceKey key, String clusters, String clientIp, int udpPort, String agent, String app);

  /** The live subscribers of a service on this node. */
  default List<Subscriber> list(ServiceKey key) {
    return List.of();
  }

  Subscriptions NONE = (key, clusters, ip, port, agent, app) -> { };
}
