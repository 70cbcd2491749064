package dev.beacon.model;

import java.util.Objects;

/**
 * An instance's address within a service: cluster, ip and port. A value class rather than a record only to keep its
 * hash: it keys the beat table, which the expiry timer and every beat probe, and the field fits the object's padding.
 */
public final class InstanceRef {

  private final String cluster;
  private final String ip;
  private final int port;
  private final int hash;

  public InstanceRef(String cluster, String ip, int port) {
    this.cluster = cluster.intern();
    this.ip = Objects.requireNonNull(ip);
    this.port = port;
    this.hash = (this.cluster.hashCode() * 31 + ip.hashCode()) * 31 + port;
  }

  public String cluster() {
    return cluster;
  }

  public String ip() {
    return ip;
  }

  public int port() {
    return port;
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof InstanceRef r && r.hash == hash && r.port == port && r.ip.equals(ip)
        && r.cluster.equals(cluster));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return ip + ":" + port + ":" + cluster;
  }
}
