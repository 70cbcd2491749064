package dev.beacon.raft;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** The Ratis properties Beacon uses; everything not set here is a Ratis default. */
final class RatisConfig {

  /** Strong references: JUL forgets the level of a logger that has been garbage-collected. */
  private static final Logger RATIS_LOG = Logger.getLogger("org.apache.ratis");
  private static final Logger RATIS_ASYNC_CLIENT_LOG = Logger.getLogger("org.apache.ratis.client.impl.OrderedAsync");

  /** Pause between client attempts (e.g. while an election is running); short because attempts are time-bounded. */
  private static final TimeDuration RETRY_SLEEP = TimeDuration.valueOf(100, TimeUnit.MILLISECONDS);

  private RatisConfig() {
  }

  /**
   * Ratis logs every start, election step and segment roll at INFO, and every failed client attempt at ERROR with
   * a stack trace. Beacon reports leader changes and failed writes itself, so Ratis is cut to WARNING (client
   * attempts to OFF) unless the logging configuration already chose a level.
   */
  static void quietRatisLogging() {
    if (RATIS_LOG.getLevel() == null) {
      RATIS_LOG.setLevel(Level.WARNING);
    }
    if (RATIS_ASYNC_CLIENT_LOG.getLevel() == null) {
      RATIS_ASYNC_CLIENT_LOG.setLevel(Level.OFF);
    }
  }

  /**
   * Ratis servers create metric registries through a {@code MetricRegistries} implementation found by ServiceLoader
   * (or the class {@code org.apache.ratis.metrics.impl.MetricRegistriesImpl}); ratis-server only has it as a test
   * dependency. Without one every server start dies with an obscure ExceptionInInitializerError, so say what is
   * missing instead.
   */
  static void requireMetricsImplementation() throws IOException {
    ClassLoader loader = MetricRegistries.class.getClassLoader();
    if (ServiceLoader.load(MetricRegistries.class, loader).findFirst().isPresent()) {
      return;
    }
    try {
      Class.forName("org.apache.ratis.metrics.impl.MetricRegistriesImpl", false, loader);
    } catch (ClassNotFoundException e) {
      throw new IOException("Ratis needs a metrics implementation on the classpath: add the dependency "
          + "org.apache.ratis:ratis-metrics-dropwizard3 (or ratis-metrics-default) of the same version as ratis-server");
    }
  }

  /**
   * gRPC, not Netty: Ratis' Netty transport connects synchronously, inside the leader's log appender for that
   * follower, with Netty's 30 s connect timeout, so a follower cut off by a partition waited for the next SYN
   * retransmission of a connect begun during the split (up to 15 s, or 30 s) before the leader replicated to it
   * again. gRPC connects in the background; the client and admin services share the server port.
   */
  static RaftProperties server(RaftSettings s, File storageDir) {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
    GrpcConfigKeys.Server.setHost(p, RaftSettings.host(s.ownAddress()));
    GrpcConfigKeys.Server.setPort(p, RaftSettings.port(s.ownAddress()));
    RaftServerConfigKeys.setStorageDir(p, List.of(storageDir));

    RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(RaftSettings.ELECTION_TIMEOUT_MIN));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(RaftSettings.ELECTION_TIMEOUT_MAX));
    // Ratis waits longer before a node's very first election by default; a restarted group should recover quickly.
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, duration(RaftSettings.ELECTION_TIMEOUT_MIN));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, duration(RaftSettings.ELECTION_TIMEOUT_MAX));

    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, s.snapshotEveryEntries());
    // No snapshot at shutdown: restart then exercises the same log replay as crash recovery, and close is quicker.
    RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2); // the newest plus one spare in case it is corrupt
    // Purge up to the snapshot even if a member is down: it is then sent the snapshot instead of the log, so a dead
    // member cannot make the log grow forever. Small segments so purging (whole closed segments) actually happens.
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("4MB"));
    // Read-only requests (RaftNode.readBarrier) use ReadIndex: the leader names its commit index once it knows it
    // still leads; a follower asks the leader for it. Bounded like a write. The leader knows it from its lease (a
    // majority acknowledged its heartbeats within the last election timeout, scaled by Ratis' default 0.9) instead of
    // a heartbeat round per read, as Consul's default mode does: without it every read waited for a round of
    // heartbeats, which under load took tens of ms and capped list throughput. Leases assume clocks run at about the
    // same rate (not that they agree), which every server with a working clock does.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
    RaftServerConfigKeys.Read.setTimeout(p, duration(s.requestTimeout()));
    return p;
  }

  static RaftProperties client(RaftSettings s) {
    RaftProperties p = new RaftProperties();
    RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
    // Several attempts fit in the budget: the client does not always notice at once that a peer it was connected to
    // went away (the attempt just times out), so one attempt must not use up the whole requestTimeout.
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(attemptTimeout(s)));
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, RaftNode.MAX_IN_FLIGHT + 10);
    return p;
  }

  /**
   * Retry (new leader, election in progress, peer down, attempt timed out) while another attempt still fits in
   * requestTimeout, then give up. Retries reuse the call id, so the leader's retry cache never applies an entry twice.
   */
  static RetryPolicy retryPolicy(RaftSettings s) {
    // READ: the read-only request that warms the client before the node reports ready (Ratis' default for any type
    // not set here retries forever without pause).
    return RequestTypeDependentRetryPolicy.newBuilder()
        .setRetryPolicy(TypeCase.WRITE, RetryPolicies.retryForeverWithSleep(RETRY_SLEEP))
        .setTimeout(TypeCase.WRITE, duration(s.requestTimeout().minus(attemptTimeout(s))))
        .setRetryPolicy(TypeCase.READ, RetryPolicies.retryForeverWithSleep(RETRY_SLEEP))
        .setTimeout(TypeCase.READ, duration(s.requestTimeout().minus(attemptTimeout(s))))
        .build();
  }

  /** A quarter of the budget, at least 100 ms: a healthy commit on a LAN takes milliseconds. */
  static Duration attemptTimeout(RaftSettings s) {
    Duration quarter = s.requestTimeout().dividedBy(4);
    Duration floor = Duration.ofMillis(100);
    return quarter.compareTo(floor) < 0 ? floor : quarter;
  }

  private static TimeDuration duration(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
