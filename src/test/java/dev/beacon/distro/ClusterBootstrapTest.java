package dev.beacon.distro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import dev.beacon.config.BeaconConfig;
import io.vertx.core.eventbus.EventBusOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cluster node's connections follow the cluster timings, so that a connection or connect attempt a partition cut
 * does not outlive it by TCP's backed-off retries.
 */
class ClusterBootstrapTest {

  @Test
  void eventBusConnectionsFollowTheClusterTimings() {
    BeaconConfig config = BeaconConfig.load(Map.of("BEACON_CLUSTER_HEARTBEAT", "2", "BEACON_CLUSTER_MEMBER_TIMEOUT",
        "7", "BEACON_CLUSTER_HOST", "127.0.0.5", "BEACON_EVENT_BUS_PORT", "17001"), new String[0]);
    EventBusOptions options = ClusterBootstrap.eventBusOptions(config);
    assertEquals(2000, options.getClusterPingInterval());
    assertEquals(7000, options.getClusterPingReplyInterval());
    assertEquals(2000, options.getConnectTimeout());
    assertEquals("127.0.0.5", options.getHost());
    assertEquals(17001, options.getPort());
  }

  @Test
  void defaultsReplaceVertxFortySecondsWithTheMemberTimeout() {
    EventBusOptions options = ClusterBootstrap.eventBusOptions(BeaconConfig.defaults());
    assertEquals(5000, options.getClusterPingInterval());
    assertEquals(30_000, options.getClusterPingReplyInterval());
  }

  @Test
  void hazelcastTakesTheClusterTimings() throws Exception {
    BeaconConfig config = BeaconConfig.load(Map.of("BEACON_CLUSTER_HEARTBEAT", "2", "BEACON_CLUSTER_MEMBER_TIMEOUT",
        "7", "BEACON_CLUSTER_MERGE_PERIOD", "3", "BEACON_CLUSTER_MEMBERS", "127.0.0.1:5701"), new String[0]);
    Config hazelcast = ClusterBootstrap.hazelcastConfig(config);
    assertEquals("2", hazelcast.getProperty("hazelcast.heartbeat.interval.seconds"));
    assertEquals("7", hazelcast.getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertEquals("3", hazelcast.getProperty("hazelcast.merge.next.run.delay.seconds"));
  }
}
