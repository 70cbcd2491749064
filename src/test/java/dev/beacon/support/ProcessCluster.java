package dev.beacon.support;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three {@code java -jar beacon.jar} processes, node <i>n</i> on its own loopback address {@code 127.0.0.1n} and
 * running as its own Unix user {@code beacon-noden}, with {@code raft-peers} set, so that the test can cut the
 * network between them as it fails in production: iptables rules in a chain of the test's own ({@value #CHAIN},
 * jumped to from OUTPUT) drop the packets a node's user sends to another node's address. The test's own requests
 * (as root) always get through, as a client's would on either side of a split. Needs root and iptables
 * ({@link #supported()}); {@code .ci/run} installs iptables, and CI runs as root.
 *
 * <p>Data directories survive {@link #kill} and {@link #start}, so a restart recovers from them.
 */
public final class ProcessCluster implements AutoCloseable {

  public static final int NODES = 3;
  static final String CHAIN = "BEACON_PARTITION";

  private final Map<String, String> settings;
  private final Path dir;
  private final int http;
  private final int hazelcast;
  private final int bus;
  private final int raft;
  private final Process[] processes = new Process[NODES + 1];
  private final int[] starts = new int[NODES + 1];

  /** Where this machine can run it: as root, with iptables and setpriv. */
  public static boolean supported() {
    return "root".equals(System.getProperty("user.name")) && run(false, "iptables", "-L", "-n") == 0
        && run(false, "setpriv", "--version") == 0;
  }

  /** {@code settings}: BEACON_* variables for every node, on top of the cluster wiring and short timings. */
  public ProcessCluster(Map<String, String> settings) {
    this.settings = settings;
    try {
      // Under the temp dir, with its own copy of the jar: the nodes' users may not be able to enter the checkout.
      dir = Files.createTempDirectory("beacon-process-cluster");
      Files.copy(Path.of(System.getProperty("beacon.jar", "target/beacon.jar")), dir.resolve("beacon.jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int[] ports = freePorts(4);
    http = ports[0];
    hazelcast = ports[1];
    bus = ports[2];
    raft = ports[3];
    for (int i = 1; i <= NODES; i++) {
      String user = user(i);
      if (run(false, "id", "-u", user) != 0) {
        run(true, "useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user);
      }
      Path data = data(i);
      mkdirs(data);
      run(true, "chown", "-R", user + ":" + user, data.toString());
    }
    try { // the nodes' users must reach their directories below it, and read the jar
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(dir.resolve("beacon.jar"), PosixFilePermissions.fromString("rw-r--r--"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(false, "iptables", "-N", CHAIN);
    run(true, "iptables", "-F", CHAIN);
    if (run(false, "iptables", "-C", "OUTPUT", "-j", CHAIN) != 0) {
      run(true, "iptables", "-I", "OUTPUT", "-j", CHAIN);
    }
  }

  public static String host(int i) {
    return "127.0.0.1" + i;
  }

  public int httpPort() {
    return http;
  }

  public String nodeId(int i) {
    return host(i) + ":" + http;
  }

  private static String user(int i) {
    return "beacon-node" + i;
  }

  private Path data(int i) {
    return dir.resolve("node" + i);
  }

  private Path logFile(int i) {
    return dir.resolve("node" + i + "-" + starts[i] + ".log");
  }

  /** Starts node {@code i} (again, on its data directory) as its own user. */
  public void start(int i) {
    String jar = dir.resolve("beacon.jar").toString();
    List<String> command = List.of("setpriv", "--reuid=" + user(i), "--regid=" + user(i), "--clear-groups",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", jar);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", data(i).toString());
    env.put("BEACON_HOST", host(i));
    env.put("BEACON_PORT", String.valueOf(http));
    env.put("BEACON_DATA_DIR", data(i).toString());
    env.put("BEACON_CLUSTER_HOST", host(i));
    env.put("BEACON_CLUSTER_PORT", String.valueOf(hazelcast));
    env.put("BEACON_EVENT_BUS_PORT", String.valueOf(bus));
    env.put("BEACON_CLUSTER_MEMBERS", IntStream.rangeClosed(1, NODES).mapToObj(n -> host(n) + ":" + hazelcast)
        .collect(Collectors.joining(",")));
    env.put("BEACON_RAFT_PEERS", IntStream.rangeClosed(1, NODES).mapToObj(n -> nodeId(n) + "=" + host(n) + ":" + raft)
        .collect(Collectors.joining(",")));
    env.put("BEACON_HTTP_VERTICLES", "1");
    env.put("BEACON_CLUSTER_JOIN_WAIT", "0");
    env.put("BEACON_CLUSTER_SECRET", TestCluster.CLUSTER_SECRET);
    env.putAll(settings);
    starts[i]++;
    pb.redirectErrorStream(true).redirectOutput(logFile(i).toFile());
    try {
      processes[i] = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void startAll() {
    for (int i = 1; i <= NODES; i++) {
      start(i);
    }
  }

  /** Waits until every node answers {@code /ready} and lists all three servers. */
  public void awaitFormed(Duration timeout) {
    for (int i = 1; i <= NODES; i++) {
      int n = i;
      Await.until("node " + n + " ready", timeout, () -> NacosHttp.probe(host(n), http, "/ready") == 200);
    }
    for (int i = 1; i <= NODES; i++) {
      int n = i;
      Await.until("node " + n + " lists " + NODES + " servers", timeout, () -> servers(n) == NODES);
    }
  }

  /** How many servers node {@code i} counts, -1 when it does not answer. */
  public int servers(int i) {
    try {
      NacosHttp.Response r = get(i, "/v1/ns/operator/servers", Map.of());
      return r.status() == 200 ? r.json().getJsonArray("servers").size() : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  /** "ip:port" of every instance of {@code service} node {@code i} lists; null when it does not answer 200. */
  public Set<String> instances(int i, String service) {
    try {
      NacosHttp.Response r = get(i, "/v1/ns/instance/list", Map.of("serviceName", service));
      if (r.status() != 200) {
        return null;
      }
      Set<String> out = new TreeSet<>();
      for (Object h : r.hosts()) {
        JsonObject host = (JsonObject) h;
        out.add(host.getString("ip") + ":" + host.getInteger("port"));
      }
      return out;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The {@code healthy} flag node {@code i} lists for instance "ip:port" of {@code service}; null if not listed. */
  public Boolean healthOf(int i, String service, String address) {
    try {
      NacosHttp.Response r = get(i, "/v1/ns/instance/list", Map.of("serviceName", service));
      if (r.status() != 200) {
        return null;
      }
      for (Object h : r.hosts()) {
        JsonObject host = (JsonObject) h;
        if (address.equals(host.getString("ip") + ":" + host.getInteger("port"))) {
          return host.getBoolean("healthy");
        }
      }
      return null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** kill -9 of node {@code i}; returns once the process is gone. */
  public void kill(int i) {
    Process p = processes[i];
    if (p != null) {
      p.destroyForcibly();
      waitFor(p);
      processes[i] = null;
    }
  }

  public void killAll() {
    for (int i = 1; i <= NODES; i++) {
      kill(i);
    }
  }

  /**
   * Cuts the network between the groups (node indexes), both ways: each node reaches only the nodes of its own
   * group. Replaces any cut in place.
   */
  public void partition(int[]... groups) {
    heal();
    Map<Integer, Integer> groupOf = new HashMap<>();
    for (int g = 0; g < groups.length; g++) {
      for (int n : groups[g]) {
        groupOf.put(n, g);
      }
    }
    Set<Integer> cut = new TreeSet<>();
    for (int a = 1; a <= NODES; a++) {
      for (int b = 1; b <= NODES; b++) {
        if (a != b && !groupOf.getOrDefault(a, -a).equals(groupOf.getOrDefault(b, -b))) {
          drop(a, b);
          cut.add(b);
        }
      }
    }
    cut.forEach(this::dropOrphans);
  }

  /** Node {@code i} still sends to the others but receives nothing from them. */
  public void deafen(int i) {
    heal();
    for (int n = 1; n <= NODES; n++) {
      if (n != i) {
        drop(n, i);
      }
    }
    dropOrphans(i);
  }

  /**
   * Drops every packet node {@code from}'s user sends to node {@code to}'s address, and Hazelcast's between them by
   * address (it binds both ends to the nodes' addresses), so that a Hazelcast connection closed during the split does
   * not leak what the kernel still held for it.
   */
  private void drop(int from, int to) {
    run(true, "iptables", "-A", CHAIN, "-m", "owner", "--uid-owner", user(from), "-d", host(to), "-j", "DROP");
    run(true, "iptables", "-A", CHAIN, "-s", host(from), "-d", host(to), "-j", "DROP");
  }

  /**
   * A socket its process already closed has no owner, so the owner rules miss what the kernel still sends for it:
   * drops such packets to node {@code to}'s event-bus and Raft ports (where the peers connect from an unbound
   * address). Only a peer's closed connections send there: the test's own clients use the HTTP and gRPC ports.
   */
  private void dropOrphans(int to) {
    run(true, "iptables", "-A", CHAIN, "-d", host(to), "-p", "tcp", "-m", "multiport", "--dports", bus + "," + raft,
        "-m", "owner", "!", "--socket-exists", "-j", "DROP");
  }

  public void heal() {
    run(true, "iptables", "-F", CHAIN);
  }

  public NacosHttp.Response call(int i, HttpMethod method, String path, Map<String, ?> params) {
    return NacosHttp.call(host(i), http, method, path, params);
  }

  public NacosHttp.Response get(int i, String path, Map<String, ?> params) {
    return call(i, HttpMethod.GET, path, params);
  }

  /** Everything node {@code i} has logged since its last start. */
  public String log(int i) {
    try {
      return Files.readString(logFile(i));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    heal();
    run(false, "iptables", "-D", "OUTPUT", "-j", CHAIN);
    run(false, "iptables", "-X", CHAIN);
    killAll();
    try { // the logs stay for a look after a failure; the jar copy goes
      Files.deleteIfExists(dir.resolve("beacon.jar"));
    } catch (IOException e) {
      // left in the temp dir
    }
  }

  private static void waitFor(Process p) {
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("process " + p.pid() + " did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void mkdirs(Path p) {
    try {
      Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command to its end; with {@code check}, a non-zero exit fails the test with the command's output. */
  private static int run(boolean check, String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " hung");
      }
      if (check && p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
      }
      return p.exitValue();
    } catch (IOException e) {
      if (check) {
        throw new UncheckedIOException(e);
      }
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code count} ports free on all three node addresses. */
  private static int[] freePorts(int count) {
    int[] ports = new int[count];
    List<Integer> taken = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      ports[k] = freePort(taken);
      taken.add(ports[k]);
    }
    return ports;
  }

  private static int freePort(List<Integer> taken) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      if (!taken.contains(port) && IntStream.rangeClosed(1, NODES).allMatch(n -> bindable(host(n), port))) {
        return port;
      }
    }
    throw new IllegalStateException("no port free on all node addresses");
  }

  private static boolean bindable(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
