package dev.beacon.client;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;

/**
 * Joins a Vert.x application to the Beacon servers' Hazelcast cluster, as the servers' {@code cluster.xml} expects:
 * cluster name {@value #CLUSTER_NAME}, TCP/IP join to the servers' Hazelcast addresses (no multicast), the maps
 * Vert.x keeps its event-bus registrations in, and, by default, as a <em>lite member</em> (it holds no partition of
 * the cluster's data, so starting or stopping applications never moves data between the servers).
 *
 * <pre>{@code
 * Config hz = BeaconCluster.hazelcastConfig("127.0.0.5", 5701, List.of("beacon1:5701", "beacon2:5701", "beacon3:5701"));
 * Vertx vertx = BeaconCluster.join(hz, "127.0.0.5").await();
 * }</pre>
 */
public final class BeaconCluster {

  /** The servers' Hazelcast cluster name ({@code <cluster-name>} of cluster.xml). */
  public static final String CLUSTER_NAME = "beacon";

  private BeaconCluster() {
  }

  /**
   * A lite member's Hazelcast configuration: binds to {@code host} (which is also the address announced to the
   * servers, so it must be one they can reach) on {@code port}, and joins {@code members} ({@code host:port} of the
   * servers' Hazelcast, their {@code cluster-members}). Adjust what else you need before joining, e.g.
   * {@code getNetworkConfig().setPublicAddress("203.0.113.7:5701")} behind NAT, or {@code setLiteMember(false)}.
   */
  public static Config hazelcastConfig(String host, int port, List<String> members) {
    Config config = new Config().setClusterName(CLUSTER_NAME).setLiteMember(true);
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", host);
    config.setProperty("hazelcast.socket.bind.any", "false");
    // The servers' defaults (cluster-heartbeat, cluster-member-timeout, cluster-merge-period).
    config.setProperty("hazelcast.heartbeat.interval.seconds", "5");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "30");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false).setPublicAddress(host + ":" + port);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getAutoDetectionConfig().setEnabled(false);
    join.getMulticastConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2).setMembers(members);
    // What Vert.x's default-cluster.xml declares for its own structures (the servers' cluster.xml does the same).
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.getMapConfig("__vertx.haInfo").setBackupCount(1);
    config.getMapConfig("__vertx.nodeInfo").setBackupCount(1);
    return config;
  }

  /**
   * A clustered Vert.x over {@code hazelcast}, with its event bus bound to {@code eventBusHost} on any free port and
   * announced as that address: the servers open connections to it to deliver replies and changes.
   */
  public static Future<Vertx> join(Config hazelcast, String eventBusHost) {
    return join(hazelcast, new VertxOptions().setEventBusOptions(new EventBusOptions().setHost(eventBusHost)
        .setPort(0).setClusterPublicHost(eventBusHost)));
  }

  /** The same with {@code options} of your own (set their event-bus host, port and public host as above). */
  public static Future<Vertx> join(Config hazelcast, VertxOptions options) {
    return Vertx.builder().with(options).withClusterManager(new HazelcastClusterManager(hazelcast)).buildClustered();
  }
}
