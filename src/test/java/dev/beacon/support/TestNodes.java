package dev.beacon.support;

import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Starts real Beacon nodes on free loopback ports with short, test-friendly timings. */
public final class TestNodes {

  private TestNodes() {
  }

  /** A service name no other test uses, so tests can share one node. */
  public static String uniqueService(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Ports handed out in this JVM, never handed out twice (a node may not have bound its port yet). */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
  /** Below the kernel's ephemeral range (32768+), so no outgoing connection takes a port between pick and bind. */
  private static final int LOWEST_PORT = 20000;
  private static final int HIGHEST_PORT = 31000;

  /** A free loopback port; {@code + 1000} stays below the ephemeral range too (see {@link #freeHttpPort}). */
  public static int freePort() {
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, HIGHEST_PORT);
      if (HANDED_OUT.add(port) && bindable(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + LOWEST_PORT + ".." + HIGHEST_PORT);
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A free HTTP port whose gRPC port (+1000, where nacos-client 2.x looks) is free too. */
  public static int freeHttpPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = freePort();
      if (HANDED_OUT.add(port + 1000) && bindable(port + 1000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free HTTP port with a free gRPC port");
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
    Await.until("node " + config.nodeId() + " ready", Await.START,
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
