package dev.beacon;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.distro.ClusterView;
import dev.beacon.health.BeatTable;
import dev.beacon.health.Beats;
import dev.beacon.health.HealthVerticle;
import dev.beacon.http.HttpVerticle;
import dev.beacon.http.EventBusApiVerticle;
import dev.beacon.push.PushVerticle;
import dev.beacon.push.SubscriberTable;
import dev.beacon.registry.HybridClock;
import dev.beacon.registry.LocalSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryWorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import dev.beacon.metrics.Metrics;
import dev.beacon.push.PushStats;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Entry point: configuration, then Vert.x, then the verticles of one Beacon node. */
public final class Beacon {

  private static final Logger LOG = Logger.getLogger(Beacon.class.getName());

  private final Vertx vertx;
  private final Node node;

  private Beacon(Vertx vertx, Node node) {
    this.vertx = vertx;
    this.node = node;
  }

  public static void main(String[] args) {
    BeaconConfig config;
    try {
      config = BeaconConfig.load(System.getenv(), args);
    } catch (IllegalArgumentException e) {
      System.err.println("beacon: " + e.getMessage());
      System.exit(2);
      return;
    }
    Logging.configure(config.get(Setting.LOG_LEVEL));
    Beacon beacon;
    try {
      beacon = start(config).await(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      LOG.log(Level.SEVERE, "start failed: " + e.getMessage(), e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        beacon.close().await(config.millis(Setting.SHUTDOWN_TIMEOUT), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warning("shutdown did not complete cleanly: " + e);
      }
      LogManager.getLogManager().reset();
    }, "beacon-shutdown"));
  }

  /** Starts a node: the future completes once it serves HTTP. */
  public static Future<Beacon> start(BeaconConfig config) {
    Metrics metrics = new Metrics();
    Vertx vertx = Vertx.builder().with(metrics.vertxOptions(new VertxOptions()))
        .withMetrics(metrics.vertxMetricsFactory()).build();
    LocalCodec.install(vertx);
    Registry registry = new Registry();
    BeatTable beatTable = new BeatTable();
    Beats beats = new Beats(registry, beatTable, config.millis(Setting.BEAT_INTERVAL),
        command -> LocalSink.toWorker(vertx, command), metrics.registry());
    ClusterView cluster = ClusterView.standalone(config.nodeId());
    SubscriberTable subscribers = new SubscriberTable(config.millis(Setting.PUSH_CACHE_MILLIS));
    Node node = new Node(config, registry, beatTable, new LocalSink(vertx, beats::apply), cluster,
        subscribers, new NodeStatus(), metrics);
    metrics.watchNamespaces(vertx, registry);
    PushStats push = subscribers.stats();
    metrics.counter("beacon.push.sent", "UDP pushes sent (first sends)", push, PushStats::getSent);
    metrics.counter("beacon.push.resent", "UDP pushes resent for a missing ack", push, PushStats::getResent);
    metrics.counter("beacon.push.acked", "UDP pushes acknowledged", push, PushStats::getAcked);
    metrics.counter("beacon.push.failed", "UDP pushes given up after retries", push, PushStats::getFailed);
    metrics.gauge("beacon.push.subscribers", "live UDP push subscribers", push, PushStats::getSubscribers);
    return vertx.deployVerticle(new RegistryWorkerVerticle(registry, new HybridClock(),
            config.millis(Setting.WORKER_BATCH_DELAY), metrics.registry()))
        .compose(id -> vertx.deployVerticle(new HealthVerticle(registry, beatTable, config, cluster::isResponsible,
            node.sink(), metrics.registry())))
        .compose(id -> vertx.deployVerticle(new PushVerticle(node, subscribers)))
        .compose(id -> vertx.deployVerticle(new EventBusApiVerticle(node)))
        .compose(id -> vertx.deployVerticle(() -> new HttpVerticle(node),
            new DeploymentOptions().setInstances(config.httpVerticles())))
        .map(id -> {
          node.status().set(NodeStatus.State.UP);
          LOG.info("Beacon " + config.nodeId() + " up: http://" + config.host() + ":" + config.port() + "/nacos"
              + " (standalone)");
          return new Beacon(vertx, node);
        })
        .recover(e -> vertx.close().transform(v -> Future.failedFuture(e)));
  }

  public Node node() {
    return node;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Stops serving and releases everything; the node reports DOWN meanwhile. */
  public Future<Void> close() {
    node.status().set(NodeStatus.State.DOWN);
    LOG.info("Beacon " + node.config().nodeId() + " shutting down");
    return vertx.close();
  }
}
