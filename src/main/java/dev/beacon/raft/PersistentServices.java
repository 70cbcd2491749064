package dev.beacon.raft;

import dev.beacon.core.Addresses;
import dev.beacon.model.PersistentPart;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.CommandJson;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import dev.beacon.registry.RegistryWorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry's kind of replicated state: persistent instances, service definitions and cluster settings. Its
 * entries are {@link CommandJson} commands, applied through this node's registry worker so reads see persistent and
 * ephemeral instances in the same views; its snapshot part ({@value #KEY}) lists every service with a definition,
 * non-default clusters or persistent instances.
 */
public final class PersistentServices {

  /** The key of this kind's part of a snapshot. */
  public static final String KEY = "services";

  private final Vertx vertx;
  private final Registry registry;
  private final DeliveryOptions delivery = new DeliveryOptions();

  /** {@code spansServers}: the group has several members, so every server applies entries itself (not Distro). */
  private PersistentServices(Vertx vertx, Registry registry, boolean spansServers) {
    this.vertx = vertx;
    this.registry = registry;
    if (spansServers) {
      delivery.addHeader(RegistryWorkerVerticle.REPLICATED_BY_RAFT, "true");
    }
  }

  /** The row of the replicated-state table for this node's registry. */
  public static ReplicatedState.Kind kind(Vertx vertx, Registry registry, boolean spansServers) {
    PersistentServices services = new PersistentServices(vertx, registry, spansServers);
    return new ReplicatedState.Kind(KEY, CommandJson.COMMANDS, services::apply, services::snapshot,
        services::restore);
  }

  private Future<JsonObject> apply(JsonObject entry) {
    return toWorker((RegistryCommand) CommandJson.decode(entry))
        .map(reply -> new JsonObject().put("ok", reply))
        .otherwise(e -> e instanceof ReplyException r
            ? new JsonObject().put("status", r.failureCode()).put("message", r.getMessage())
            : new JsonObject().put("status", 500).put("message", String.valueOf(e)));
  }

  private JsonArray snapshot() {
    JsonArray services = new JsonArray();
    for (ServiceView v : registry.views()) {
      PersistentPart part = PersistentPart.of(v);
      if (!part.isEmpty()) {
        services.add(CommandJson.part(part));
      }
    }
    return services;
  }

  /** Makes the registry's persistent part equal to the snapshot's (services it lacks lose theirs). */
  private Future<?> restore(Object part) {
    List<Future<Object>> applied = new ArrayList<>();
    Set<ServiceKey> restored = new HashSet<>();
    for (Object o : part == null ? new JsonArray() : (JsonArray) part) {
      PersistentPart p = CommandJson.part((JsonObject) o);
      restored.add(p.key());
      applied.add(toWorker(new RegistryCommand.ReplacePersistent(p)));
    }
    for (ServiceView v : registry.views()) {
      if (!restored.contains(v.key())) {
        applied.add(toWorker(new RegistryCommand.ReplacePersistent(
            new PersistentPart(v.key(), ServiceSettings.IMPLICIT, List.of(), List.of()))));
      }
    }
    return Future.all(applied);
  }

  private Future<Object> toWorker(RegistryCommand command) {
    return vertx.eventBus().request(Addresses.REGISTRY_COMMANDS, command, delivery).map(m -> m.body());
  }
}
