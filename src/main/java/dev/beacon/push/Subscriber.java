package dev.beacon.push;

import dev.beacon.model.ServiceKey;

/**
 * A client that asked to be pushed changes of a service: Nacos's {@code PushClient}. Identity is
 * (service, clusters, ip:port, agent); {@code lastRefTime} is when it last queried (millis), replaced on each query.
 */
public record Subscriber(ServiceKey key, String clusters, String ip, int port, String agent, String app,
                         long lastRefTime) {

  /** The identity part: two queries with the same id refresh one subscriber. */
  public record Id(String clusters, String ip, int port, String agent) {
  }

  public Id id() {
    return new Id(clusters, ip, port, agent);
  }

  public String address() {
    return ip + ":" + port;
  }

  boolean expired(long now, long ttl) {
    return now - lastRefTime > ttl;
  }
}
