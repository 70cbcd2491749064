package dev.beacon.raft;

import dev.beacon.auth.AuthEntry;
import dev.beacon.auth.AuthStore;
import dev.beacon.config.Switches;
import dev.beacon.core.Addresses;
import dev.beacon.model.PersistentPart;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.CommandJson;
import dev.beacon.registry.Namespaces;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import dev.beacon.registry.RegistryWorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Applies committed Raft entries to this node's registry by sending them to the local worker, so reads see persistent
 * and ephemeral instances in the same views; snapshots and restores the persistent part of the registry.
 * Entries are {@link CommandJson}, a {@code SetSwitch}, a {@link Namespaces} entry or an {@link AuthEntry}; replies are {@code {"ok":<reply>}} or {@code {"status":<4xx>,"message":…}}.
 */
public final class RegistryApplier implements RaftApplier {

  /** Type of the entry that sets a runtime switch (not a registry command: it never reaches the worker). */
  public static final String SET_SWITCH = "SetSwitch";

  private final Vertx vertx;
  private final Registry registry;
  private final Switches switches;
  private final AuthStore auth;
  private final Namespaces namespaces;
  private final DeliveryOptions delivery = new DeliveryOptions();

  /** {@code spansServers}: the group has several members, so every server applies entries itself (not Distro). */
  public RegistryApplier(Vertx vertx, Registry registry, Switches switches, AuthStore auth, Namespaces namespaces,
                         boolean spansServers) {
    this.vertx = vertx;
    this.registry = registry;
    this.switches = switches;
    this.auth = auth;
    this.namespaces = namespaces;
    if (spansServers) {
      delivery.addHeader(RegistryWorkerVerticle.REPLICATED_BY_RAFT, "true");
    }
  }

  @Override
  public CompletableFuture<byte[]> apply(byte[] entry) {
    Object command;
    try {
      JsonObject json = new JsonObject(Buffer.buffer(entry));
      if (SET_SWITCH.equals(json.getString("type"))) {
        switches.set(json.getString("entry"), json.getString("value")); // validated before it was submitted
        return done(new JsonObject().put("ok", "ok"));
      }
      if (Namespaces.ENTRY.equals(json.getString("type"))) {
        return done(namespaces.apply(json)); // namespace definitions: applied here, never reach the worker
      }
      if (AuthEntry.isAuthEntry(json)) {
        return done(auth.apply(json)); // users, roles, permissions: applied here, never reach the worker
      }
      command = CommandJson.decode(json);
    } catch (RuntimeException e) {
      return done(new JsonObject().put("status", 400).put("message", "unreadable Raft entry: " + e.getMessage()));
    }
    return toWorker((RegistryCommand) command)
        .map(reply -> new JsonObject().put("ok", reply))
        .otherwise(e -> e instanceof ReplyException r
            ? new JsonObject().put("status", r.failureCode()).put("message", r.getMessage())
            : new JsonObject().put("status", 500).put("message", String.valueOf(e)))
        .toCompletionStage().toCompletableFuture().thenApply(json -> json.toBuffer().getBytes());
  }

  /** Every service with a definition, non-default clusters or persistent instances: what Raft owns. */
  @Override
  public byte[] snapshot() {
    JsonArray services = new JsonArray();
    for (ServiceView v : registry.views()) {
      PersistentPart part = PersistentPart.of(v);
      if (!part.isEmpty()) {
        services.add(CommandJson.part(part));
      }
    }
    return new JsonObject().put("services", services).put("switches", new JsonObject(new LinkedHashMap<>(
        switches.changed()))).put("auth", auth.snapshot()).put("namespaces", namespaces.snapshot()).toBuffer().getBytes();
  }

  /** Makes the registry's persistent part equal to the snapshot's (services it lacks lose theirs). */
  @Override
  public void restore(byte[] snapshot) {
    List<Future<Object>> applied = new ArrayList<>();
    Set<ServiceKey> restored = new HashSet<>();
    JsonObject all = new JsonObject(Buffer.buffer(snapshot));
    Map<String, String> changed = new LinkedHashMap<>();
    all.getJsonObject("switches", new JsonObject()).forEach(e -> changed.put(e.getKey(), String.valueOf(e.getValue())));
    switches.reset(changed);
    auth.restore(all.getJsonObject("auth"));
    namespaces.restore(all.getJsonObject("namespaces"));
    for (Object o : all.getJsonArray("services")) {
      PersistentPart part = CommandJson.part((JsonObject) o);
      restored.add(part.key());
      applied.add(toWorker(new RegistryCommand.ReplacePersistent(part)));
    }
    for (ServiceView v : registry.views()) {
      if (!restored.contains(v.key())) {
        applied.add(toWorker(new RegistryCommand.ReplacePersistent(
            new PersistentPart(v.key(), ServiceSettings.IMPLICIT, List.of(), List.of()))));
      }
    }
    try {
      // Ratis calls this on its own thread and replays the log after it returns: wait until the worker has it all.
      Future.all(applied).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("restoring the Raft snapshot failed: " + e, e);
    }
  }

  private Future<Object> toWorker(RegistryCommand command) {
    return vertx.eventBus().request(Addresses.REGISTRY_COMMANDS, command, delivery).map(m -> m.body());
  }

  private static CompletableFuture<byte[]> done(JsonObject reply) {
    return CompletableFuture.completedFuture(reply.toBuffer().getBytes());
  }
}
