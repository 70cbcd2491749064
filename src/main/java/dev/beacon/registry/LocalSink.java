package dev.beacon.registry;

import dev.beacon.core.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/** The standalone route: every command goes to this node's worker, every beat is applied here. */
public final class LocalSink implements CommandSink {

  private final Vertx vertx;
  private final Function<Beat, Future<JsonObject>> beats;

  public LocalSink(Vertx vertx, Function<Beat, Future<JsonObject>> beats) {
    this.vertx = vertx;
    this.beats = beats;
  }

  /** Sends a command to this node's worker. */
  public static Future<Object> toWorker(Vertx vertx, RegistryCommand command) {
    return vertx.eventBus().request(Addresses.REGISTRY_COMMANDS, command).map(Message::body);
  }

  @Override
  public Future<Object> submit(RegistryCommand command) {
    return toWorker(vertx, command);
  }

  @Override
  public Future<JsonObject> beat(Beat beat) {
    return beats.apply(beat);
  }
}
