package dev.beacon.client;

import java.util.Map;
import java.util.Objects;

/**
 * An instance a {@link NamingClient} registers: address, weight, cluster, metadata and whether it is ephemeral
 * (kept alive by the client's beats) or persistent. Start from {@link #of(String, int)} and adjust with the withers.
 *
 * @param ip        the instance's address as consumers should reach it
 * @param port      its port
 * @param weight    relative weight for {@link NamingClient#selectOneHealthy}; 0 takes it out of selection
 * @param cluster   cluster name, {@code DEFAULT} by default
 * @param metadata  string metadata ({@code preserved.*} keys tune beat timeouts as in Nacos)
 * @param ephemeral true (default) for beat-kept instances
 */
public record InstanceSpec(String ip, int port, double weight, String cluster, Map<String, String> metadata,
                           boolean ephemeral) {

  public InstanceSpec {
    Objects.requireNonNull(ip, "ip");
    cluster = cluster == null || cluster.isBlank() ? "DEFAULT" : cluster;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** An ephemeral instance of weight 1 in cluster {@code DEFAULT} without metadata. */
  public static InstanceSpec of(String ip, int port) {
    return new InstanceSpec(ip, port, 1.0, "DEFAULT", Map.of(), true);
  }

  public InstanceSpec withWeight(double weight) {
    return new InstanceSpec(ip, port, weight, cluster, metadata, ephemeral);
  }

  public InstanceSpec withCluster(String cluster) {
    return new InstanceSpec(ip, port, weight, cluster, metadata, ephemeral);
  }

  public InstanceSpec withMetadata(Map<String, String> metadata) {
    return new InstanceSpec(ip, port, weight, cluster, metadata, ephemeral);
  }

  public InstanceSpec withEphemeral(boolean ephemeral) {
    return new InstanceSpec(ip, port, weight, cluster, metadata, ephemeral);
  }
}
