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
    Set<InstanceRef> kept = new HashSet<>();
    instances.forEach(i -> kept.add(i.ref()));
    Set<InstanceRef> had = new HashSet<>();
    List<InstanceRef> gone = new ArrayList<>();
    for (Instance old : before == null ? List.<Instance>of() : before) {
      had.add(old.ref());
      if (!kept.contains(old.ref()) && release(key, old.ref())) {
        gone.add(old.ref());
      }
    }
    for (Instance i : instances) {
      if (!had.contains(i.ref())) {
        // The inner map is only touched inside compute on its key: atomic across event loops.
        holders.compute(key, (k, counts) -> {
          Map<InstanceRef, Integer> m = counts == null ? new HashMap<>() : counts;
          m.merge(i.ref(), 1, Integer::sum);
          return m;
        });
      }
    }
    // Every instance is sent, held before or not: the node responsible starts the lease when it applies the register
    // (a new or changed instance gets a full grace period there); the renewal beats keep it from then on.
    return gone.isEmpty() && instances.isEmpty() ? Future.succeededFuture()
        : sink.submit(new RegistryCommand.Publish(key, gone, instances)).mapEmpty();
  }

  /** Drops everything a closed connection published. */
  void releaseAll(GrpcConnection conn) {
    conn.published.forEach((key, instances) -> {
      List<InstanceRef> gone = instances.stream().map(Instance::ref).filter(ref -> release(key, ref)).toList();
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

  /** One connection fewer publishes {@code ref}; true if it was the last one on this node (the address goes). */
  private boolean release(ServiceKey key, InstanceRef ref) {
    boolean[] last = {true};
    holders.computeIfPresent(key, (k, counts) -> {
      Integer n = counts.get(ref);
      if (n != null && n > 1) {
        counts.put(ref, n - 1);
        last[0] = false;
      } else {
        counts.remove(ref);
      }
      return counts.isEmpty() ? null : counts;
    });
    return last[0];
  }

  private static Beat beat(ServiceKey key, Instance i) {
    return new Beat(key, i.ref(), i);
  }
}
