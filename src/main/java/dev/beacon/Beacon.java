package dev.beacon;

import dev.beacon.api.Guard;
import dev.beacon.auth.AuthEntry;
import dev.beacon.auth.AuthStore;
import dev.beacon.auth.Authenticator;
import dev.beacon.auth.Passwords;
import dev.beacon.bus.EventBusApiVerticle;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.config.Switches;
import dev.beacon.core.LocalCodec;
import dev.beacon.core.NodeStatus;
import dev.beacon.core.ReplicatedEntries;
import dev.beacon.distro.ClusterBootstrap;
import dev.beacon.distro.ClusterView;
import dev.beacon.distro.Distro;
import dev.beacon.grpc.GrpcStats;
import dev.beacon.grpc.GrpcVerticle;
import dev.beacon.grpc.Leases;
import dev.beacon.health.BeatTable;
import dev.beacon.health.Beats;
import dev.beacon.health.HealthVerticle;
import dev.beacon.http.HttpVerticle;
import dev.beacon.http.Routes;
import dev.beacon.metrics.Metrics;
import dev.beacon.model.ServiceKey;
import dev.beacon.push.PushVerticle;
import dev.beacon.push.SubscriberTable;
import dev.beacon.raft.PersistentServices;
import dev.beacon.raft.RaftEntries;
import dev.beacon.raft.RaftNode;
import dev.beacon.raft.RaftReads;
import dev.beacon.raft.RaftSetup;
import dev.beacon.raft.RaftSink;
import dev.beacon.raft.ReplicatedState;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.ConsistentReads;
import dev.beacon.registry.HybridClock;
import dev.beacon.registry.LocalSink;
import dev.beacon.registry.Namespaces;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryWorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;

/** Entry point: configuration, then Vert.x, then the verticles of one Beacon node. */
public final class Beacon {

  private static final Logger LOG = Logger.getLogger(Beacon.class.getName());

  private static final long READY_POLL_MS = 50;

  private final Vertx vertx;
  private final Node node;
  private final RaftNode raft;
  private final Distro distro;
  /**
   * Deployments that take requests (HTTP, the event-bus API) or judge instances by them (beat expiry, health checks):
   * undeployed first on close, so that a leaving node neither serves nor expires what its peers are taking over.
   */
  private final List<String> serving = new CopyOnWriteArrayList<>();
  private volatile String distroDeployment;

  private Beacon(Vertx vertx, Node node, RaftNode raft, Distro distro) {
    this.vertx = vertx;
    this.node = node;
    this.raft = raft;
    this.distro = distro;
  }

  public static void main(String[] args) {
    BeaconConfig config = configure(args);
    Beacon beacon;
    try {
      beacon = start(config).await(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      exit("start failed: " + rootCause(e));
      return;
    }
    beacon.closeOnSignal();
  }

  /**
   * The configuration and logging, or exit code 2 with a one-line reason: a bad key, value or log level, a bad
   * {@code raft-peers}, or a port to listen on that is taken.
   */
  private static BeaconConfig configure(String[] args) {
    try {
      BeaconConfig config = BeaconConfig.load(System.getenv(), args);
      Logging.configure(config.get(Setting.LOG_LEVEL));
      Listeners.firstTaken(config).ifPresent(Beacon::exit);
      return config;
    } catch (IllegalArgumentException e) {
      exit(e.getMessage());
      throw e;
    }
  }

  /** One line on stderr, exit code 2: how every start-up failure ends. */
  private static void exit(String reason) {
    System.err.println("beacon: " + reason);
    System.exit(2);
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return t == e || message == null ? String.valueOf(e.getMessage() == null ? e : e.getMessage())
        : e.getMessage() + " (" + t.getClass().getSimpleName() + ": " + message + ")";
  }

  /**
   * SIGTERM/SIGINT: graceful close bounded by shutdown-timeout, then exit 0 (a plain shutdown hook would leave the
   * JVM's 143). The hook covers other exits; whichever comes first closes, once.
   */
  private void closeOnSignal() {
    AtomicBoolean closing = new AtomicBoolean();
    long timeout = node.config().millis(Setting.SHUTDOWN_TIMEOUT);
    Runnable shutdown = () -> {
      if (closing.compareAndSet(false, true)) {
        try {
          close().await(timeout, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
          LOG.warning("shutdown did not complete within " + timeout + " ms: " + e);
        }
      }
    };
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> {
        shutdown.run();
        System.exit(0);
      });
    }
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "beacon-shutdown"));
  }

  /**
   * Starts a node: the future completes once it serves HTTP (in cluster mode: after its full sync from a peer). It
   * reports UP (and {@code /ready}) once Raft has a leader and this node has replayed its log; until then it answers
   * 503 like a starting Nacos.
   */
  public static Future<Beacon> start(BeaconConfig config) {
    Metrics metrics = new Metrics();
    VertxOptions options = metrics.vertxOptions(new VertxOptions());
    // Context-free: a failed start closes Vert.x, and listeners of a future bound to its (closed) event loops would
    // never run; this one is failed before the clean-up begins, so the caller always learns the outcome at once.
    Promise<Beacon> outcome = Promise.promise();
    AtomicReference<Vertx> made = new AtomicReference<>();
    AtomicReference<Beacon> node = new AtomicReference<>();
    Future<Beacon> starting;
    if (!config.clustered()) {
      Vertx vertx = Vertx.builder().with(options).withMetrics(metrics.vertxMetricsFactory()).build();
      made.set(vertx);
      starting = start(config, metrics, vertx, null, node);
    } else {
      starting = ClusterBootstrap.start(config, options, metrics.vertxMetricsFactory())
          .compose(boot -> {
            made.set(boot.vertx());
            return start(config, metrics, boot.vertx(), boot, node);
          });
    }
    starting.onComplete(ar -> {
      if (ar.succeeded()) {
        outcome.complete(ar.result());
        return;
      }
      LOG.severe("start failed: " + rootCause(ar.cause()));
      LOG.log(Level.FINE, "start failure", ar.cause());
      outcome.fail(ar.cause());
      if (node.get() != null) {
        node.get().close();
      } else if (made.get() != null) {
        made.get().close();
      }
    });
    return outcome.future();
  }

  private static Future<Beacon> start(BeaconConfig config, Metrics metrics, Vertx vertx, ClusterBootstrap boot,
                                     AtomicReference<Beacon> started) {
    LocalCodec.install(vertx);
    Registry registry = new Registry();
    BeatTable beatTable = new BeatTable();
    Switches switches = new Switches(config);
    AuthStore authStore = new AuthStore();
    Namespaces namespaces = new Namespaces();
    Authenticator auth = authenticator(vertx, config, authStore, metrics);
    Beats beats = new Beats(registry, beatTable, switches,
        command -> LocalSink.toWorker(vertx, command), metrics.registry());
    Distro distro = boot == null ? null : new Distro(boot, config, beats::apply);
    ClusterView cluster = distro == null ? ClusterView.standalone(config.nodeId()) : distro.membership();
    CommandSink ephemeralSink = distro == null ? new LocalSink(vertx, beats::apply) : distro.sink();
    SubscriberTable subscribers = new SubscriberTable(config.millis(Setting.PUSH_CACHE_MILLIS));
    metrics.watchNamespaces(vertx, registry);
    metrics.gauge("beacon.beats.tracked", "ephemeral instances with a beat time on this node", beatTable,
        BeatTable::size);
    metrics.watchPush(subscribers.stats());
    if (distro != null) {
      metrics.watchDistro(distro.stats());
    }
    return vertx.deployVerticle(new RegistryWorkerVerticle(registry, new HybridClock(),
            config.millis(Setting.WORKER_BATCH_DELAY), metrics.registry()))
        .compose(id -> vertx.executeBlocking(() -> RaftNode.start(RaftSetup.settings(config),
            replicatedState(vertx, config, registry, switches, authStore, namespaces))))
        .compose(raft -> {
          metrics.watchRaft(raft);
          ReplicatedEntries entries = new RaftEntries(raft);
          CommandSink sink = new RaftSink(entries, registry, ephemeralSink);
          Node node = new Node(config, registry, beatTable, sink, cluster, subscribers, new NodeStatus(), metrics,
              raft, entries, switches, auth, namespaces);
          Beacon beacon = new Beacon(vertx, node, raft, distro);
          started.set(beacon);
          ConsistentReads reads = new ConsistentReads(registry, RaftReads.of(raft, config.staleReads()));
          Routes routes = Routes.of(vertx, config, registry, sink, beatTable, cluster, subscribers, node.status(),
              switches, raft, entries, reads, auth, namespaces, metrics.registry());
          Guard guard = new Guard(config.authEnabled(), auth);
          EventBusApiVerticle api = new EventBusApiVerticle(routes, guard, node.status(), auth.stats(), cluster);
          return vertx.deployVerticle(new HealthVerticle(registry, beatTable, config, switches, cluster::isResponsible,
                  sink, metrics.registry()))
              .onSuccess(beacon.serving::add)
              .compose(id -> vertx.deployVerticle(new PushVerticle(config, registry, cluster, node.status(), switches,
                  subscribers)))
              .compose(id -> vertx.deployVerticle(api))
              .onSuccess(beacon.serving::add)
              .compose(id -> vertx.deployVerticle(() -> new HttpVerticle(config, routes, guard, node.status(), switches,
                      raft, metrics.registry(), auth.stats()),
                  new DeploymentOptions().setInstances(config.httpVerticles())))
              .onSuccess(beacon.serving::add)
              .compose(id -> deployGrpc(vertx, config, node, sink, reads, guard))
              .onSuccess(beacon.serving::add)
              .compose(id -> distro == null ? Future.<String>succeededFuture() : deployDistro(distro, raft, registry,
                  gained -> beatTable.refresh(gained, System.currentTimeMillis())))
              .onSuccess(id -> beacon.distroDeployment = id)
              .map(id -> beacon.reportUpWhenReady(api));
        });
  }

  /**
   * The table of what Raft replicates: one row per kind of state (its snapshot key, its entry types, how it applies,
   * snapshots and restores). A new kind is an entry builder beside its store and one row here. The keys and entry
   * types are the format of snapshot files and log entries on disk: never rename one.
   */
  static ReplicatedState replicatedState(Vertx vertx, BeaconConfig config, Registry registry,
                                         Switches switches, AuthStore auth, Namespaces namespaces) {
    return new ReplicatedState(List.of(
        PersistentServices.kind(vertx, registry, config.list(Setting.RAFT_PEERS).size() > 1),
        ReplicatedState.Kind.of("switches", Set.of(Switches.ENTRY), switches::apply, switches::snapshot,
            switches::restore),
        ReplicatedState.Kind.of("auth", AuthEntry.TYPES, auth::apply, auth::snapshot, auth::restore),
        ReplicatedState.Kind.of("namespaces", Set.of(Namespaces.ENTRY), namespaces::apply, namespaces::snapshot,
            namespaces::restore)));
  }

  /** The gRPC API: one verticle per event loop (as HTTP), sharing the node's leases and counters. */
  /**
   * Distro, and through it the follower's path to the Raft leader's read index: a round trip on the event bus instead
   * of Ratis' own follower path (bench/README.md: several times shorter).
   */
  private static Future<String> deployDistro(Distro distro, RaftNode raft, Registry registry,
                                             Consumer<Set<ServiceKey>> gained) {
    distro.serveReadIndex(raft::leaderReadIndex);
    if (raft.spansServers()) {
      raft.readThrough(distro::askReadIndex);
    }
    return distro.deploy(registry, gained);
  }

  private static Future<String> deployGrpc(Vertx vertx, BeaconConfig config, Node node, CommandSink sink,
                                          ConsistentReads reads, Guard guard) {
    Leases leases = new Leases(sink);
    GrpcStats stats = new GrpcStats();
    Metrics metrics = node.metrics();
    metrics.gauge("beacon.grpc.connections", "nacos-client 2.x connections on this node", stats,
        GrpcStats::connections);
    metrics.counter("beacon.grpc.pushes", "gRPC pushes sent", stats, GrpcStats::pushes);
    metrics.counter("beacon.grpc.pushes.unacknowledged", "gRPC pushes not acknowledged in time", stats,
        GrpcStats::unacknowledged);
    return vertx.deployVerticle(() -> new GrpcVerticle(config, node.registry(), leases, stats, node.status(),
        metrics.registry(), guard, reads, node.auth().stats().forbidden::increment),
        new DeploymentOptions().setInstances(config.httpVerticles()));
  }

  /**
   * Tokens and users. Auth off: a loud warning (anyone reachable can change everything, as in a default Nacos), and a
   * key only if one is configured (tokens are then issued but not read). Auth on: every API checks tokens (HTTP
   * headers or parameters, the event-bus message header {@code accessToken}, the gRPC payload headers).
   */
  private static Authenticator authenticator(Vertx vertx, BeaconConfig config, AuthStore store, Metrics metrics) {
    byte[] key = null;
    if (config.authEnabled()) {
      key = config.authKey();
      LOG.info("auth is on: the HTTP, event-bus and gRPC APIs check tokens");
    } else {
      LOG.warning("auth is OFF (" + Setting.AUTH_ENABLED.key() + "=false): anyone who can reach this node can "
          + "register, change and remove every service; turn it on with " + Setting.AUTH_ENABLED.key() + "=true");
      if (config.clustered() && config.get(Setting.CLUSTER_SECRET).isEmpty()) {
        LOG.warning("no " + Setting.CLUSTER_SECRET.key() + ": any member of the cluster (every Vert.x application "
            + "that joins it) can send the servers' internal messages; give the servers a shared secret");
      }
      if (!config.get(Setting.AUTH_SECRET_KEY).isEmpty()) {
        try {
          key = config.authKey();
        } catch (IllegalArgumentException e) {
          LOG.warning("ignoring " + Setting.AUTH_SECRET_KEY.key() + " while auth is off: " + e.getMessage());
        }
      }
    }
    Authenticator auth = new Authenticator(vertx, store, key, config.intValue(Setting.AUTH_TOKEN_TTL));
    metrics.counter("beacon.auth.login.failures", "logins and inline credentials refused", auth.stats(),
        s -> s.loginFailures.sum());
    metrics.counter("beacon.auth.tokens.expired", "requests with an expired token", auth.stats(),
        s -> s.expiredTokens.sum());
    metrics.counter("beacon.auth.tokens.retired", "requests with a token issued before its user's password changed",
        auth.stats(), s -> s.retiredTokens.sum());
    metrics.counter("beacon.auth.forbidden", "requests refused with 403 by auth", auth.stats(),
        s -> s.forbidden.sum());
    return auth;
  }

  /**
   * The admin {@code nacos} from {@code auth-admin-password}, through Raft, unless some user already holds the admin
   * role (a restart, or another node was first: the entry then answers 409, which is fine).
   */
  private Future<?> createAdminIfConfigured() {
    String password = node.config().get(Setting.AUTH_ADMIN_PASSWORD);
    if (password.isEmpty() || node.auth().store().data().hasAdmin()) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> Passwords.hash(password), false)
        .compose(hash -> node.entries().submit(AuthEntry.createAdmin(hash)))
        .onSuccess(ok -> LOG.info("created the admin user " + AuthEntry.ADMIN_USER + " from "
            + Setting.AUTH_ADMIN_PASSWORD.key()))
        .onFailure(e -> LOG.info("admin user not created: " + e.getMessage()));
  }

  private Beacon reportUpWhenReady(EventBusApiVerticle api) {
    LOG.info("Beacon " + node.config().nodeId() + " serving http://" + node.config().host() + ":"
        + node.config().port() + "/nacos (" + (distro == null ? "standalone" : "cluster, synced") + "); waiting for Raft");
    vertx.setPeriodic(0, READY_POLL_MS, id -> {
      if (node.status().state() != NodeStatus.State.STARTING) {
        vertx.cancelTimer(id);
      } else if (raft.ready()) {
        vertx.cancelTimer(id);
        createAdminIfConfigured().eventually(api::open).onComplete(ar -> {
          node.status().set(NodeStatus.State.UP);
          LOG.info("Beacon " + node.config().nodeId() + " is UP (Raft leader " + raft.leaderId().orElse("?") + ")");
        });
      }
    });
    return this;
  }

  public Node node() {
    return node;
  }

  /** The cluster-mode parts (membership, stats), or null when standalone. */
  public Distro distro() {
    return distro;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Whether this node currently leads the Raft group (operators and tests pick the leader by it). */
  public boolean isRaftLeader() {
    return raft.isLeader();
  }

  /**
   * Shuts the node down in the order that loses nothing: stop taking requests (clients and peers turn to the other
   * servers), hand over to the survivors (last deltas, goodbye), close Raft (it applies through the worker), then
   * Vert.x and with it Hazelcast. Each step runs even if the one before failed; the caller bounds the whole.
   */
  public Future<Void> close() {
    node.status().set(NodeStatus.State.DOWN);
    LOG.info("Beacon " + node.config().nodeId() + " shutting down");
    // A context-free promise: the event loops that would run listeners of vertx.close() are gone by then.
    Promise<Void> closed = Promise.promise();
    stopServing()
        .eventually(this::handOver)
        .eventually(this::closeRaft)
        .eventually(vertx::close)
        .onComplete(ar -> {
          LOG.info("Beacon " + node.config().nodeId() + " stopped");
          closed.handle(ar.mapEmpty());
        });
    return closed.future();
  }

  private Future<?> stopServing() {
    return Future.join(serving.stream().map(vertx::undeploy).toList());
  }

  private Future<?> handOver() {
    return distroDeployment == null ? Future.succeededFuture() : vertx.undeploy(distroDeployment);
  }

  private Future<?> closeRaft() {
    return vertx.executeBlocking(() -> {
      raft.close();
      return null;
    });
  }
}
