package dev.beacon.raft;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beacon.support.Await;
import dev.beacon.support.TestNodes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real Ratis servers on loopback ports chosen at run time, in a temp dir. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RaftNodeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** RAFT_DEBUG=1 shows Ratis' own INFO logs (normally cut to WARNING by RaftNode). */
  private static final Logger RATIS_LOG = Logger.getLogger("org.apache.ratis");

  static {
    if (System.getenv("RAFT_DEBUG") != null) {
      RATIS_LOG.setLevel(Level.INFO);
      Logger root = Logger.getLogger("");
      ConsoleHandler h = new ConsoleHandler();
      h.setLevel(Level.ALL);
      root.addHandler(h);
    }
  }

  @TempDir
  Path dir;

  /** Every node started by a test, closed afterwards even if the test failed half-way. */
  private final List<RaftNode> started = new ArrayList<>();

  @AfterEach
  void closeAll() {
    started.forEach(RaftNode::close);
  }

  @Test
  void aTakenPortFailsTheStartInsteadOfExitingTheJvm() throws Exception {
    Map<String, String> peers = peers("n1");
    int port = Integer.parseInt(peers.get("n1").substring(peers.get("n1").lastIndexOf(':') + 1));
    try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThrows(Exception.class, () -> start("n1", peers, new KvApplier(), 1000));
    }
    RaftNode node = start("n1", peers, new KvApplier(), 1000); // the port is free again: this JVM still runs
    awaitReady(List.of(node));
  }

  @Test
  void singleNodeReplaysItsLogAfterRestart() throws Exception {
    Map<String, String> peers = peers("n1");
    KvApplier kv = new KvApplier();
    RaftNode node = start("n1", peers, kv, 1000);
    awaitReady(List.of(node));
    assertTrue(node.isLeader());
    assertEquals("-", text(node.submit(KvApplier.put("a", "1")).get()));
    assertEquals("1", text(node.submit(KvApplier.put("a", "2")).get()));
    node.submit(KvApplier.put("b", "3")).get();
    assertTrue(node.lastAppliedIndex() >= 3 && node.commitIndex() >= node.lastAppliedIndex());
    node.close();

    KvApplier again = new KvApplier();
    RaftNode restarted = start("n1", peers, again, 1000);
    awaitReady(List.of(restarted));
    await(() -> Map.of("a", "2", "b", "3").equals(again.data), "state replayed from the log");
    assertEquals(0, again.restores.get(), "no snapshot was taken, so nothing to restore");
    assertEquals("2", text(restarted.submit(KvApplier.put("a", "4")).get()));
  }

  @Test
  void singleNodeRestoresFromSnapshotAfterRestart() throws Exception {
    Map<String, String> peers = peers("n1");
    KvApplier kv = new KvApplier();
    RaftNode node = start("n1", peers, kv, 3);
    awaitReady(List.of(node));
    for (int i = 0; i < 10; i++) {
      node.submit(KvApplier.put("k" + i, "v" + i)).get();
    }
    await(() -> kv.snapshots.get() > 0, "an automatic snapshot");
    node.close();
    try (Stream<Path> files = Files.walk(dir.resolve("n1"))) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")), "snapshot file");
    }

    KvApplier again = new KvApplier();
    RaftNode restarted = start("n1", peers, again, 3);
    awaitReady(List.of(restarted));
    await(() -> again.data.size() == 10, "state back");
    assertEquals(kv.data, again.data);
    assertEquals(1, again.restores.get(), "restored from the snapshot");
    assertTrue(again.applies.get() < 10, "only the tail after the snapshot is replayed: " + again.applies.get());
  }

  @Test
  void threeNodesReplicateThroughFollowerAndSurviveLeaderLoss() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 1000);

    RaftNode follower = nodes.values().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
    assertEquals("-", text(follower.submit(KvApplier.put("x", "1")).get()));
    await(() -> kvs.values().stream().allMatch(kv -> "1".equals(kv.data.get("x"))), "every node applied x");

    RaftNode leader = nodes.values().stream().filter(RaftNode::isLeader).findFirst().orElseThrow();
    String oldLeader = leader.nodeId();
    leader.close();
    RaftNode survivor = nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
    await(() -> survivor.leaderId().filter(id -> !id.equals(oldLeader)).isPresent(), "a new leader");
    assertEquals("1", text(survivor.submit(KvApplier.put("x", "2")).get()));
    await(() -> kvs.entrySet().stream().filter(e -> !e.getKey().equals(oldLeader))
        .allMatch(e -> "2".equals(e.getValue().data.get("x"))), "survivors applied x=2");
  }

  @Test
  void withoutMajoritySubmitFailsFast() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 1000);
    nodes.get("a").submit(KvApplier.put("x", "1")).get();

    nodes.get("b").close();
    nodes.get("c").close();
    long start = System.nanoTime();
    try {
      nodes.get("a").submit(KvApplier.put("x", "2")).get(2 * TIMEOUT.toMillis() + 3000, TimeUnit.MILLISECONDS);
      fail("a write without majority must fail");
    } catch (ExecutionException e) {
      assertInstanceOf(RaftUnavailableException.class, e.getCause());
      assertTrue(e.getCause().getMessage().contains("no Raft majority"), e.getCause().getMessage());
    }
    // The deadline, then a read barrier that finds no majority either (RaftNode.afterDeadline): two timeouts at most.
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(elapsed < 2 * TIMEOUT.toMillis() + 1000, "failed after " + elapsed + " ms");
  }

  /**
   * Ratis' ordered client fails every later request once one has given up; the node must not stay read-only after
   * a write failed for want of a majority (it did: every write then failed within milliseconds, for good).
   */
  @Test
  void writesCommitAgainOnceAMajorityIsBackAfterAFailedWrite() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 1000);
    RaftNode a = nodes.get("a");
    a.submit(KvApplier.put("x", "1")).get();
    nodes.get("b").close();
    nodes.get("c").close();
    for (int i = 0; i < 2; i++) {
      ExecutionException e = Assertions.assertThrows(ExecutionException.class,
          () -> a.submit(KvApplier.put("x", "2")).get(2 * TIMEOUT.toMillis() + 3000, TimeUnit.MILLISECONDS));
      RaftUnavailableException refused = assertInstanceOf(RaftUnavailableException.class, e.getCause());
      assertTrue(refused.getMessage().startsWith(refused.reason().text()), refused.getMessage());
    }
    assertTrue(a.commitProblem().isPresent(), "a reports that it cannot commit");
    long failures = Arrays.stream(RaftUnavailableException.Reason.values()).mapToLong(a::failures).sum();
    assertTrue(failures >= 2, "failures counted by reason: " + failures);

    KvApplier back = new KvApplier();
    start("b", peers, back, 1000);
    await(() -> {
      try {
        a.submit(KvApplier.put("y", "1")).get(2 * TIMEOUT.toMillis() + 3000, TimeUnit.MILLISECONDS);
        return true;
      } catch (ExecutionException | TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, "a write through a commits with b back");
    await(() -> "1".equals(back.data.get("y")), "b applied y");
    assertTrue(a.commitProblem().isEmpty(), "a commits again");
  }

  @Test
  void laggingNodeGetsTheSnapshotAndWholeGroupRestartsWithItsData() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 5);
    RaftNode leader = nodes.values().stream().filter(RaftNode::isLeader).findFirst().orElseThrow();
    RaftNode lagging = nodes.values().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
    for (int i = 0; i < 3; i++) {
      leader.submit(KvApplier.put("k" + i, "v" + i)).get();
    }
    // The leader snapshots and purges its log while a member is down, so that member must be sent the snapshot.
    lagging.close();
    for (int i = 3; i < 30; i++) {
      leader.submit(KvApplier.put("k" + i, "v" + i)).get();
    }
    KvApplier late = new KvApplier();
    start(lagging.nodeId(), peers, late, 5);
    await(() -> late.data.size() == 30, "the lagging node caught up");
    assertTrue(late.restores.get() >= 1, "caught up through an installed snapshot");
    assertEquals(kvs.get(leader.nodeId()).data, late.data);

    new ArrayList<>(started).forEach(RaftNode::close);
    Map<String, KvApplier> again = new LinkedHashMap<>();
    startAll(peers, again, 5);
    await(() -> again.values().stream().allMatch(kv -> kv.data.size() == 30), "all data back on every node");
    again.values().forEach(kv -> assertEquals(kvs.get(leader.nodeId()).data, kv.data));
  }

  /** Read-your-writes: a follower answers a write only once it has applied it itself. */
  @Test
  void aFollowerAnswersAWriteOnlyOnceItHasAppliedIt() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 1000);
    RaftNode follower = nodes.values().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
    for (int i = 0; i < 30; i++) {
      follower.submit(KvApplier.put("x", "v" + i)).get();
      assertEquals("v" + i, kvs.get(follower.nodeId()).data.get("x"), "the follower applied write " + i);
    }
  }

  /** ReadIndex: after the barrier a follower has applied every write the leader acknowledged before it. */
  @Test
  void aFollowerPassesTheReadBarrierOnlyWithEveryAcknowledgedWrite() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 1000);
    RaftNode leader = nodes.values().stream().filter(RaftNode::isLeader).findFirst().orElseThrow();
    List<RaftNode> followers = nodes.values().stream().filter(n -> n != leader).toList();
    for (int i = 0; i < 30; i++) {
      leader.submit(KvApplier.put("y", "v" + i)).get();
      RaftNode reader = followers.get(i % 2);
      reader.readBarrier().get();
      assertEquals("v" + i, kvs.get(reader.nodeId()).data.get("y"), "read " + i + " on " + reader.nodeId());
    }
    // Concurrent readers share rounds and all pass.
    List<CompletableFuture<Void>> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(followers.get(i % 2).readBarrier());
    }
    for (var f : many) {
      f.get(TIMEOUT.toMillis() + 3000, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Without a majority the barrier is refused: at once on a follower, and on the leader once its lease (a majority
   * acknowledged its heartbeats within the election timeout) has run out.
   */
  @Test
  void theReadBarrierFailsWithoutMajority() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 1000);
    nodes.get("b").close();
    nodes.get("c").close();
    RaftNode a = nodes.get("a");
    await(() -> {
      long start = System.nanoTime();
      try {
        a.readBarrier().get(TIMEOUT.toMillis() + 3000, TimeUnit.MILLISECONDS);
        return false; // the leader's lease still holds
      } catch (ExecutionException e) {
        assertInstanceOf(RaftUnavailableException.class, e.getCause());
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsed < TIMEOUT.toMillis() + 1000, "failed after " + elapsed + " ms");
        return true;
      } catch (InterruptedException | TimeoutException e) {
        throw new AssertionError(e);
      }
    }, "a read barrier refused without majority");
  }

  /** An entry whose deadline has passed when it reaches the leader is refused, and no member applies it. */
  @Test
  void anEntryPastItsDeadlineIsNeverApplied() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 1000);
    RaftNode follower = nodes.values().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> follower.submit(KvApplier.put("late", "1"), System.currentTimeMillis() - 1).get());
    RaftUnavailableException refused = assertInstanceOf(RaftUnavailableException.class, e.getCause());
    assertEquals(RaftUnavailableException.Reason.EXPIRED, refused.reason());
    follower.submit(KvApplier.put("after", "1")).get();
    for (RaftNode n : nodes.values()) {
      n.readBarrier().get();
      assertEquals("1", kvs.get(n.nodeId()).data.get("after"));
      assertTrue(!kvs.get(n.nodeId()).data.containsKey("late"), n.nodeId() + " never applied the late entry");
    }
  }

  /** A restarted member reports ready only once it has caught up with what the group committed while it was down. */
  @Test
  void aRestartedMemberIsReadyOnlyOnceCaughtUp() throws Exception {
    Map<String, String> peers = peers("a", "b", "c");
    Map<String, KvApplier> kvs = new LinkedHashMap<>();
    Map<String, RaftNode> nodes = startAll(peers, kvs, 1000);
    RaftNode leader = nodes.values().stream().filter(RaftNode::isLeader).findFirst().orElseThrow();
    RaftNode down = nodes.values().stream().filter(n -> n != leader).findFirst().orElseThrow();
    leader.submit(KvApplier.put("z", "before")).get();
    down.close();
    for (int i = 0; i < 20; i++) {
      leader.submit(KvApplier.put("z", "while-down-" + i)).get();
    }
    KvApplier again = new KvApplier();
    RaftNode restarted = start(down.nodeId(), peers, again, 1000);
    await(restarted::ready, "the restarted member ready");
    assertEquals("while-down-19", again.data.get("z"), "ready only once caught up");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private Map<String, RaftNode> startAll(Map<String, String> peers, Map<String, KvApplier> kvs, long snapshotEvery)
      throws IOException {
    Map<String, RaftNode> nodes = new LinkedHashMap<>();
    for (String id : peers.keySet()) {
      KvApplier kv = new KvApplier();
      kvs.put(id, kv);
      nodes.put(id, start(id, peers, kv, snapshotEvery));
    }
    awaitReady(nodes.values());
    return nodes;
  }

  private RaftNode start(String id, Map<String, String> peers, KvApplier kv, long snapshotEvery) throws IOException {
    // Tiny log segments and no purge gap, so that snapshots really purge the log in these short tests.
    RaftNode node = RaftNode.start(new RaftSettings(id, peers, dir, TIMEOUT, snapshotEvery), kv, p -> {
      RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("1KB"));
      RaftServerConfigKeys.Log.setPurgeGap(p, 1);
    });
    started.add(node);
    return node;
  }

  private static void awaitReady(Collection<RaftNode> nodes) {
    await(() -> nodes.stream().allMatch(RaftNode::ready), "nodes ready");
  }

  private static Map<String, String> peers(String... ids) throws IOException {
    Map<String, String> peers = new LinkedHashMap<>();
    for (String id : ids) {
      peers.put(id, "127.0.0.1:" + TestNodes.freePort());
    }
    return peers;
  }

  private static void await(BooleanSupplier condition, String what) {
    Await.until(what, WAIT, condition);
  }


  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
