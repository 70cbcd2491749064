package dev.beacon.raft;

import dev.beacon.core.RaftStatus;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.ExitUtils;

/**
 * One member of Beacon's Raft group: a Ratis server (gRPC transport) plus a Ratis client used to submit entries.
 * Created with {@link #start}; all methods are thread-safe.
 */
public final class RaftNode implements RaftStatus, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RaftNode.class.getName());

  /** Fixed so that every node and every restart agree on the group (it is also the storage sub-directory name). */
  public static final RaftGroupId GROUP_ID =
      RaftGroupId.valueOf(UUID.nameUUIDFromBytes("beacon".getBytes(StandardCharsets.UTF_8)));

  /** Submits beyond this many in flight fail at once rather than queue (Ratis would block the caller thread). */
  static final int MAX_IN_FLIGHT = 1000;

  /**
   * A follower that has not answered the leader for this long (heartbeats go out every half election timeout) gets a
   * new connection; a follower is given one at most this often.
   */
  static final Duration RECONNECT_SILENT_FOLLOWER = RaftSettings.ELECTION_TIMEOUT_MIN.multipliedBy(2);
  private static final Duration RECONNECT_CHECK_PERIOD = Duration.ofMillis(500);

  /**
   * A write that failed is answered only this long after its deadline has passed on this node's clock, so a leader
   * whose clock is at most this much behind can no longer accept it ({@link StampedEntry}). Servers run NTP.
   */
  static final Duration CLOCK_ALLOWANCE = Duration.ofMillis(250);
  /** Pause between ReadIndex attempts while no leader answers (an election, a partition). */
  private static final Duration READ_RETRY = Duration.ofMillis(100);

  /** How long {@link #close} waits for Ratis to stop before giving up and leaving it to the JVM. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final RaftSettings settings;
  private final RaftGroup group;
  private final RaftServer server;
  /**
   * Replaced after a failed write: once one request of Ratis' ordered async client gives up, its sliding window stays
   * failed and every later request fails at once ("... is closed"), so the node would refuse every write from then
   * on even with a healthy majority. Only the sender thread replaces it.
   */
  private volatile RaftClient client;
  /** Clients replaced after a failure, closed once what they still had in flight has timed out. */
  private final List<RaftClient> retired = new CopyOnWriteArrayList<>();
  private final CommitHealth health;
  private final BeaconStateMachine stateMachine;
  /** One thread: keeps submission order (Ratis' ordered async). */
  private final ExecutorService sender;
  private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
  /** Leader only: gives silent followers a new connection ({@link #reconnectSilentFollowers}). */
  private final ScheduledExecutorService watchdog;
  /**
   * Runs ReadIndex attempts: Ratis' submitClientRequestAsync blocks its caller until the request is handed over,
   * which may wait for this node's state machine, whose apply needs the event loops. Called on an event loop (a
   * read's first round), it deadlocked; so never on the caller's thread. One round is in flight at a time.
   */
  private final ScheduledExecutorService reader;
  /** When (System.nanoTime) each follower was last given a new connection. */
  private final Map<RaftPeerId, Long> reconnectedAt = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile RaftServer.Division division;
  private volatile boolean caughtUp;
  /** The ReadIndex round that {@link #ready} started to learn that this node has caught up. */
  private volatile CompletableFuture<Void> catchUp;
  /** Concurrent linearizable reads share one ReadIndex round trip. */
  private final ReadIndexBatch reads = new ReadIndexBatch(this::readIndexRound);
  private final ClientId readClientId = ClientId.randomId();
  /** See {@link #readThrough}. */
  private volatile Function<String, CompletableFuture<Long>> askLeader;
  private final AtomicLong readCalls = new AtomicLong();

  private RaftNode(RaftSettings settings, RaftGroup group, RaftServer server, RaftClient client,
                   BeaconStateMachine stateMachine) {
    this.settings = settings;
    this.group = group;
    this.server = server;
    this.client = client;
    this.stateMachine = stateMachine;
    this.health = new CommitHealth(settings.nodeId(), settings.requestTimeout().toMillis());
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "beacon-raft-submit-" + settings.nodeId());
      t.setDaemon(true);
      return t;
    });
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "beacon-raft-watchdog-" + settings.nodeId());
      t.setDaemon(true);
      return t;
    });
    this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "beacon-raft-read-" + settings.nodeId());
      t.setDaemon(true);
      return t;
    });
    long period = RECONNECT_CHECK_PERIOD.toMillis();
    watchdog.scheduleWithFixedDelay(this::reconnectSilentFollowers, period, period, TimeUnit.MILLISECONDS);
  }

  /** Starts the Ratis server for this node (recovering its storage if present) and a client for the group. */
  public static RaftNode start(RaftSettings settings, RaftApplier applier) throws IOException {
    return start(settings, applier, p -> { });
  }

  /** As {@link #start(RaftSettings, RaftApplier)}, with a last word on the server properties (tests use it). */
  static RaftNode start(RaftSettings settings, RaftApplier applier, Consumer<RaftProperties> tweak)
      throws IOException {
    RatisConfig.requireMetricsImplementation();
    RatisConfig.quietRatisLogging();
    // Ratis "terminates" on some start failures (its gRPC port taken): that must fail this start, not exit the JVM.
    ExitUtils.disableSystemExit();
    List<RaftPeer> peers = settings.peers().entrySet().stream()
        .map(e -> RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue()).build())
        .toList();
    RaftGroup group = RaftGroup.valueOf(GROUP_ID, peers);
    File dir = settings.storageDir().resolve(settings.nodeId()).toFile();
    // Ratis keeps the group under <dir>/<group uuid>; RECOVER refuses a missing one, FORMAT wipes an existing one.
    boolean existing = new File(dir, GROUP_ID.getUuid().toString()).isDirectory();
    Files.createDirectories(dir.toPath());

    String nodeId = settings.nodeId();
    BeaconStateMachine sm = new BeaconStateMachine(applier, leader -> LOG.info(() ->
        "raft: " + nodeId + " sees leader " + (leader == null ? "<none>" : leader)
            + (nodeId.equals(String.valueOf(leader)) ? " (this node)" : "")));
    RaftProperties serverProperties = RatisConfig.server(settings, dir);
    tweak.accept(serverProperties);
    RaftServer server = RaftServer.newBuilder()
        .setServerId(RaftPeerId.valueOf(nodeId))
        .setGroup(group)
        .setStateMachine(sm)
        .setProperties(serverProperties)
        .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
        .build();
    RaftClient client = null;
    try {
      server.start();
      client = newClient(settings, group, null);
    } catch (IOException | RuntimeException e) {
      closeQuietly(client);
      closeQuietly(server);
      throw e;
    }
    LOG.fine(() -> "raft: " + nodeId + " started at " + settings.ownAddress() + (existing ? " (recovered)" : ""));
    return new RaftNode(settings, group, server, client, sm);
  }

  /**
   * On the leader, replaces the connection to every follower that has not answered for
   * {@link #RECONNECT_SILENT_FOLLOWER}. Ratis' gRPC log appender keeps streaming into the connection it has: after a
   * partition that connection waits for TCP's next retransmission, which backs off exponentially (tens of seconds
   * after a split of half a minute), or for a connect attempt begun during the split, whose SYN retransmissions back
   * off too (1, 3, 7, 15 s). A fresh connection every few seconds while a follower is silent means one attempt is
   * always young, so the leader reaches it within a few seconds of the heal. The data still flows only through
   * Raft; this only closes the transport's channel to that peer (Ratis builds a new one on the next append).
   */
  private void reconnectSilentFollowers() {
    try {
      RaftServer.Division d = division();
      if (d == null || closed.get() || !d.getInfo().isLeader()) {
        reconnectedAt.clear();
        return;
      }
      RoleInfoProto role = d.getInfo().getRoleInfoProto();
      if (!role.hasLeaderInfo()) {
        return;
      }
      long now = System.nanoTime();
      long silentMillis = RECONNECT_SILENT_FOLLOWER.toMillis();
      for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
        long silent = follower.getLastRpcElapsedTimeMs();
        RaftPeerId id = RaftPeerId.valueOf(follower.getId().getId());
        if (silent < silentMillis) {
          reconnectedAt.remove(id);
          continue;
        }
        Long last = reconnectedAt.put(id, now);
        if (last != null && now - last < RECONNECT_SILENT_FOLLOWER.toNanos()) {
          reconnectedAt.put(id, last);
          continue;
        }
        // One line per silence (the first reconnect); the repeats while it lasts are FINE.
        LOG.log(last == null ? Level.INFO : Level.FINE, () -> "raft: " + settings.nodeId()
            + " reconnects to follower " + id + " (no answer for " + silent + " ms)");
        // Closes the old channel (gracefully, up to a few seconds, on this thread); the appender's stream on it then
        // fails and the appender opens a new one on a new channel.
        server.getServerRpc().handleException(id, new IOException("no answer for " + silent + " ms"), true);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "raft: follower reconnect check failed on " + settings.nodeId(), e);
    }
  }

  /** A client that first tries {@code leader} (when known) rather than a peer Ratis picks at random. */
  private static RaftClient newClient(RaftSettings settings, RaftGroup group, RaftPeerId leader) {
    RaftClient.Builder builder = RaftClient.newBuilder()
        .setRaftGroup(group)
        .setProperties(RatisConfig.client(settings))
        .setRetryPolicy(RatisConfig.retryPolicy(settings));
    if (leader != null) {
      builder.setLeaderId(leader);
    }
    return builder.build();
  }

  /**
   * The client to send with, pointed at the leader this node's server knows. After a failed attempt Ratis' client
   * tries a peer at random: one that a partition cut off only lets the attempt time out, and every write of this
   * node stalls behind it. So when the server knows a leader the
   * client does not point at, the client is replaced by one that starts at that leader. Sender thread only.
   */
  private RaftClient clientForLeader() {
    RaftPeerId leader = knownLeader();
    if (leader != null && !leader.equals(client.getLeaderId()) && !closed.get()) {
      replaceClient(leader);
    }
    return client;
  }

  /** The leader this node's server knows, or null (no division yet, or an election running). */
  private RaftPeerId knownLeader() {
    RaftServer.Division d = division();
    return d == null ? null : d.getInfo().getLeaderId();
  }

  /**
   * A new client starting at {@code leader}; the old one is closed once what it still has in flight has timed out
   * ({@link #close} closes what is left). Sender thread only.
   */
  private void replaceClient(RaftPeerId leader) {
    RaftClient old = client;
    retired.add(old);
    client = newClient(settings, group, leader);
    CompletableFuture.delayedExecutor(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
        .execute(() -> {
          if (retired.remove(old)) {
            closeQuietly(old);
          }
        });
  }

  /**
   * Submits one entry. Completes with the applier's reply once the entry is committed and applied on the node that
   * answers (the leader) and on this node too (so this node's reads see it at once). Fails with
   * {@link RaftUnavailableException} when no leader with a majority answers within the request timeout; such a
   * failure is reported only once no leader can accept the entry any more (its deadline, stamped by the leader, has
   * passed by {@link #CLOCK_ALLOWANCE}), so a write reported failed never takes effect later. Fails with the
   * applier's error (a {@link StateMachineException}) if apply failed.
   */
  public CompletableFuture<byte[]> submit(byte[] entry) {
    return submit(entry, System.currentTimeMillis() + settings.requestTimeout().toMillis());
  }

  /** {@link #submit(byte[])} with the deadline given (tests give one that has passed). */
  CompletableFuture<byte[]> submit(byte[] entry, long deadline) {
    long startedAt = System.currentTimeMillis();
    if (closed.get()) {
      return failed(new RaftUnavailableException(RaftUnavailableException.Reason.CLOSED, null, null), startedAt);
    }
    if (!inFlight.tryAcquire()) {
      return failed(new RaftUnavailableException(RaftUnavailableException.Reason.IN_FLIGHT_LIMIT, null, null),
          startedAt);
    }
    long id = nextEntryId();
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(StampedEntry.submitted(entry, deadline, id)));
    CompletableFuture<RaftClientReply> result = new CompletableFuture<>();
    // Written by the sender thread, read where the write completes (a Ratis thread, or the timeout's).
    AtomicReference<RaftClient> used = new AtomicReference<>();
    try {
      sender.execute(() -> {
        try {
          RaftClient current = clientForLeader();
          used.set(current);
          current.async().send(message).whenComplete((reply, err) -> {
            if (err != null) {
              result.completeExceptionally(err);
            } else if (!reply.isSuccess()) {
              result.completeExceptionally(reply.getException());
            } else {
              result.complete(reply);
            }
          });
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RuntimeException e) { // executor shut down by close()
      result.completeExceptionally(e);
    }
    // The client's own retry policy gives up after requestTimeout; this cap only guards against a Ratis hang.
    long capMillis = settings.requestTimeout().toMillis() + 500;
    return result.orTimeout(capMillis, TimeUnit.MILLISECONDS)
        .handle((reply, err) -> {
          inFlight.release();
          long now = System.currentTimeMillis();
          if (err == null) {
            health.succeeded(now);
            byte[] bytes = reply.getMessage().getContent().toByteArray();
            if (Arrays.equals(bytes, BeaconStateMachine.EXPIRED)) {
              throw new CompletionException(new RaftUnavailableException(RaftUnavailableException.Reason.EXPIRED,
                  "accepted after its deadline, dropped by every member", null));
            }
            return new Committed(bytes, reply.getLogIndex());
          }
          Throwable cause = RaftFailures.unwrap(err);
          if (StampedEntry.DeadlinePassed.refusal(cause)) {
            health.failed(new RaftUnavailableException(RaftUnavailableException.Reason.EXPIRED, null, cause),
                startedAt, now);
            throw new CompletionException(new RaftUnavailableException(RaftUnavailableException.Reason.EXPIRED,
                "after " + (now - startedAt) + " ms", cause));
          }
          if (cause instanceof StateMachineException) {
            health.succeeded(now); // committed, or refused by the leader: either way nothing is pending
            throw new CompletionException(cause);
          }
          RaftUnavailableException failure = closed.get()
              ? new RaftUnavailableException(RaftUnavailableException.Reason.CLOSED, null, cause)
              : RaftFailures.classify(cause, now - startedAt);
          health.failed(failure, startedAt, now);
          LOG.fine(() -> "raft: write failed on " + settings.nodeId() + ": " + failure.getMessage());
          renewClient(used.get() != null ? used.get() : client);
          throw new CompletionException(failure);
        })
        .thenCompose(this::appliedHere)
        .exceptionallyCompose(e -> afterDeadline(e, deadline, id));
  }

  /** What the leader answered for a committed entry, and the entry's log index. */
  private record Committed(byte[] reply, long index) {
  }

  /**
   * The reply once this node has applied the entry too, so a client that reads here after the answer sees its
   * write. Bounded by the request timeout: a node cut off right after the commit answers without its own apply (the
   * entry is committed; this node's linearizable reads wait for the read barrier anyway).
   */
  private CompletableFuture<byte[]> appliedHere(Committed committed) {
    return stateMachine.applied(committed.index())
        .completeOnTimeout(null, settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .thenApply(v -> committed.reply());
  }

  /**
   * The answer for a write whose Raft request failed: once its deadline (plus the clock allowance) has passed no
   * leader can accept it any more; then, once this node has caught up with the group (a ReadIndex round), it has
   * applied the entry if and only if the entry was committed (its leader may have crashed after committing it and
   * before answering). So the write is reported with its reply if it took effect, and as failed only if it did not.
   * Without a majority to catch up with, it is reported failed (README, Consistency, says what that leaves).
   */
  private CompletableFuture<byte[]> afterDeadline(Throwable error, long deadline, long id) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    long wait = Math.max(0, deadline + CLOCK_ALLOWANCE.toMillis() - System.currentTimeMillis());
    // Never sent: nothing can land, say so at once. A refusal as late may concern a retry of an entry whose first
    // attempt was committed, so it is checked like the rest.
    boolean mayStillLand = cause instanceof RaftUnavailableException r
        && r.reason() != RaftUnavailableException.Reason.IN_FLIGHT_LIMIT;
    CompletableFuture<byte[]> failed = CompletableFuture.failedFuture(cause);
    if (!mayStillLand || closed.get()) {
      return failed;
    }
    Executor later = CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS);
    return CompletableFuture.supplyAsync(() -> null, later)
        .thenCompose(v -> readBarrier())
        .handle((v, barrierFailed) -> barrierFailed == null ? stateMachine.outcome(id) : null)
        .thenCompose(reply -> {
          if (reply == null) {
            return failed;
          }
          LOG.fine(() -> "raft: a write that failed on " + settings.nodeId() + " had been committed: answered ok");
          return CompletableFuture.completedFuture(reply);
        });
  }

  /** A random id per entry, never {@link StampedEntry#NO_ID}. */
  private static long nextEntryId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == StampedEntry.NO_ID);
    return id;
  }

  /**
   * Completes once this node has applied every entry committed in the group before the call (Raft ReadIndex: the
   * leader confirms its leadership with a majority and names its commit index; this node waits until it has applied
   * that far), so a read served from this node's tables afterwards is linearizable. Concurrent calls share round
   * trips ({@link ReadIndexBatch}). Fails with {@link RaftUnavailableException} when no leader with a majority
   * answers within the request timeout.
   */
  public CompletableFuture<Void> readBarrier() {
    return reads.await();
  }

  /** Whether reads need {@link #readBarrier}: only a group of several members has other members' writes to miss. */
  public boolean spansServers() {
    return group.getPeers().size() > 1;
  }

  /**
   * A read-only request to the leader through the client that sends writes: opens its connection and loads its code
   * before the node reports ready. Cold, on a loaded machine, the first write through a new node took longer than the
   * request timeout and was refused, right after the cluster reported UP.
   */
  private CompletableFuture<Void> warmClient() {
    CompletableFuture<Void> warm = new CompletableFuture<>();
    try {
      sender.execute(() -> {
        RaftClient current = clientForLeader();
        current.async().sendReadOnly(Message.EMPTY).whenComplete((reply, err) -> {
          if (err != null || !reply.isSuccess()) {
            renewClient(current); // a failed ordered request fails the client's later ones: start afresh
            warm.completeExceptionally(err != null ? err : reply.getException());
          } else {
            warm.complete(null);
          }
        });
      });
    } catch (RuntimeException e) { // sender shut down by close()
      warm.completeExceptionally(e);
    }
    return warm.orTimeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One ReadIndex round, retried while no leader answers, up to the request timeout. */
  private CompletableFuture<Void> readIndexRound() {
    long deadline = System.currentTimeMillis() + settings.requestTimeout().toMillis();
    CompletableFuture<Void> done = new CompletableFuture<>();
    long startedAt = System.currentTimeMillis();
    try {
      reader.execute(() -> readIndexAttempt(done, deadline, startedAt));
    } catch (RuntimeException e) { // reader shut down by close()
      done.completeExceptionally(new RaftUnavailableException(RaftUnavailableException.Reason.CLOSED, null, e));
    }
    return done;
  }

  private void readIndexAttempt(CompletableFuture<Void> done, long deadline, long startedAt) {
    long left = deadline - System.currentTimeMillis();
    if (closed.get()) {
      done.completeExceptionally(new RaftUnavailableException(RaftUnavailableException.Reason.CLOSED, null, null));
      return;
    }
    viaLeader(left).exceptionallyCompose(e -> viaRatis(left)).whenComplete((v, err) -> {
      if (err == null) {
        done.complete(null);
        return;
      }
      Throwable failure = RaftFailures.unwrap(err);
      long now = System.currentTimeMillis();
      if (now + READ_RETRY.toMillis() >= deadline || closed.get()) {
        done.completeExceptionally(RaftFailures.classify(failure, now - startedAt));
        return;
      }
      try {
        reader.schedule(() -> readIndexAttempt(done, deadline, startedAt), READ_RETRY.toMillis(),
            TimeUnit.MILLISECONDS);
      } catch (RuntimeException e) { // reader shut down by close()
        done.completeExceptionally(new RaftUnavailableException(RaftUnavailableException.Reason.CLOSED, null, e));
      }
    });
  }

  /**
   * A follower's round through {@link #askLeader} (the event bus): the leader names its applied index after a read
   * of its own ({@link #leaderReadIndex}), and this node waits until it has applied that far. Fails at once where it
   * does not apply (no transport, no leader known, this node leads), and then Ratis' own path is tried.
   */
  private CompletableFuture<Void> viaLeader(long left) {
    Function<String, CompletableFuture<Long>> ask = askLeader;
    RaftPeerId leader = knownLeader();
    if (ask == null || leader == null || leader.equals(server.getId())) {
      return CompletableFuture.failedFuture(new IllegalStateException("no leader to ask"));
    }
    return ask.apply(leader.toString())
        .thenCompose(index -> stateMachine.applied(index))
        .orTimeout(Math.max(1, left), TimeUnit.MILLISECONDS);
  }

  /** A round through Ratis: a linearizable read-only request submitted to this node's own server, in-process. */
  private CompletableFuture<Void> viaRatis(long left) {
    CompletableFuture<RaftClientReply> reply;
    try {
      RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(readClientId).setServerId(server.getId())
          .setGroupId(GROUP_ID).setCallId(readCalls.incrementAndGet()).setMessage(Message.EMPTY)
          .setType(RaftClientRequest.readRequestType()).setTimeoutMs(Math.max(1, left)).build();
      reply = server.submitClientRequestAsync(request);
    } catch (IOException | RuntimeException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    return reply.orTimeout(Math.max(1, left), TimeUnit.MILLISECONDS).thenCompose(r -> r.isSuccess()
        ? CompletableFuture.<Void>completedFuture(null) : CompletableFuture.<Void>failedFuture(r.getException()));
  }

  /**
   * On the leader: once a read of its own has confirmed its leadership (its lease, or a heartbeat round), the index
   * it has applied, which covers every write committed before the call. What followers ask for ({@link #viaLeader});
   * fails on a node that does not lead.
   */
  public CompletableFuture<Long> leaderReadIndex() {
    if (!isLeader()) {
      return CompletableFuture.failedFuture(new RaftUnavailableException(RaftUnavailableException.Reason.NO_LEADER,
          settings.nodeId() + " does not lead", null));
    }
    return readBarrier().thenApply(v -> lastAppliedIndex());
  }

  /**
   * How this node asks the leader for its read index ({@link #leaderReadIndex}) by the leader's id: the cluster's
   * event bus, once Distro runs. Until set (and where it fails) rounds go through Ratis' own follower path, which
   * takes several times longer.
   */
  public void readThrough(Function<String, CompletableFuture<Long>> askLeader) {
    this.askLeader = askLeader;
  }

  private CompletableFuture<byte[]> failed(RaftUnavailableException e, long startedAt) {
    health.failed(e, startedAt, System.currentTimeMillis());
    return CompletableFuture.failedFuture(e);
  }

  /** Swaps in a fresh client if {@code failed} is still the current one; it is closed when its writes timed out. */
  private void renewClient(RaftClient failed) {
    if (failed == null || closed.get()) {
      return;
    }
    try {
      sender.execute(() -> {
        if (client == failed && !closed.get()) {
          replaceClient(knownLeader());
          LOG.fine(() -> "raft: " + settings.nodeId() + " replaced its client after a failed write");
        }
      });
    } catch (RuntimeException e) {
      // executor shut down by close(): nothing to renew
    }
  }


  /** This node's division of the group, or null while the server is not (or no longer) up. */
  private RaftServer.Division division() {
    RaftServer.Division d = division;
    if (d == null && !closed.get()) {
      try {
        d = server.getDivision(GROUP_ID);
        division = d;
      } catch (IOException e) {
        return null;
      }
    }
    return d;
  }

  public boolean isLeader() {
    RaftServer.Division d = division();
    return d != null && d.getInfo().isLeader();
  }

  public Optional<String> leaderId() {
    RaftServer.Division d = division();
    RaftPeerId leader = d == null ? null : d.getInfo().getLeaderId();
    return Optional.ofNullable(leader).map(RaftPeerId::toString);
  }

  /** Index of the last entry (of any kind) applied to the applier on this node. */
  public long lastAppliedIndex() {
    return stateMachine.getLastAppliedTermIndex().getIndex();
  }

  /** Highest log index this node knows to be committed; {@code commitIndex() - lastAppliedIndex()} is the lag. */
  public long commitIndex() {
    RaftServer.Division d = division();
    return d == null ? -1 : d.getRaftLog().getLastCommittedIndex();
  }

  /**
   * True once this node is part of a group with a known leader (a leader only once it has committed its first entry
   * of the term) and has caught up: in a group of several members, one ReadIndex round has succeeded (this node has
   * applied everything the leader had committed when it asked), so a restarted node never reports ready while it
   * still serves what it had before its crash; alone, it has replayed its log. The catch-up part is remembered; the
   * leader part is re-checked on every call.
   */
  public boolean ready() {
    RaftServer.Division d = division();
    if (d == null || closed.get()) {
      return false;
    }
    DivisionInfo info = d.getInfo();
    if (!info.isAlive() || info.getLeaderId() == null || (info.isLeader() && !info.isLeaderReady())) {
      return false;
    }
    if (!caughtUp) {
      if (!spansServers()) {
        caughtUp = lastAppliedIndex() >= d.getRaftLog().getLastCommittedIndex();
      } else if (catchUp == null || catchUp.isCompletedExceptionally()) {
        catchUp = readBarrier().thenCompose(v -> warmClient()).thenRun(() -> caughtUp = true);
      }
    }
    return caughtUp;
  }

  public String nodeId() {
    return settings.nodeId();
  }

  /** Set while this node's writes have not committed for longer than the request timeout: what is wrong. */
  public Optional<String> commitProblem() {
    return health.problem(System.currentTimeMillis());
  }

  /** Writes that failed for {@code reason} since start. */
  public long failures(RaftUnavailableException.Reason reason) {
    return health.failures(reason);
  }

  /**
   * Closes the client (pending submits fail), then the server (which first applies what is committed and may take a
   * snapshot). Bounded by {@link #CLOSE_TIMEOUT}; an applier future that never completes would otherwise block it.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    sender.shutdown(); // queued submits still run and fail fast on the closed client instead of hanging
    watchdog.shutdownNow();
    reader.shutdownNow();
    Thread closer = new Thread(() -> {
      retired.forEach(RaftNode::closeQuietly);
      closeQuietly(client);
      closeQuietly(server);
    }, "beacon-raft-close-" + settings.nodeId());
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(CLOSE_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      LOG.warning("raft: " + settings.nodeId() + " did not stop within " + CLOSE_TIMEOUT + "; continuing");
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "raft: error while closing " + c, e);
    }
  }
}
