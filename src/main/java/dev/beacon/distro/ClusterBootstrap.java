package dev.beacon.distro;

import com.hazelcast.config.Config;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Builds the clustered Vert.x of a cluster-mode node: Hazelcast configured from {@code cluster.xml} with its
 * {@code ${beacon.*}} placeholders filled from {@link BeaconConfig}, and the event bus bound to {@code cluster-host}.
 * Every node gets its own Hazelcast instance name and ports, so several nodes can run in one JVM.
 */
public final class ClusterBootstrap {

  private static final Logger LOG = Logger.getLogger(ClusterBootstrap.class.getName());
  private static final String CLASSPATH_CONFIG = "cluster.xml";

  private final HazelcastClusterManager clusterManager;
  private final Vertx vertx;

  private ClusterBootstrap(HazelcastClusterManager clusterManager, Vertx vertx) {
    this.clusterManager = clusterManager;
    this.vertx = vertx;
  }

  /** {@code options} and {@code metrics} carry what else the node configures; the event-bus options are set here. */
  public static Future<ClusterBootstrap> start(BeaconConfig config, VertxOptions options,
                                               VertxMetricsFactory metrics) {
    Config hazelcast;
    try {
      hazelcast = hazelcastConfig(config);
    } catch (RuntimeException | FileNotFoundException e) {
      return Future.failedFuture(new IllegalArgumentException("cannot load cluster config: " + e.getMessage(), e));
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast);
    String publicHost = publicHost(config);
    options.setEventBusOptions(eventBusOptions(config).setClusterPublicHost(publicHost));
    LOG.info("joining cluster " + config.list(Setting.CLUSTER_MEMBERS) + " as " + publicHost + ":"
        + config.get(Setting.CLUSTER_PORT));
    return Vertx.builder().withClusterManager(manager).with(options).withMetrics(metrics).buildClustered()
        .map(vertx -> new ClusterBootstrap(manager, vertx));
  }

  /**
   * The event bus binds to {@code cluster-host} and judges its connections as Hazelcast judges members. Vert.x keeps
   * a connection to a peer until a ping goes unanswered (20 s, then 20 s more by default) and gives a connect 60 s; a
   * connection stalled by a network partition keeps every message sent on it in TCP's backed-off retransmission,
   * so after the heal they could arrive many seconds late. Pinging every {@code cluster-heartbeat}, giving up after
   * {@code cluster-member-timeout} without a pong, and connecting within {@code cluster-heartbeat} make a cut
   * connection close about when Hazelcast drops the member, and the first message after the heal open a fresh one.
   */
  static EventBusOptions eventBusOptions(BeaconConfig config) {
    long heartbeat = config.intValue(Setting.CLUSTER_HEARTBEAT) * 1000L;
    return new EventBusOptions()
        .setHost(config.get(Setting.CLUSTER_HOST)).setPort(config.intValue(Setting.EVENT_BUS_PORT))
        .setClusterPingInterval(heartbeat)
        .setClusterPingReplyInterval(config.intValue(Setting.CLUSTER_MEMBER_TIMEOUT) * 1000L)
        .setConnectTimeout((int) heartbeat);
  }

  /** cluster.xml from {@code cluster-config} if that file exists, else the copy in the jar; placeholders filled. */
  static Config hazelcastConfig(BeaconConfig config) throws FileNotFoundException {
    Properties p = new Properties();
    p.setProperty("beacon.cluster.members", String.join(",", config.list(Setting.CLUSTER_MEMBERS)));
    p.setProperty("beacon.cluster.host", config.get(Setting.CLUSTER_HOST));
    p.setProperty("beacon.cluster.public", publicHost(config));
    p.setProperty("beacon.cluster.port", config.get(Setting.CLUSTER_PORT));
    p.setProperty("beacon.instance.name", "beacon-" + config.nodeId().replace(':', '-') + "-"
        + UUID.randomUUID().toString().substring(0, 8));
    p.setProperty("beacon.join.wait", config.get(Setting.CLUSTER_JOIN_WAIT));
    p.setProperty("beacon.heartbeat", config.get(Setting.CLUSTER_HEARTBEAT));
    p.setProperty("beacon.member.timeout", config.get(Setting.CLUSTER_MEMBER_TIMEOUT));
    p.setProperty("beacon.merge.period", config.get(Setting.CLUSTER_MERGE_PERIOD));
    File file = new File(config.get(Setting.CLUSTER_CONFIG));
    if (file.isFile()) {
      return Config.loadFromFile(file, p);
    }
    InputStream in = ClusterBootstrap.class.getClassLoader().getResourceAsStream(CLASSPATH_CONFIG);
    if (in == null) {
      throw new FileNotFoundException(file.getPath() + " (and no " + CLASSPATH_CONFIG + " on the classpath)");
    }
    return Config.loadFromStream(in, p);
  }

  private static String publicHost(BeaconConfig config) {
    String host = config.get(Setting.CLUSTER_PUBLIC_HOST);
    return host.isEmpty() ? config.get(Setting.CLUSTER_HOST) : host;
  }

  public Vertx vertx() {
    return vertx;
  }

  public HazelcastClusterManager clusterManager() {
    return clusterManager;
  }
}
