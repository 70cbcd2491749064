package dev.beacon.support;

import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Clustered {@code java -jar beacon.jar} processes, node <i>n</i> (1-based) on its own loopback address
 * {@code <prefix>n} (e.g. 127.0.0.21), all on the same ports, configured by BEACON_* variables only, as a user runs
 * them. {@link #kill} is {@code kill -9}. Unlike {@link ProcessCluster} it needs no root: nothing is cut, only killed.
 */
public final class ServerJvms implements AutoCloseable {

  private final String prefix;
  private final int nodes;
  private final Map<String, String> settings;
  private final Path dir;
  private final int http;
  private final int hazelcast;
  private final int bus;
  private final Process[] processes;

  /** {@code prefix} + n is node n's address; {@code settings}: BEACON_* variables for every node. */
  public ServerJvms(String prefix, int nodes, Map<String, String> settings) {
    this.prefix = prefix;
    this.nodes = nodes;
    this.settings = settings;
    this.processes = new Process[nodes + 1];
    try {
      dir = Files.createTempDirectory("beacon-server-jvms");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Integer> taken = new ArrayList<>();
    http = freePort(taken);
    hazelcast = freePort(taken);
    bus = freePort(taken);
  }

  public String host(int i) {
    return prefix + i;
  }

  public int httpPort() {
    return http;
  }

  /** The servers' Hazelcast addresses, what applications join: {@code host:port,…}. */
  public String members() {
    return IntStream.rangeClosed(1, nodes).mapToObj(n -> host(n) + ":" + hazelcast).collect(Collectors.joining(","));
  }

  public String nodeId(int i) {
    return host(i) + ":" + http;
  }

  public void start(int i) {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-jar", Path.of(System.getProperty("beacon.jar", "target/beacon.jar")).toAbsolutePath().toString());
    Path data = dir.resolve("node" + i);
    Map<String, String> env = pb.environment();
    env.put("BEACON_HOST", host(i));
    env.put("BEACON_PORT", String.valueOf(http));
    env.put("BEACON_DATA_DIR", data.toString());
    env.put("BEACON_RAFT_PORT", String.valueOf(http + 1));
    env.put("BEACON_CLUSTER_HOST", host(i));
    env.put("BEACON_CLUSTER_PORT", String.valueOf(hazelcast));
    env.put("BEACON_EVENT_BUS_PORT", String.valueOf(bus));
    env.put("BEACON_CLUSTER_MEMBERS", members());
    env.put("BEACON_HTTP_VERTICLES", "1");
    env.put("BEACON_CLUSTER_JOIN_WAIT", "0");
    env.putAll(settings);
    pb.directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("node" + i + ".log").toFile());
    try {
      processes[i] = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts every node and returns once each answers /ready and lists all of them. */
  public void startAll(Duration timeout) {
    for (int i = 1; i <= nodes; i++) {
      start(i);
    }
    for (int i = 1; i <= nodes; i++) {
      int n = i;
      Await.until("node " + n + " ready", timeout, () -> NacosHttp.probe(host(n), http, "/ready") == 200);
    }
    for (int i = 1; i <= nodes; i++) {
      int n = i;
      Await.until("node " + n + " lists " + nodes + " servers", timeout, () -> servers(n) == nodes);
    }
  }

  /** How many servers node {@code i} lists, -1 when it does not answer. */
  public int servers(int i) {
    try {
      NacosHttp.Response r = NacosHttp.call(host(i), http, HttpMethod.GET,
          "/v1/ns/operator/servers", Map.of());
      return r.status() == 200 ? r.json().getJsonArray("servers").size() : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** kill -9 of node {@code i}; returns once the process is gone. */
  public void kill(int i) {
    Process p = processes[i];
    if (p != null) {
      p.destroyForcibly();
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      processes[i] = null;
    }
  }

  public String log(int i) {
    try {
      return Files.readString(dir.resolve("node" + i + ".log"));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    for (int i = 1; i <= nodes; i++) {
      kill(i);
    }
  }

  /** A port free on every node address (and the next one, for Raft). */
  private int freePort(List<Integer> taken) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      if (!taken.contains(port) && !taken.contains(port + 1) && !taken.contains(port - 1)
          && IntStream.rangeClosed(1, nodes).allMatch(n -> bindable(host(n), port) && bindable(host(n), port + 1))) {
        taken.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no port free on all node addresses");
  }

  static boolean bindable(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
