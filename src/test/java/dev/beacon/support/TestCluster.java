package dev.beacon.support;

import dev.beacon.Beacon;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Several clustered Beacon nodes in this JVM, each with its own Hazelcast instance, ports and event bus on loopback,
 * with short Distro and Hazelcast timings. Nodes are started in parallel; {@link #add} starts one more that joins.
 */
public final class TestCluster implements AutoCloseable {

  /** Test timings: hello 200 ms, member timeout 2 s, verify 500 ms, delta 5 ms, fast Hazelcast join and failure detection. */
  public static Map<Setting, Object> timings() {
    Map<Setting, Object> t = new EnumMap<>(Setting.class);
    t.put(Setting.DISTRO_HELLO_PERIOD, 200);
    t.put(Setting.DISTRO_MEMBER_TIMEOUT, 2000);
    t.put(Setting.DISTRO_VERIFY_PERIOD, 500);
    t.put(Setting.DISTRO_DELTA_DELAY, 5);
    t.put(Setting.DISTRO_FORWARD_TIMEOUT, 1000);
    t.put(Setting.CLUSTER_JOIN_WAIT, 0);
    t.put(Setting.CLUSTER_HEARTBEAT, 1);
    t.put(Setting.CLUSTER_MEMBER_TIMEOUT, 4);
    return t;
  }

  /** The servers' shared secret: every test cluster seals its internal messages, as a production one should. */
  public static final String CLUSTER_SECRET = "test-cluster-secret-0123456789";

  private final Map<Setting, ?> overrides;
  private final List<Integer> hazelcastPorts = new ArrayList<>();
  private final List<Beacon> nodes = new ArrayList<>();
  private final List<BeaconConfig> configs = new ArrayList<>();
  private final String raftPeers;

  public TestCluster(int size, Map<Setting, ?> overrides) {
    this(size, overrides, false);
  }

  /**
   * {@code raftGroup}: the first {@code size} nodes form one Raft group (as {@code raft-peers} in production), so
   * persistent data is replicated by Raft; otherwise each node has a single-member group of its own.
   */
  public TestCluster(int size, Map<Setting, ?> overrides, boolean raftGroup) {
    this.overrides = overrides;
    for (int i = 0; i < size + 1; i++) {
      hazelcastPorts.add(TestNodes.freePort());
    }
    if (raftGroup) {
      List<String> peers = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        peers.add(config(i).nodeId() + "=127.0.0.1:" + config(i).get(Setting.RAFT_PORT));
      }
      raftPeers = String.join(",", peers);
    } else {
      raftPeers = null;
    }
    List<Future<Beacon>> starting = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      starting.add(Beacon.start(config(i)));
    }
    for (Future<Beacon> f : starting) {
      nodes.add(await(f));
    }
    awaitServers(size);
  }

  /** The config of the i-th node (fixed once made, so a restarted node keeps ports, id and data). */
  public BeaconConfig config(int i) {
    while (configs.size() <= i) {
      configs.add(newConfig(configs.size()));
    }
    BeaconConfig c = configs.get(i);
    return raftPeers == null || i >= raftPeers.split(",").length ? c : c.with(Map.of(Setting.RAFT_PEERS, raftPeers));
  }

  /** Starts node i again from its config and data (after {@link #stop} or {@link #kill}); waits until ready. */
  public Beacon restart(int i) {
    Beacon b = await(Beacon.start(config(i)));
    nodes.set(i, b);
    return b;
  }

  /**
   * Starts the given (stopped) nodes again at the same time from their configs and data, and waits until all are
   * ready: a Raft group that lost its majority can only become ready once enough members are back together.
   */
  public void restartTogether(int... indexes) {
    List<Future<Beacon>> starting = new ArrayList<>();
    for (int i : indexes) {
      starting.add(Beacon.start(config(i)));
    }
    for (int k = 0; k < indexes.length; k++) {
      nodes.set(indexes[k], await(starting.get(k)));
    }
    awaitServers(live().size());
  }

  private BeaconConfig newConfig(int i) {
    while (hazelcastPorts.size() <= i) {
      hazelcastPorts.add(TestNodes.freePort());
    }
    Map<Setting, Object> values = new EnumMap<>(Setting.class);
    values.putAll(timings());
    values.put(Setting.CLUSTER_MEMBERS, hazelcastPorts.stream().limit(Math.max(i + 1, 3))
        .map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    values.put(Setting.CLUSTER_HOST, "127.0.0.1");
    values.put(Setting.CLUSTER_PORT, hazelcastPorts.get(i));
    values.put(Setting.PORT, TestNodes.freeHttpPort());
    values.put(Setting.CLUSTER_SECRET, CLUSTER_SECRET);
    values.putAll(overrides);
    return TestNodes.standaloneConfig(values);
  }

  /** Starts one more node and waits until it is UP (synced) and every live node lists it. */
  public Beacon add() {
    Beacon b = await(Beacon.start(config(nodes.size())));
    nodes.add(b);
    awaitServers(live().size());
    return b;
  }

  public Future<Beacon> startAnother() {
    return Beacon.start(config(nodes.size()));
  }

  public void adopt(Beacon b) {
    nodes.add(b);
  }

  public Beacon node(int i) {
    return nodes.get(i);
  }

  public List<Beacon> live() {
    return nodes.stream().filter(b -> b != null).toList();
  }

  /** {@code 127.0.0.1:p1,127.0.0.1:p2,…} of the live nodes' HTTP APIs, as nacos-client's serverAddr. */
  public String serverAddr() {
    return live().stream().map(b -> "127.0.0.1:" + b.node().config().port()).collect(Collectors.joining(","));
  }

  /** Graceful stop of node i. */
  public void stop(int i) {
    TestNodes.stop(nodes.get(i));
    nodes.set(i, null);
  }

  /** Node i's Hazelcast dies without a goodbye; once the others dropped it, its Vert.x is closed too. */
  public void kill(int i) {
    Beacon b = nodes.get(i);
    nodes.set(i, null);
    b.distro().bootstrap().clusterManager().getHazelcastInstance().getLifecycleService().terminate();
    // The survivors must notice on their own (Hazelcast member removal, hello timeout) before the rest of the node
    // goes; closing it earlier would let its goodbye reach them.
    awaitServers(live().size());
    try {
      b.vertx().close().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // expected: the cluster manager is already gone
    }
  }

  public void awaitServers(int count) {
    for (Beacon b : live()) {
      Await.until(b.node().config().nodeId() + " lists " + count + " servers", Await.START,
          () -> b.node().cluster().servers().size() == count);
    }
  }

  /** Waits until the node serves and reports ready (synced, Raft leader known). */
  private static Beacon await(Future<Beacon> f) {
    Beacon b;
    try {
      b = f.await(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("node did not start: " + e, e);
    }
    Await.until(b.node().config().nodeId() + " ready", Await.START, () -> b.node().status().ready());
    return b;
  }

  @Override
  public void close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (Beacon b : live()) {
      closing.add(b.close());
    }
    for (Future<Void> f : closing) {
      try {
        f.await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // keep closing the others
      }
    }
    nodes.clear();
  }
}
