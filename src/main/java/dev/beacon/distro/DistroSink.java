package dev.beacon.distro;

import dev.beacon.core.Addresses;
import dev.beacon.registry.Beat;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.LocalSink;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The cluster-mode route of writes and beats: applied here when this node is responsible for the service, otherwise
 * forwarded over the clustered event bus to the responsible node. If that node does not answer in time (it just
 * died, or is cut off), the write is applied here: availability first; the delta this node then publishes and the
 * next verification round reconcile. An answer from the owner, including a refusal, is final.
 */
public final class DistroSink implements CommandSink {

  private static final Logger LOG = Logger.getLogger(DistroSink.class.getName());

  private final Vertx vertx;
  private final ClusterView cluster;
  private final Function<Beat, Future<JsonObject>> beats;
  private final DistroStats stats;
  private final DeliveryOptions forward;

  public DistroSink(Vertx vertx, ClusterView cluster, Function<Beat, Future<JsonObject>> beats, DistroStats stats,
                    long timeout) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.beats = beats;
    this.stats = stats;
    this.forward = new DeliveryOptions().setCodecName(CommandCodec.NAME).setSendTimeout(timeout);
  }

  @Override
  public Future<Object> submit(RegistryCommand command) {
    if (!CommandCodec.forwardable(command)) {
      return LocalSink.toWorker(vertx, command);
    }
    String owner = cluster.responsibleNode(command.key());
    if (owner.equals(cluster.localNode())) {
      return LocalSink.toWorker(vertx, command);
    }
    return forward(owner, command, () -> LocalSink.toWorker(vertx, command));
  }

  @Override
  public Future<JsonObject> beat(Beat beat) {
    String owner = cluster.responsibleNode(beat.key());
    if (owner.equals(cluster.localNode())) {
      return beats.apply(beat);
    }
    return this.<JsonObject>forward(owner, beat, () -> beats.apply(beat));
  }

  private <T> Future<T> forward(String owner, Object payload, Supplier<Future<T>> locally) {
    stats.forwarded.increment();
    return vertx.eventBus().<T>request(Addresses.distroCommands(owner), payload, forward)
        .map(Message::body)
        .recover(e -> {
          if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            return Future.failedFuture(e);
          }
          stats.forwardFallbacks.increment();
          LOG.warning("responsible node " + owner + " did not take " + payload.getClass().getSimpleName()
              + " for " + keyOf(payload) + " (" + e.getMessage() + "); applying it here");
          return locally.get();
        });
  }

  private static Object keyOf(Object payload) {
    return payload instanceof Beat b ? b.key() : ((RegistryCommand) payload).key();
  }
}
