package dev.beacon.distro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beacon.config.BeaconConfig;
import io.vertx.core.eventbus.EventBusOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event bus takes its liveness from the Hazelcast settings, so a connection a partition cut does not outlive it. */
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
}
