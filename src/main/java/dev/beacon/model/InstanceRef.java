package dev.beacon.model;

/** An instance's address within a service: cluster, ip and port. */
public record InstanceRef(String cluster, String ip, int port) {

  public InstanceRef {
    cluster = cluster.intern();
  }

  @Override
  public String toString() {
    return ip + ":" + port + ":" + cluster;
  }
}
