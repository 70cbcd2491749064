package dev.beacon.consistency;

import dev.beacon.support.Await;
import dev.beacon.support.NacosHttp;
import dev.beacon.support.ProcessCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The fault schedule beside the load (Jepsen's nemesis): every {@code period}, one random node is killed with
 * {@code kill -9} and started again on its data, or cut off from the other two and healed. Ends by itself once the
 * load's time is up, leaving every node running and the network whole. What it did is kept for the report.
 */
public final class Faults {

  /** What the schedule does to the cluster. */
  public enum Mode { NONE, KILL, PARTITION }

  /** How long a killed node stays down, and how long after its restart the schedule reads through it alone. */
  static final Duration DOWN = Duration.ofSeconds(2);
  static final Duration PROBE = Duration.ofSeconds(3);
  static final Duration PROBE_GAP = Duration.ofMillis(20);
  /** The client name of the reads through a node just restarted. */
  static final String PROBE_CLIENT = "probe";

  private final ProcessCluster cluster;
  private final RegisterWorkload load;
  private final Mode mode;
  private final Duration period;
  private final Random random;
  private final long start;
  private final List<String> log = new ArrayList<>();
  private volatile Throwable failure;

  public Faults(ProcessCluster cluster, RegisterWorkload load, Mode mode, Duration period, long seed, long start) {
    this.cluster = cluster;
    this.load = load;
    this.mode = mode;
    this.period = period;
    this.random = new Random(seed);
    this.start = start;
  }

  /** Runs the schedule until {@code end} (System.nanoTime), in a thread of its own; join it to wait for the end. */
  public Thread startUntil(long end) {
    Thread t = new Thread(() -> {
      try {
        run(end);
      } catch (Throwable e) {
        failure = e;
        note("schedule failed: " + e);
      }
    }, "faults-" + mode);
    t.setDaemon(true);
    t.start();
    return t;
  }

  public synchronized List<String> log() {
    return List.copyOf(log);
  }

  /** Throws what stopped the schedule early, if anything did. */
  public void check() {
    if (failure != null) {
      throw new AssertionError("the fault schedule failed: " + String.join("\n", log()), failure);
    }
  }

  private void run(long end) {
    if (mode == Mode.NONE) {
      return;
    }
    Await.pause(period.dividedBy(2));
    while (System.nanoTime() + period.toNanos() / 2 < end) {
      long next = System.nanoTime() + period.toNanos();
      int node = 1 + random.nextInt(ProcessCluster.NODES);
      if (mode == Mode.KILL) {
        killAndRestart(node);
      } else {
        cutOff(node, next);
      }
      Await.pause(Duration.ofNanos(Math.max(0, Math.min(next, end) - System.nanoTime())));
    }
  }

  /**
   * kill -9, a pause, a restart on the same data; then reads through that node alone from its first answer on (it
   * must never serve a value older than what was acknowledged before it crashed); then waits until it is ready, so
   * that the next kill leaves a majority.
   */
  private void killAndRestart(int node) {
    note("kill -9 node " + node);
    cluster.kill(node);
    Await.pause(DOWN);
    cluster.start(node);
    note("started node " + node);
    Await.until("node " + node + " answers after its restart", Await.START, () -> load.read(PROBE_CLIENT, node));
    note("node " + node + " answers");
    long until = System.nanoTime() + PROBE.toNanos();
    int reads = 1;
    while (System.nanoTime() < until) {
      // A steady trickle: enough to see what the node serves, few enough to keep the check small.
      Await.pause(PROBE_GAP);
      reads += load.read(PROBE_CLIENT, node) ? 1 : 0;
    }
    note(reads + " probe reads through node " + node);
    Await.until("node " + node + " ready", Await.START,
        () -> NacosHttp.probe(ProcessCluster.host(node), cluster.httpPort(), "/ready") == 200);
    note("node " + node + " ready");
  }

  /** Cuts {@code node} off from the other two for half the period, then heals. */
  private void cutOff(int node, long next) {
    int[] others = IntStream.rangeClosed(1, ProcessCluster.NODES).filter(n -> n != node).toArray();
    cluster.partition(new int[] {node}, others);
    note("node " + node + " cut off");
    Await.pause(Duration.ofNanos(Math.max(0, (next - System.nanoTime()) / 2)));
    cluster.heal();
    note("healed");
  }

  private synchronized void note(String what) {
    log.add(String.format("%8.3f s  %s", (System.nanoTime() - start) / 1e9, what));
  }
}
