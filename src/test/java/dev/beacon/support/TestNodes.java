package dev.beacon.support;

import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts real Beacon nodes on free loopback ports with short, test-friendly timings. */
public final class TestNodes {

  private TestNodes() {
  }

  /** A service name no other test uses, so tests can share one node. */
  public static String uniqueService(String prefix) {
    return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A free HTTP port whose gRPC port (+1000, where nacos-client 2.x looks) is free too; ports from the kernel's
   * ephemeral range, so both stay below 65536.
   */
  public static int freeHttpPort() {
    for (int attempt = 0; ; attempt++) {
      int port = freePort();
      try (ServerSocket s = new ServerSocket(port + 1000, 1, java.net.InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException e) {
        if (attempt > 20) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** A standalone config on free ports with a fresh data dir; {@code overrides} win. */
  public static BeaconConfig standaloneConfig(Map<Setting, ?> overrides) {
    Map<Setting, Object> values = new EnumMap<>(Setting.class);
    values.put(Setting.PORT, freeHttpPort());
    values.put(Setting.RAFT_PORT, freePort());
    values.put(Setting.HTTP_VERTICLES, 2);
    try {
      values.put(Setting.DATA_DIR, Files.createTempDirectory("beacon-test").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    values.putAll(overrides);
    return BeaconConfig.defaults().with(values);
  }

  /** Starts a node and waits until it reports ready (Raft leader known, data loaded). */
  public static Beacon start(BeaconConfig config) {
    Beacon node = startServing(config);
    Await.until("node " + config.nodeId() + " ready", java.time.Duration.ofSeconds(60),
        () -> node.node().status().ready());
    return node;
  }

  /** Starts a node and returns once it serves HTTP, ready or not. */
  public static Beacon startServing(BeaconConfig config) {
    try {
      return Beacon.start(config).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("node did not start: " + e, e);
    }
  }

  public static void stop(Beacon node) {
    if (node != null) {
      try {
        node.close().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("node did not stop: " + e, e);
      }
    }
  }
}
