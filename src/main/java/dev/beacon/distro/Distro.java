package dev.beacon.distro;

import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.core.Addresses;
import dev.beacon.model.ServiceKey;
import dev.beacon.registry.Beat;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

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

  /** What this node answers when it leads the Raft group and a follower asks for the read index. */
  private volatile Supplier<CompletableFuture<Long>> leaderReadIndex =
      () -> CompletableFuture.failedFuture(new IllegalStateException("no Raft group here"));

  /** Serves followers' read-index requests from {@code source} (the Raft member's {@code leaderReadIndex}). */
  public void serveReadIndex(Supplier<CompletableFuture<Long>> source) {
    this.leaderReadIndex = source;
  }

  CompletableFuture<Long> leaderReadIndex() {
    return leaderReadIndex.get();
  }

  /** Asks the server {@code leader} (the Raft leader) for its read index over the event bus. */
  public CompletableFuture<Long> askReadIndex(String leader) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(config.millis(Setting.RAFT_REQUEST_TIMEOUT));
    return bootstrap.vertx().eventBus().<Long>request(Addresses.distroReadIndex(leader), "", options)
        .map(Message::body).toCompletionStage().toCompletableFuture();
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
