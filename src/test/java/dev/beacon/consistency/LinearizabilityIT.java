package dev.beacon.consistency;

import static dev.beacon.support.Await.START;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.consistency.Faults.Mode;
import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.Names;
import dev.beacon.support.ProcessCluster;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
 * Issue 25's check, Jepsen-style: {@value #CLIENTS_DEFAULT} concurrent clients write, delete and read {@value #KEYS}
 * persistent instances through all three nodes of a {@link ProcessCluster} (ops to random nodes, every op recorded,
 * see {@link RegisterWorkload}), with no faults, with {@code kill -9} of a random node every period, and with a random
 * node cut off every period ({@link Faults}); then {@link RegisterChecker} checks the history as one register per
 * instance. Fails with the smallest window of ops that has no linearization, and counts the writes answered 503 that
 * took effect (0 allowed). Each run's whole history goes to {@code target/linearizability/}.
 *
 * <p>Short by default (CI); {@code scripts/linearizability.sh} runs the long form through the system properties
 * {@code lin.seconds} (load per run), {@code lin.period} (fault period), {@code lin.runs} (runs per mode),
 * {@code lin.clients}, {@code lin.seed} and {@code lin.nodes} (see {@link #targets}).
 */
@Tag("process")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinearizabilityIT {

  static final int CLIENTS_DEFAULT = 8;
  static final int KEYS = 5;
  static final Duration LOAD = Duration.ofSeconds(Long.getLong("lin.seconds", 20));
  static final Duration PERIOD = Duration.ofSeconds(Long.getLong("lin.period", 7));
  static final int RUNS = Integer.getInteger("lin.runs", 1);
  static final int CLIENTS = Integer.getInteger("lin.clients", CLIENTS_DEFAULT);
  /** Per client: the load is bounded by time, and by this count should the server answer instantly. */
  static final int MAX_OPS = 50_000;
  /**
   * After the load, before the last reads through every node: long enough for a write that the server answered 503
   * but that its Raft client kept retrying to commit (the issue saw one 1.3 s after a heal).
   */
  static final Duration SETTLE = Duration.ofSeconds(3);
  static final Map<String, String> SETTINGS = Map.of(
      "BEACON_CLUSTER_HEARTBEAT", "1",
      "BEACON_CLUSTER_MEMBER_TIMEOUT", "4",
      "BEACON_CLUSTER_MERGE_PERIOD", "1",
      "BEACON_DISTRO_HELLO_PERIOD", "300",
      "BEACON_RAFT_REQUEST_TIMEOUT", "2000");

  private static ProcessCluster cluster;

  @BeforeAll
  static void startCluster() {
    Assumptions.assumeTrue(ProcessCluster.supported(), "needs root, iptables and setpriv");
    cluster = new ProcessCluster(SETTINGS);
    cluster.startAll();
    cluster.awaitFormed(START);
    String warmUp = Names.unique("lin-warm-up");
    for (int node = 1; node <= ProcessCluster.NODES; node++) {
      int n = node;
      Await.until("a persistent write through node " + n + " commits", START, () -> cluster.call(n, HttpMethod.POST,
          "/v1/ns/instance", Map.of("serviceName", warmUp, "ip", "127.0.0.9", "port", 9000 + n, "ephemeral", "false"))
          .status() == 200);
    }
  }

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
  void withoutFaultsEveryHistoryIsLinearizable() throws Exception {
    runs(Mode.NONE);
  }

  @Test
  @Order(2)
  void withANodeKilledAndRestartedEveryPeriodEveryHistoryIsLinearizable() throws Exception {
    runs(Mode.KILL);
  }

  @Test
  @Order(3)
  void withANodeCutOffEveryPeriodEveryHistoryIsLinearizable() throws Exception {
    runs(Mode.PARTITION);
  }

  private static void runs(Mode mode) throws Exception {
    List<String> failures = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      String failure = run(mode, run);
      if (failure != null) {
        failures.add(failure);
      }
    }
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** One run: load and faults, last reads, the check; returns the report when the history is not linearizable. */
  private static String run(Mode mode, int run) throws Exception {
    long seed = Long.getLong("lin.seed", System.nanoTime());
    String label = mode.name().toLowerCase() + "-" + run;
    String service = Names.unique("lin-" + label);
    int[] targets = targets();
    RegisterWorkload load = new RegisterWorkload(ProcessCluster::host, cluster.httpPort(), targets, service, KEYS,
        7000 + run);
    long start = System.nanoTime();
    Faults faults = new Faults(cluster, load, mode, PERIOD, seed, start);
    Thread schedule = faults.startUntil(start + LOAD.toNanos());
    load.run(CLIENTS, LOAD, MAX_OPS, seed);
    schedule.join(START.toMillis());
    faults.check();
    assertFalse(schedule.isAlive(), "the fault schedule did not end: " + faults.log());
    cluster.heal();
    Await.pause(SETTLE);
    for (int node = 1; node <= ProcessCluster.NODES; node++) {
      int n = node;
      Await.until("a last read through node " + n, START, () -> load.read("last", n));
    }
    List<Op> history = load.history();
    long checking = System.nanoTime();
    Verdict verdict = RegisterChecker.check(history);
    long checked = Duration.ofNanos(System.nanoTime() - checking).toMillis();
    Path file = save(label, history, start);
    String head = "LinearizabilityIT " + label + " (seed " + seed + ", " + LOAD.toSeconds() + " s, period "
        + PERIOD.toSeconds() + " s, ops to nodes " + Arrays.toString(targets) + "): " + counts(history) + "\n  " + verdict.summary() + "; "
        + verdict.staleReads().stream().filter(o -> o.client().equals(Faults.PROBE_CLIENT)).count()
        + " of them through a node just restarted (checked in " + checked + " ms)\n  history: " + file
        + "\n  faults:\n" + faults.log().stream().map(l -> "    " + l + "\n").collect(Collectors.joining());
    String report = verdict.linearizable() ? null : head + verdict.details(start);
    System.out.println(report == null ? head : report);
    return report;
  }

  /**
   * The nodes the clients' ops go to: all, unless {@code lin.nodes} names some ("1,2") or says {@code leader} (the
   * Raft leader as node 1 sees it now: to tell whether Raft itself or what the other nodes serve breaks the promise).
   */
  private static int[] targets() {
    String nodes = System.getProperty("lin.nodes", "");
    if (nodes.isBlank()) {
      return IntStream.rangeClosed(1, ProcessCluster.NODES).toArray();
    }
    if (nodes.equals("leader")) {
      return new int[] {Await.value("a Raft leader", START, LinearizabilityIT::leader, i -> i > 0)};
    }
    return Arrays.stream(nodes.split(",")).mapToInt(n -> Integer.parseInt(n.strip())).toArray();
  }

  /** The index of the node that node 1 sees as Raft leader, or -1. */
  private static int leader() {
    NacosHttp.Response r = cluster.get(1, "/v1/ns/raft/leader", Map.of());
    if (r.status() != 200 || r.json().getString("leader") == null) {
      return -1;
    }
    String id = new JsonObject(r.json().getString("leader")).getString("ip");
    return IntStream.rangeClosed(1, ProcessCluster.NODES).filter(i -> cluster.nodeId(i).equals(id)).findFirst()
        .orElse(-1);
  }

  /** Ops by kind and outcome, as "WRITE OK 123, ...". */
  private static String counts(List<Op> history) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Op op : history) {
      counts.merge(op.kind() + " " + op.outcome(), 1, Integer::sum);
    }
    return history.size() + " ops " + counts;
  }

  /** The whole history, in invoke order, for a look after a failure. */
  private static Path save(String label, List<Op> history, long start) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "linearizability"));
      Path file = dir.resolve(label + ".txt");
      Files.write(file, history.stream().sorted(Comparator.comparingLong(Op::invoke))
          .map(o -> o.key() + "  " + o.describe(start)).toList());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
