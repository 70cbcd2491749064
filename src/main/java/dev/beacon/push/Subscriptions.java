package dev.beacon.push;

import dev.beacon.model.ServiceKey;

/** Records that a client asked to be pushed changes of a service (a list query carrying {@code udpPort}). */
public interface Subscriptions {

  void subscribe(ServiceKey key, String clusters, String clientIp, int udpPort, String agent, String app);

  Subscriptions NONE = (key, clusters, ip, port, agent, app) -> { };
}
