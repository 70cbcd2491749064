package dev.beacon.distro;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.model.ServiceKey;
import dev.beacon.registry.Beat;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The cluster-mode parts of one node, built by {@code Beacon.start}: the clustered Vert.x, the membership that
 * answers "who is responsible", the forwarding sink, and the {@link DistroVerticle}.
 */
public final class Distro {

  private final ClusterBootstrap bootstrap;
  private final BeaconConfig config;
  private final Membership membership;
  private final DistroStats stats = new DistroStats();
  private final DistroSink sink;
  private final Function<Beat, Future<JsonObject>> beats;

  public Distro(ClusterBootstrap bootstrap, BeaconConfig config, Function<Beat, Future<JsonObject>> beats) {
    this.bootstrap = bootstrap;
    this.config = config;
    this.beats = beats;
    this.membership = new Membership(config.nodeId());
    bootstrap.vertx().eventBus().registerCodec(new CommandCodec());
    String secret = config.get(Setting.CLUSTER_SECRET);
    if (!secret.isEmpty()) {
      ClusterSeal.install(bootstrap.vertx().eventBus(), secret, config.nodeId(), stats.refused);
    }
    this.sink = new DistroSink(bootstrap.vertx(), membership, beats, stats, forwardTimeout());
  }

  /** Deploys the Distro verticle; completes once this node has synced and joined. */
  public Future<String> deploy(Registry registry, Consumer<Set<ServiceKey>> gainedServices) {
    return bootstrap.vertx().deployVerticle(new DistroVerticle(this, registry, gainedServices, beats));
  }

  public Vertx vertx() {
    return bootstrap.vertx();
  }

  public ClusterBootstrap bootstrap() {
    return bootstrap;
  }

  public Membership membership() {
    return membership;
  }

  public CommandSink sink() {
    return sink;
  }

  public DistroStats stats() {
    return stats;
  }

  /** True when {@code raft-peers} names a group of several servers: then Raft, not Distro, replicates persistent data. */
  boolean raftOwnsPersistent() {
    return config.list(Setting.RAFT_PEERS).size() > 1;
  }

  long deltaDelay() {
    return config.millis(Setting.DISTRO_DELTA_DELAY);
  }

  long verifyPeriod() {
    return config.millis(Setting.DISTRO_VERIFY_PERIOD);
  }

  long helloPeriod() {
    return config.millis(Setting.DISTRO_HELLO_PERIOD);
  }

  long memberTimeout() {
    return config.millis(Setting.DISTRO_MEMBER_TIMEOUT);
  }

  long forwardTimeout() {
    return config.millis(Setting.DISTRO_FORWARD_TIMEOUT);
  }

  int syncChunk() {
    return config.intValue(Setting.DISTRO_SYNC_CHUNK);
  }
}
