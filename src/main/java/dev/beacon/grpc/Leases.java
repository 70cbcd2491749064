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
import java.util.logging.Logger;

/**
 * Connection-bound instances on top of the beat-based registry. A 2.x client never beats: its connection is the lease.
 * This node registers what its connections publish, beats for them every beat interval (the beat carries the
 * instance, so the node responsible re-creates it if it lost it), and deregisters an instance when the last
 * connection here that publishes it goes. If this node dies the beats stop and the instances expire like any
 * unbeaten instance, while the clients redo their registrations on another node. Confined to the gRPC event loop.
 */
final class Leases {

  private static final Logger LOG = Logger.getLogger(Leases.class.getName());

  private final CommandSink sink;
  /** How many connections of this node publish each instance address: two clients may register the same one. */
  private final Map<ServiceKey, Map<InstanceRef, Integer>> holders = new HashMap<>();

  Leases(CommandSink sink) {
    this.sink = sink;
  }

  /** Replaces what {@code conn} publishes in a service with {@code instances} (empty = nothing). */
  Future<Void> publish(GrpcConnection conn, ServiceKey key, List<Instance> instances) {
    List<Instance> before = instances.isEmpty() ? conn.published.remove(key) : conn.published.put(key, instances);
    Set<InstanceRef> kept = new HashSet<>();
    instances.forEach(i -> kept.add(i.ref()));
    List<Future<?>> writes = new ArrayList<>();
    Set<InstanceRef> had = new HashSet<>();
    for (Instance old : before == null ? List.<Instance>of() : before) {
      had.add(old.ref());
      if (!kept.contains(old.ref())) {
        writes.add(release(key, old.ref()));
      }
    }
    for (Instance i : instances) {
      if (!had.contains(i.ref())) {
        holders.computeIfAbsent(key, k -> new HashMap<>()).merge(i.ref(), 1, Integer::sum);
      }
      // The node responsible starts the lease when it applies the register (a new or changed instance gets a full
      // grace period there); the renewal beats keep it from then on.
      writes.add(sink.submit(new RegistryCommand.Register(key, i)));
    }
    return Future.all(writes).mapEmpty();
  }

  /** Drops everything a closed connection published. */
  void releaseAll(GrpcConnection conn) {
    conn.published.forEach((key, instances) -> instances.forEach(i -> release(key, i.ref())));
    conn.published.clear();
  }

  /** Beats once for every instance this node's connections publish. */
  void renew(Iterable<GrpcConnection> connections) {
    for (GrpcConnection conn : connections) {
      conn.published.forEach((key, instances) -> instances.forEach(i -> sink.beat(beat(key, i))
          .onFailure(e -> LOG.fine(() -> "lease beat of " + key + " " + i.ref() + " failed: " + e))));
    }
  }

  private Future<?> release(ServiceKey key, InstanceRef ref) {
    Map<InstanceRef, Integer> counts = holders.get(key);
    Integer left = counts == null ? null : counts.merge(ref, -1, Integer::sum);
    if (left != null && left > 0) {
      return Future.succeededFuture();
    }
    if (counts != null) {
      counts.remove(ref);
      if (counts.isEmpty()) {
        holders.remove(key);
      }
    }
    return sink.submit(new RegistryCommand.Deregister(key, ref, true));
  }

  private static Beat beat(ServiceKey key, Instance i) {
    return new Beat(key, i.ref(), i);
  }
}
