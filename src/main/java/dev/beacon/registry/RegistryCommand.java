package dev.beacon.registry;

import dev.beacon.core.LocalCodec.LocalMessage;
import dev.beacon.model.BeaconError;
import dev.beacon.model.ClusterSettings;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.PersistentPart;
import dev.beacon.model.PreservedKeys;
import dev.beacon.model.ServiceDraft;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every mutation of the registry: sent to {@link RegistryWorkerVerticle} over the local event bus, applied in arrival
 * order. {@link #apply} validates before it changes anything, so a refused command leaves the service untouched.
 * The reply is {@code "ok"} unless stated.
 */
public sealed interface RegistryCommand extends LocalMessage {

  String OK = "ok";

  ServiceKey key();

  Object apply(Target target);

  /** Upsert an instance; creates the service (and cluster) if missing. Same address with the other ephemeral-ness: 400. */
  record Register(ServiceKey key, Instance instance) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draftOrCreate(ServiceSettings.IMPLICIT);
      Instance existing = d.get(instance.ref());
      if (existing != null && existing.ephemeral() != instance.ephemeral()) {
        throw conflict(key, existing);
      }
      Instance next = instance;
      if (PreservedKeys.SNOWFLAKE.equals(instance.metadata().get(PreservedKeys.ID_GENERATOR))) {
        next = instance.withSnowflakeId(existing != null && existing.snowflakeId() != null
            ? existing.snowflakeId() : d.nextSnowflakeId());
      }
      d.put(next);
      return OK;
    }

    static BeaconError conflict(ServiceKey key, Instance existing) {
      return BeaconError.badRequest("instance " + existing.ref() + " is already registered as "
          + (existing.ephemeral() ? "ephemeral" : "persistent") + " in service " + key.groupedName());
    }
  }

  /**
   * What one client connection publishes in a service changed (nacos-client 2.x): its ephemeral instances
   * {@code removed} go, {@code added} are upserted as {@link Register} would. One command, so a 2.x register that
   * replaces the connection's earlier address, or a batch of any size, costs one trip to the worker and one view.
   */
  record Publish(ServiceKey key, List<InstanceRef> removed, List<Instance> added) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft existing = t.draft();
      for (Instance i : added) { // checked before anything changes: a refused command leaves the service untouched
        Instance same = existing == null ? null : existing.get(i.ref());
        if (same != null && same.ephemeral() != i.ephemeral()) {
          throw Register.conflict(key, same);
        }
      }
      removed.forEach(ref -> new Deregister(key, ref, true).apply(t));
      added.forEach(i -> new Register(key, i).apply(t));
      return OK;
    }
  }

  /** Remove an instance of the given ephemeral-ness; idempotent (Nacos answers ok for unknown ones). */
  record Deregister(ServiceKey key, InstanceRef ref, boolean ephemeral) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draft();
      Instance existing = d == null ? null : d.get(ref);
      if (existing != null && existing.ephemeral() == ephemeral) {
        d.remove(ref);
      }
      return OK;
    }
  }

  /** Change only the given fields of an existing instance (PATCH). */
  record Patch(ServiceKey key, InstanceRef ref, Double weight, Boolean healthy, Boolean enabled, Metadata metadata,
               String app) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draft();
      Instance existing = d == null ? null : d.get(ref);
      if (existing == null) {
        throw BeaconError.badRequest("instance not found");
      }
      d.put(existing.withPatch(weight, healthy, enabled, metadata, app));
      return OK;
    }
  }

  /**
   * Set an instance's health. {@code manual} is the operator endpoint: allowed only when the cluster's checker is NONE.
   * Otherwise it comes from beat expiry, a beat, or an active check, and a missing instance is simply skipped.
   */
  record SetHealth(ServiceKey key, InstanceRef ref, boolean healthy, boolean manual) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draft();
      Instance existing = d == null ? null : d.get(ref);
      if (manual) {
        if (d == null) {
          throw BeaconError.notFound("service not found: " + key.groupedName());
        }
        ClusterSettings cluster = d.cluster(ref.cluster());
        if (cluster != null && !cluster.manualHealth()) {
          throw BeaconError.badRequest("health check is still working, service: " + key.groupedName());
        }
        if (existing == null) {
          throw BeaconError.notFound("instance not found: " + ref);
        }
      }
      if (existing != null && existing.healthy() != healthy) {
        d.put(existing.withHealthy(healthy));
      }
      return OK;
    }
  }

  /** Remove expired ephemeral instances that are still due when the worker gets to them (a late beat saves one). */
  record Expire(ServiceKey key, List<InstanceRef> refs, Predicate<InstanceRef> stillDue) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draft();
      if (d != null) {
        for (InstanceRef ref : refs) {
          Instance i = d.get(ref);
          if (i != null && i.ephemeral() && stillDue.test(ref)) {
            d.remove(ref);
          }
        }
      }
      return OK;
    }
  }

  /** Create, update or upsert a service's settings. */
  record UpsertService(ServiceKey key, ServiceSettings settings, Mode mode) implements RegistryCommand {
    public enum Mode { CREATE, UPDATE, UPSERT }

    @Override
    public Object apply(Target t) {
      checkExistence(t.draft() != null);
      t.draftOrCreate(settings).settings(settings);
      return OK;
    }

    /** Create needs a new service, update an existing one (Nacos's messages); upsert takes either. */
    public void checkExistence(boolean exists) {
      if (mode == Mode.CREATE && exists) {
        throw BeaconError.badRequest("specified service already exists, serviceName : " + key.groupedName());
      }
      if (mode == Mode.UPDATE && !exists) {
        throw BeaconError.notFound("service " + key.groupedName() + " not found!");
      }
    }
  }

  /**
   * Delete a service together with its instances, ephemeral and persistent, as Nacos 1.4 does; with
   * {@code refuseIfNotEmpty} (the opt-in {@code service-delete-guard}) refused while it has instances, as Nacos 2.x.
   */
  record RemoveService(ServiceKey key, boolean refuseIfNotEmpty) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draft();
      if (d == null) {
        throw BeaconError.badRequest("specified service not exist, serviceName : " + key.groupedName());
      }
      if (refuseIfNotEmpty && !d.isEmpty()) {
        throw BeaconError.badRequest("service " + key.groupedName()
            + " is not empty, can't be deleted. Please unregister its instances first");
      }
      t.remove();
      return OK;
    }
  }

  /** Remove a service that exists only for ephemeral instances and has been empty long enough. */
  record RemoveIfEmpty(ServiceKey key) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draft();
      if (d != null && d.isEmpty() && !d.settings().defined()) {
        t.remove();
      }
      return OK;
    }
  }

  /** Create or replace a cluster's settings; the service must exist. */
  record UpdateCluster(ServiceKey key, ClusterSettings cluster) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draft();
      if (d == null) {
        throw BeaconError.notFound("service not found:" + key.groupedName());
      }
      d.cluster(cluster);
      return OK;
    }
  }

  /**
   * Merge ({@code delete=false}) or remove metadata keys on the chosen instances (all of the chosen kind when refs is
   * empty). Replies {@code {"updated":["ip:port:unknown:cluster:ephemeral|persist", …]}}.
   */
  record BatchMetadata(ServiceKey key, List<InstanceRef> refs, String consistency, Map<String, String> metadata,
                       boolean delete) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceDraft d = t.draft();
      if (d == null) {
        throw BeaconError.notFound("service " + key.groupedName() + " not found!");
      }
      JsonArray updated = new JsonArray();
      for (Instance i : List.copyOf(d.instances())) {
        boolean kind = consistency.isEmpty() || consistency.equals(i.ephemeral() ? "ephemeral" : "persist");
        if (kind && (refs.isEmpty() || refs.contains(i.ref()))) {
          Metadata m = delete ? i.metadata().without(metadata.keySet()) : i.metadata().merge(metadata);
          d.put(i.withMetadata(m));
          updated.add(i.ip() + ":" + i.port() + ":unknown:" + i.clusterName() + ":"
              + (i.ephemeral() ? "ephemeral" : "persist"));
        }
      }
      return new JsonObject().put("updated", updated);
    }
  }

  /** Replace the persistent part of a service with a Raft snapshot's; its ephemeral instances stay. */
  record ReplacePersistent(PersistentPart part) implements RegistryCommand {
    @Override
    public ServiceKey key() {
      return part.key();
    }

    @Override
    public Object apply(Target t) {
      if (part.isEmpty() && t.draft() == null) {
        return OK;
      }
      part.applyTo(t.draftOrCreate(part.settings()));
      return OK;
    }
  }

  /** A replica applies its owner's view if it is newer than its own (Distro delta, verify repair, full sync). */
  record ApplyRemote(ServiceKey key, ServiceView view, boolean keepLocalPersistent) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceView current = t.base();
      if (current != null && view.revision() <= current.revision()) {
        return Boolean.FALSE;
      }
      // The local part is the service as it stands in this batch, not the base: a Raft entry applied earlier in the
      // same batch is only in the draft, and replacing from the base would silently drop it on this node for good.
      if (!keepLocalPersistent) {
        t.replace(view);
        return Boolean.TRUE;
      }
      // A service this node does not have yet takes only the peer's ephemeral part too: its persistent instances
      // arrive here through Raft, never through a peer's copy.
      ServiceDraft local = t.draft() != null ? t.draft()
          : ServiceView.empty(key, ServiceSettings.IMPLICIT, 0, view.lastRefTime()).draft();
      ServiceView merged = withLocalPersistent(view, local);
      if (current == null && merged.size() == 0 && !merged.settings().defined()) {
        return Boolean.FALSE;
      }
      t.replace(merged);
      return Boolean.TRUE;
    }

    /**
     * When a Raft group spans the servers, Raft owns persistent instances, definitions and cluster settings: the
     * peer's view contributes only its ephemeral instances, so a delta can never undo a committed Raft write here.
     */
    static ServiceView withLocalPersistent(ServiceView remote, ServiceDraft local) {
      return PersistentPart.of(local).over(remote);
    }
  }

  /**
   * A replica drops a service its owner no longer has (Distro delta or verify). With {@code keepLocalPersistent}
   * only the ephemeral part goes: what Raft committed here (persistent instances, a defined service) stays.
   */
  record RemoveRemote(ServiceKey key, long revision, boolean keepLocalPersistent) implements RegistryCommand {
    @Override
    public Object apply(Target t) {
      ServiceView base = t.base();
      if (base == null || base.revision() > revision) {
        return OK;
      }
      ServiceDraft local = keepLocalPersistent ? t.draft() : null;
      ServiceView kept = local == null ? null : ApplyRemote.withLocalPersistent(
          ServiceView.empty(key, ServiceSettings.IMPLICIT, revision, base.lastRefTime()), local);
      if (kept != null && (kept.size() > 0 || kept.settings().defined())) {
        t.replace(kept);
      } else {
        t.removeByPeer();
      }
      return OK;
    }
  }
}
