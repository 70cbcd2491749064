package dev.beacon.distro;

import dev.beacon.model.ServiceView;
import dev.beacon.registry.LocalSink;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies views received from peers through the local worker, "newer revision wins" ({@code ApplyRemote}), so deltas,
 * verify repairs and full-sync chunks can arrive in any order and be applied any number of times. Revisions are
 * hybrid logical clock values and the worker observes every applied one, so whichever node owns a service next
 * stamps revisions above all it has seen; ordering holds across a move of responsibility.
 */
final class Replica {

  private final Vertx vertx;
  private final DistroStats stats;

  private final boolean raftOwnsPersistent;

  /** {@code raftOwnsPersistent}: a Raft group spans the servers, so peers' views bring only ephemeral instances. */
  Replica(Vertx vertx, DistroStats stats, boolean raftOwnsPersistent) {
    this.vertx = vertx;
    this.stats = stats;
    this.raftOwnsPersistent = raftOwnsPersistent;
  }

  Future<Void> apply(List<ServiceView> views) {
    List<Future<Object>> applied = new ArrayList<>(views.size());
    for (ServiceView v : views) {
      RegistryCommand apply = new RegistryCommand.ApplyRemote(v.key(), v, raftOwnsPersistent);
      applied.add(LocalSink.toWorker(vertx, apply).onSuccess(r -> {
        if (Boolean.TRUE.equals(r)) {
          stats.viewsApplied.increment();
        } else {
          stats.viewsIgnored.increment();
        }
      }));
    }
    return Future.all(applied).mapEmpty();
  }

  Future<Void> remove(List<Delta.Removal> removals) {
    List<Future<Object>> removed = new ArrayList<>(removals.size());
    for (Delta.Removal r : removals) {
      removed.add(LocalSink.toWorker(vertx, new RegistryCommand.RemoveRemote(r.key(), r.revision(), raftOwnsPersistent))
          .onSuccess(x -> stats.removalsApplied.increment()));
    }
    return Future.all(removed).mapEmpty();
  }
}
