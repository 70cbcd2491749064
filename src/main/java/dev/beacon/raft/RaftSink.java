package dev.beacon.raft;

import dev.beacon.core.ReplicatedEntries;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Beat;
import dev.beacon.registry.CommandJson;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand.UpsertService.Mode;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Routes persistent writes (persistent instances, service definitions, cluster settings) through Raft and everything
 * else to the inner sink. A persistent write is acknowledged once a majority has committed it and this node has
 * applied it; without a majority it fails with 503 within the Raft request timeout. Persistent commands are
 * {@link CommandJson} entries submitted through the same {@link ReplicatedEntries} port as every other replicated
 * kind.
 */
public final class RaftSink implements CommandSink {

  private final ReplicatedEntries entries;
  private final Registry registry;
  private final CommandSink inner;

  public RaftSink(ReplicatedEntries entries, Registry registry, CommandSink inner) {
    this.entries = entries;
    this.registry = registry;
    this.inner = inner;
  }

  @Override
  public Future<Object> submit(RegistryCommand command) {
    if (!persistent(command)) {
      return inner.submit(command);
    }
    return entries.submit(CommandJson.encode(checked(command)));
  }

  @Override
  public Future<JsonObject> beat(Beat beat) {
    return inner.beat(beat);
  }

  /** What Raft owns: persistent instances, service definitions and cluster settings. */
  private boolean persistent(RegistryCommand command) {
    if (command instanceof RegistryCommand.Register c) {
      return !c.instance().ephemeral();
    }
    if (command instanceof RegistryCommand.Deregister c) {
      return !c.ephemeral();
    }
    if (command instanceof RegistryCommand.Patch c) {
      return isPersistent(c.key(), c.ref());
    }
    if (command instanceof RegistryCommand.SetHealth c) {
      return isPersistent(c.key(), c.ref());
    }
    if (command instanceof RegistryCommand.BatchMetadata c) {
      return "persist".equals(c.consistency()) || (c.consistency().isEmpty() && hasPersistent(registry.view(c.key())));
    }
    return command instanceof RegistryCommand.UpsertService || command instanceof RegistryCommand.RemoveService
        || command instanceof RegistryCommand.UpdateCluster;
  }

  /**
   * Validation that depends on the service's existence happens here, against this node's tables, and the entry is
   * written in a form every replica can apply alike (create/update become upserts), so replicas never diverge on it.
   */
  private RegistryCommand checked(RegistryCommand command) {
    if (command instanceof RegistryCommand.UpsertService c) {
      c.checkExistence(registry.view(c.key()) != null);
      return new RegistryCommand.UpsertService(c.key(), c.settings(), Mode.UPSERT);
    }
    return command;
  }

  private boolean isPersistent(ServiceKey key, InstanceRef ref) {
    ServiceView view = registry.view(key);
    Instance i = view == null ? null : view.find(ref);
    return i != null && !i.ephemeral();
  }

  private static boolean hasPersistent(ServiceView view) {
    return view != null && view.instances().stream().anyMatch(i -> !i.ephemeral());
  }
}
