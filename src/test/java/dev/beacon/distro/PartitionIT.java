package dev.beacon.distro;

import static dev.beacon.support.Await.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.support.Await;
import dev.beacon.support.ClientFleet;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.ProcessCluster;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real network partitions between three server processes (iptables drops between the nodes' users, see
 * {@link ProcessCluster}), with real nacos-client applications beating through every node the whole time. During a
 * split the majority serves everything, the minority serves reads and its own clients' ephemeral writes and refuses
 * persistent writes within the Raft request timeout; after the heal every node lists exactly what is registered
 * within {@link #HEAL} and persistent writes commit through every node. Timings are scaled down (Hazelcast drops a
 * member after 4 s, instances are removed after 6 s without a beat), so a 12 s split covers a whole life cycle.
 * One cluster for the class; each test uses services of its own and leaves the network healed.
 */
@Tag("process")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartitionIT {

  static final Duration HEAL = Duration.ofSeconds(10);
  static final Duration SPLIT = Duration.ofSeconds(12);
  /**
   * How long a node may take to list persistent writes once they committed (a majority has them). A follower that a
   * split cut off is reached again within about a second of the heal (gRPC transport, and the leader gives a silent
   * follower a fresh connection every 2 s, see RaftNode); its catch-up is then milliseconds.
   */
  static final Duration RAFT_CATCH_UP = Duration.ofSeconds(5);
  static final long RAFT_TIMEOUT_MS = 2000;
  static final Map<String, String> SETTINGS = Map.ofEntries(
      Map.entry("BEACON_CLUSTER_HEARTBEAT", "1"),
      Map.entry("BEACON_CLUSTER_MEMBER_TIMEOUT", "4"),
      Map.entry("BEACON_CLUSTER_MERGE_PERIOD", "1"),
      Map.entry("BEACON_DISTRO_HELLO_PERIOD", "300"),
      Map.entry("BEACON_DISTRO_MEMBER_TIMEOUT", "2000"),
      Map.entry("BEACON_DISTRO_VERIFY_PERIOD", "1000"),
      Map.entry("BEACON_BEAT_INTERVAL", "1000"),
      Map.entry("BEACON_BEAT_TIMEOUT", "3000"),
      Map.entry("BEACON_DELETE_TIMEOUT", "6000"),
      Map.entry("BEACON_EXPIRY_CHECK_PERIOD", "500"),
      Map.entry("BEACON_HEALTH_CHECK_PERIOD", "1000"),
      Map.entry("BEACON_HEALTH_CHECK_TIMEOUT", "500"),
      Map.entry("BEACON_RAFT_REQUEST_TIMEOUT", String.valueOf(RAFT_TIMEOUT_MS)));

  private static ProcessCluster cluster;
  /** When the network was last healed (System.nanoTime), for reporting how long Raft followers took to catch up. */
  private static volatile long healedAt;

  @BeforeAll
  static void startCluster() {
    Assumptions.assumeTrue(ProcessCluster.supported(), "needs root, iptables and setpriv");
    cluster = new ProcessCluster(SETTINGS);
    cluster.startAll();
    cluster.awaitFormed(START);
  }

  /** A failed test must not leave the network cut for the next one. */
  @AfterEach
  void healNetwork() {
    if (cluster != null) {
      cluster.heal();
    }
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void majorityServesEverythingMinorityItsOwnClientsAndTheyHeal() throws Exception {
    try (ClientFleet fleet = fleet()) {
      String service = fleet.services().get(0);
      String persistent = "persistent-" + UUID.randomUUID();
      cluster.partition(new int[] {1, 2}, new int[] {3});
      long split = System.nanoTime();
      awaitSplit(new int[] {1, 2}, new int[] {3});

      String majorityNew = fleet.register(1, service);
      String minorityNew = fleet.register(3, service);
      fleet.deregisterOne(2, service);
      fleet.deregisterOne(3, service);
      Await.until("the majority lists its new instance", START,
          () -> contains(1, service, majorityNew) && contains(2, service, majorityNew));
      Await.until("the minority lists its own client's new instance", START, () -> contains(3, service, minorityNew));
      // If node 3 led the Raft group, the majority first elects a new leader (a few election timeouts).
      Await.until("a persistent write on the majority commits", START,
          () -> persistentRegister(2, persistent, 1).status() == 200);
      assertMinorityRefusesPersistentWrites(3, persistent);

      healAfterRest(fleet, split, "2|1", persistent);
    }
  }

  @Test
  @Order(2)
  void everyNodeAloneHeals() throws Exception {
    try (ClientFleet fleet = fleet()) {
      String persistent = "persistent-" + UUID.randomUUID();
      cluster.partition(new int[] {1}, new int[] {2}, new int[] {3});
      long split = System.nanoTime();
      awaitSplit(new int[] {1}, new int[] {2}, new int[] {3});
      String service = fleet.services().get(1);
      for (int home = 1; home <= ProcessCluster.NODES; home++) {
        String added = fleet.register(home, service);
        int node = home;
        Await.until("node " + home + " lists its own client's instance", START, () -> contains(node, service, added));
        assertMinorityRefusesPersistentWrites(home, persistent);
      }
      healAfterRest(fleet, split, "1|1|1", persistent);
    }
  }

  @Test
  @Order(3)
  void flappingNodeHeals() throws Exception {
    try (ClientFleet fleet = fleet()) {
      String persistent = "persistent-" + UUID.randomUUID();
      long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      int round = 0;
      while (System.nanoTime() < end) {
        cluster.partition(new int[] {1, 2}, new int[] {3});
        fleet.register(1 + round % 3, fleet.services().get(round % fleet.services().size()));
        Await.pause(Duration.ofSeconds(5));
        healNow();
        Await.pause(Duration.ofSeconds(5));
        round++;
      }
      long healTime = awaitConverged(fleet);
      System.out.println("PartitionIT flapping: converged " + healTime + " ms after the last heal");
      assertPersistentWritesCommitEverywhere(persistent);
    }
  }

  @Test
  @Order(4)
  void asymmetricLossLeavesNoDivergence() throws Exception {
    try (ClientFleet fleet = fleet()) {
      String persistent = "persistent-" + UUID.randomUUID();
      cluster.deafen(3);
      long split = System.nanoTime();
      String service = fleet.services().get(2);
      fleet.register(3, service);
      fleet.register(1, service);
      healAfterRest(fleet, split, "asymmetric", persistent);
    }
  }

  /**
   * The sequence that left Raft refusing every write: a partition healed, persistent writes, then {@code kill -9} of
   * all three and a restart on the same data; twice. Within {@link #HEAL} of the cluster being UP again, persistent
   * writes through every node commit and a health-check result (an instance's port closing, then opening) is
   * recorded and seen on every node.
   */
  @Test
  @Order(5)
  void fullCrashAfterAPartitionLeavesRaftWritable() throws Exception {
    try (ClientFleet fleet = fleet(); ServerSocket up = listening(0); ServerSocket checked = listening(0)) {
      String service = "crash-" + UUID.randomUUID();
      cluster.partition(new int[] {1, 2}, new int[] {3});
      long split = System.nanoTime();
      awaitSplit(new int[] {1, 2}, new int[] {3});
      awaitRest(split);
      heal(fleet);
      for (int n = 1; n <= 10; n++) {
        assertEquals(200, persistentRegister(1, service, n).status());
      }
      // One instance that stays healthy: with none healthy, Nacos' protect threshold (0) lists every one as healthy.
      String steady = checkedInstance(service, up.getLocalPort());
      String flipping = checkedInstance(service, checked.getLocalPort());
      awaitHealthEverywhere(service, steady, true);
      awaitHealthEverywhere(service, flipping, true);

      ServerSocket listener = checked;
      for (int crash = 1; crash <= 2; crash++) {
        cluster.killAll();
        cluster.startAll();
        cluster.awaitFormed(START);
        long ready = System.nanoTime();
        assertPersistentWritesCommitEverywhere("crash-" + crash + "-" + service);
        boolean healthy = crash != 1; // the port closes after the first crash and opens again after the second
        if (healthy) {
          listener = listening(checked.getLocalPort());
        } else {
          listener.close();
        }
        awaitHealthEverywhere(service, flipping, healthy);
        System.out.println("PartitionIT full crash " + crash + ": writes and health results committed "
            + Duration.ofNanos(System.nanoTime() - ready).toMillis() + " ms after UP");
        for (int node = 1; node <= ProcessCluster.NODES; node++) {
          assertEquals(12, cluster.instances(node, service).size(), "node " + node + " kept every instance");
        }
      }
      listener.close();
    }
  }

  private static ServerSocket listening(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress("127.0.0.1", port));
    return socket;
  }

  /** A persistent instance on 127.0.0.1:{@code port}, TCP-checked by its responsible node; returns "ip:port". */
  private static String checkedInstance(String service, int port) {
    assertEquals(200, cluster.call(1, HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service,
        "ip", "127.0.0.1", "port", port, "ephemeral", "false")).status());
    return "127.0.0.1:" + port;
  }

  // ---------------------------------------------------------------------------------------------------------------

  /** Every node lists {@code address} of {@code service} with the health the responsible node's check recorded. */
  static void awaitHealthEverywhere(String service, String address, boolean healthy) {
    for (int node = 1; node <= ProcessCluster.NODES; node++) {
      int n = node;
      try {
        Await.until("node " + n + " lists " + address + " as " + (healthy ? "healthy" : "unhealthy"), HEAL,
            () -> Boolean.valueOf(healthy).equals(cluster.healthOf(n, service, address)));
      } catch (AssertionError e) {
        StringBuilder why = new StringBuilder(e.getMessage());
        for (int k = 1; k <= ProcessCluster.NODES; k++) {
          why.append("\nnode ").append(k).append(": ")
              .append(cluster.get(k, "/v1/ns/instance/list", Map.of("serviceName", service)).body());
        }
        throw new AssertionError(why.toString(), e);
      }
    }
  }

  static ClientFleet fleet() throws Exception {
    ClientFleet fleet = new ClientFleet(cluster, 6, 3);
    awaitConverged(fleet, START);
    return fleet;
  }

  /**
   * Keeps the split for {@link #SPLIT}, heals it, reports how long until every node lists exactly what is registered
   * (at most {@link #HEAL}), then requires persistent writes of {@code persistent} to commit through every node.
   */
  static void healAfterRest(ClientFleet fleet, long splitNanos, String label, String persistent) {
    awaitRest(splitNanos);
    System.out.println("PartitionIT " + label + ": healed in " + heal(fleet) + " ms");
    assertPersistentWritesCommitEverywhere(persistent);
  }

  /** Heals the network; returns how long until every node lists exactly what is registered, at most {@link #HEAL}. */
  static long heal(ClientFleet fleet) {
    healNow();
    return awaitConverged(fleet);
  }

  static void healNow() {
    cluster.heal();
    healedAt = System.nanoTime();
  }

  static long awaitConverged(ClientFleet fleet) {
    return awaitConverged(fleet, HEAL);
  }

  static long awaitConverged(ClientFleet fleet, Duration timeout) {
    long start = System.nanoTime();
    Map<String, Set<String>>[] last = lastListings();
    try {
      Await.until("every node lists exactly the registered instances", timeout, () -> {
        Map<String, Set<String>> expected = fleet.expected();
        boolean all = true;
        for (int i = 1; i <= ProcessCluster.NODES; i++) {
          last[i] = fleet.listed(i);
          all &= expected.equals(last[i]);
        }
        return all;
      });
    } catch (AssertionError e) {
      StringBuilder why = new StringBuilder(e.getMessage()).append("\nexpected ").append(fleet.expected());
      for (int i = 1; i <= ProcessCluster.NODES; i++) {
        why.append("\nnode ").append(i).append(" lists ").append(last[i]);
      }
      for (int i = 1; i <= ProcessCluster.NODES; i++) {
        why.append("\nnode ").append(i).append(" distro log:\n").append(distroLog(i));
      }
      throw new AssertionError(why.toString(), e);
    }
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  /** The last membership, verification, forwarding and Hazelcast merge lines node {@code i} logged. */
  private static String distroLog(int i) {
    List<String> lines = cluster.log(i).lines()
        .filter(l -> l.contains("dev.beacon.distro") || l.contains("Merge") || l.contains("pong")).toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Set<String>>[] lastListings() {
    return new Map[ProcessCluster.NODES + 1];
  }

  /** Waits until every node sees exactly the servers of its own group. */
  static void awaitSplit(int[]... groups) {
    for (int[] group : groups) {
      for (int n : group) {
        Await.until("node " + n + " counts " + group.length + " server(s)", START,
            () -> cluster.servers(n) == group.length);
      }
    }
  }

  /** Keeps the split until {@link #SPLIT} after it began: long enough for instances to expire on the other side. */
  static void awaitRest(long splitNanos) {
    long left = SPLIT.toNanos() - (System.nanoTime() - splitNanos);
    if (left > 0) {
      Await.pause(Duration.ofNanos(left));
    }
  }

  static boolean contains(int node, String service, String address) {
    Set<String> hosts = cluster.instances(node, service);
    return hosts != null && hosts.contains(address);
  }

  static NacosHttp.Response persistentRegister(int node, String service, int n) {
    return cluster.call(node, HttpMethod.POST, "/v1/ns/instance", Map.of("serviceName", service,
        "ip", "127.0.9." + n, "port", 9000 + n, "ephemeral", "false"));
  }

  /**
   * A node without a Raft majority answers a persistent write 503: after the request timeout and a read barrier that
   * finds no majority either (so it cannot have taken effect), twice the request timeout and a margin at most.
   */
  static void assertMinorityRefusesPersistentWrites(int node, String service) {
    long start = System.nanoTime();
    NacosHttp.Response r = persistentRegister(node, service, 100 + node);
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertEquals(503, r.status(), "node " + node + ": " + r.body());
    assertTrue(ms < 2 * RAFT_TIMEOUT_MS + 2500, "answered after " + ms + " ms");
    assertTrue(r.body().contains("Raft"), r.body());
  }

  /**
   * After the heal a persistent write through every node commits within {@link #HEAL}, and every node lists them
   * within {@link #RAFT_CATCH_UP}.
   */
  static void assertPersistentWritesCommitEverywhere(String service) {
    Set<String> expected = new TreeSet<>();
    for (int node = 1; node <= ProcessCluster.NODES; node++) {
      int n = node;
      Await.until("a persistent write through node " + n + " commits", HEAL,
          () -> persistentRegister(n, service, n).status() == 200);
      expected.add("127.0.9." + n + ":" + (9000 + n));
    }
    long committed = System.nanoTime();
    Map<Integer, Set<String>> seen = new TreeMap<>();
    StringBuilder report = new StringBuilder("PartitionIT persistent writes of " + service + " listed");
    for (int node = 1; node <= ProcessCluster.NODES; node++) {
      int n = node;
      try {
        Await.until("node " + n + " lists the persistent instances " + expected, RAFT_CATCH_UP, () -> {
          Set<String> hosts = cluster.instances(n, service);
          seen.put(n, hosts);
          return hosts != null && hosts.containsAll(expected);
        });
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; it lists " + seen.get(n), e);
      }
      long now = System.nanoTime();
      report.append(" | node ").append(n).append(": ").append(Duration.ofNanos(now - committed).toMillis())
          .append(" ms after the last commit, ").append(Duration.ofNanos(now - healedAt).toMillis())
          .append(" ms after the last heal");
    }
    System.out.println(report);
  }
}
