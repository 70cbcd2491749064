package dev.beacon.ops;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.support.TestNodes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A start that fails part-way (here: the gRPC port is taken once Raft and the first verticles are up) fails its
 * future at once, with the cause, while the node cleans up behind it: before, the future was completed on the event
 * loops the clean-up had just closed, so the caller (and {@code main}) waited for its whole timeout.
 */
class StartFailureTest {

  @Test
  void aFailedStartFailsAtOnceWithItsCause() throws Exception {
    BeaconConfig config = TestNodes.standaloneConfig(Map.of());
    try (ServerSocket squatter = new ServerSocket(config.grpcPort(), 1, InetAddress.getByName("127.0.0.1"))) {
      long t0 = System.nanoTime();
      Exception e = assertThrows(Exception.class, () -> Beacon.start(config).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS));
      assertTrue(e instanceof ExecutionException, "failed, not timed out: " + e);
      assertTrue(String.valueOf(e.getCause()).contains("Address already in use")
          || String.valueOf(e.getCause()).contains("BindException"), String.valueOf(e.getCause()));
      assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30));
    }
    // The port is free again and a node starts on the same configuration: the failed one let go of everything.
    TestNodes.stop(TestNodes.start(config.with(Map.of(Setting.DATA_DIR, TestNodes.standaloneConfig(Map.of())
        .get(Setting.DATA_DIR)))));
  }
}
