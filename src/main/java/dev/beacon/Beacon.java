package dev.beacon;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.distro.ClusterBootstrap;
import dev.beacon.distro.ClusterView;
import dev.beacon.distro.Distro;
import dev.beacon.health.BeatTable;
import dev.beacon.health.Beats;
import dev.beacon.health.HealthVerticle;
import dev.beacon.http.HttpVerticle;
import dev.beacon.push.Subscriptions;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.HybridClock;
import dev.beacon.registry.LocalSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryWorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Entry point: configuration, then Vert.x, then the verticles of one Beacon node. */
public final class Beacon {

  private static final Logger LOG = Logger.getLogger(Beacon.class.getName());

  private final Vertx vertx;
  private final Node node;
  private final Distro distro;

  private Beacon(Vertx vertx, Node node, Distro distro) {
    this.vertx = vertx;
    this.node = node;
    this.distro = distro;
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

  /**
   * Starts a node: the future completes once it is UP (in cluster mode: after its full sync from a peer). HTTP
   * answers earlier, with 503 from {@code /ready} and the API until then.
   */
  public static Future<Beacon> start(BeaconConfig config) {
    if (!config.clustered()) {
      return start(config, Vertx.vertx(), null);
    }
    return ClusterBootstrap.start(config).compose(boot -> start(config, boot.vertx(), boot));
  }

  private static Future<Beacon> start(BeaconConfig config, Vertx vertx, ClusterBootstrap boot) {
    LocalCodec.install(vertx);
    Registry registry = new Registry();
    BeatTable beatTable = new BeatTable();
    Beats beats = new Beats(registry, beatTable, config.millis(Setting.BEAT_INTERVAL),
        command -> LocalSink.toWorker(vertx, command));
    Distro distro = boot == null ? null : new Distro(boot, config, beats::apply);
    ClusterView cluster = distro == null ? ClusterView.standalone(config.nodeId()) : distro.membership();
    CommandSink sink = distro == null ? new LocalSink(vertx, beats::apply) : distro.sink();
    Node node = new Node(config, registry, beatTable, sink, cluster, Subscriptions.NONE, new NodeStatus());
    return vertx.deployVerticle(new RegistryWorkerVerticle(registry, new HybridClock(),
            config.millis(Setting.WORKER_BATCH_DELAY)))
        .compose(id -> vertx.deployVerticle(new HealthVerticle(registry, beatTable, config, cluster::isResponsible)))
        .compose(id -> vertx.deployVerticle(() -> new HttpVerticle(node),
            new DeploymentOptions().setInstances(config.httpVerticles())))
        .compose(id -> distro == null ? Future.succeededFuture() : distro.deploy(registry, beatTable))
        .map(id -> {
          node.status().set(NodeStatus.State.UP);
          LOG.info("Beacon " + config.nodeId() + " up: http://" + config.host() + ":" + config.port() + "/nacos"
              + (distro == null ? " (standalone)" : " (cluster: " + cluster.servers().size() + " servers)"));
          return new Beacon(vertx, node, distro);
        })
        .recover(e -> vertx.close().transform(v -> Future.failedFuture(e)));
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

  /** Stops serving and releases everything; the node reports DOWN meanwhile. */
  public Future<Void> close() {
    node.status().set(NodeStatus.State.DOWN);
    LOG.info("Beacon " + node.config().nodeId() + " shutting down");
    return vertx.close();
  }
}
