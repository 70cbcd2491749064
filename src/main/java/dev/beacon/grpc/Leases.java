package dev.beacon.grpc;

import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.ServiceKey;
import dev.beacon.registry.Beat;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Connection-bound instances on top of the beat-based registry. One {@code Leases} serves all {@link GrpcVerticle}
 * instances of a node: each calls it from its own event loop for its own connections; only the holder counts are
 * shared (per service, changed atomically). A 2.x client never beats: its connection is the lease.
 * This node registers what its connections publish, beats for them every beat interval (the beat carries the
 * instance, so the node responsible re-creates it if it lost it), and deregisters an instance when the last
 * connection here that publishes it goes. If this node dies the beats stop and the instances expire like any
 * unbeaten instance, while the clients redo their registrations on another node.
 */
public final class Leases {

  private static final Logger LOG = Logger.getLogger(Leases.class.getName());

  private final CommandSink sink;
  /** How many connections of this node publish each instance address: two clients may register the same one. */
  private final Map<ServiceKey, Map<InstanceRef, Integer>> holders = new ConcurrentHashMap<>();

  public Leases(CommandSink sink) {
    this.sink = sink;
  }

  /**
   * Replaces what {@code conn} publishes in a service with {@code instances} (empty = nothing): one command, whatever
   * it adds and removes (a register that replaces the connection's earlier address, a batch).
   */
  Future<Void> publish(GrpcConnection conn, ServiceKey key, List<Instance> instances) {
    List<Instance> before = instances.isEmpty() ? conn.published.remove(key) : conn.published.put(key, instances);
    List<InstanceRef> gone = hold(key, refs(before), refs(instances));
    // Every instance is sent, held before or not: the node responsible starts the lease when it applies the register
    // (a new or changed instance gets a full grace period there); the renewal beats keep it from then on.
    return gone.isEmpty() && instances.isEmpty() ? Future.succeededFuture()
        : sink.submit(new RegistryCommand.Publish(key, gone, instances)).mapEmpty();
  }

  /** Drops everything a closed connection published. */
  void releaseAll(GrpcConnection conn) {
    conn.published.forEach((key, instances) -> {
      List<InstanceRef> gone = hold(key, refs(instances), Set.of());
      if (!gone.isEmpty()) {
        sink.submit(new RegistryCommand.Publish(key, gone, List.of()))
            .onFailure(e -> LOG.fine(() -> "release of " + key + " " + gone + " failed: " + e));
      }
    });
    conn.published.clear();
  }

  /** Beats once for every instance this node's connections publish. */
  void renew(Iterable<GrpcConnection> connections) {
    for (GrpcConnection conn : connections) {
      conn.published.forEach((key, instances) -> instances.forEach(i -> sink.beat(beat(key, i))
          .onFailure(e -> LOG.fine(() -> "lease beat of " + key + " " + i.ref() + " failed: " + e))));
    }
  }

  /**
   * One connection moves from holding {@code had} to holding {@code kept} in a service: one atomic update of the
   * service's holder counts (the inner map is only touched inside compute on its key, from any event loop). Answers
   * the addresses no connection of this node holds any more: they go.
   */
  private List<InstanceRef> hold(ServiceKey key, Set<InstanceRef> had, Set<InstanceRef> kept) {
    List<InstanceRef> gone = new ArrayList<>();
    holders.compute(key, (k, counts) -> {
      Map<InstanceRef, Integer> m = counts == null ? new HashMap<>() : counts;
      for (InstanceRef ref : had) {
        if (kept.contains(ref)) {
          continue;
        }
        Integer n = m.remove(ref);
        if (n != null && n > 1) {
          m.put(ref, n - 1); // another connection here still publishes it
        } else {
          gone.add(ref);
        }
      }
      for (InstanceRef ref : kept) {
        if (!had.contains(ref)) {
          m.merge(ref, 1, Integer::sum);
        }
      }
      return m.isEmpty() ? null : m;
    });
    return gone;
  }

  private static Set<InstanceRef> refs(List<Instance> instances) {
    if (instances == null || instances.isEmpty()) {
      return Set.of();
    }
    Set<InstanceRef> refs = new HashSet<>();
    instances.forEach(i -> refs.add(i.ref()));
    return refs;
  }

  private static Beat beat(ServiceKey key, Instance i) {
    return new Beat(key, i.ref(), i);
  }
}
