package dev.beacon.registry;

import dev.beacon.core.ReadBarrier;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import io.vertx.core.Future;

/**
 * Which reads wait for the {@link ReadBarrier}. Persistent data (Raft) is read linearizably; ephemeral data (Distro,
 * AP) is served from this node's tables at once, also on the minority side of a partition. A service whose view here
 * holds ephemeral instances and nothing Raft owns is read at once; any other service, a missing one included (it may
 * exist in the group already), waits for the barrier. Reads across a namespace mix both kinds: they wait for the
 * barrier when a majority answers and are served from this node's tables when none does.
 */
public final class ConsistentReads {

  private final Registry registry;
  private final ReadBarrier barrier;

  public ConsistentReads(Registry registry, ReadBarrier barrier) {
    this.registry = registry;
    this.barrier = barrier;
  }

  /** Before reading one service. */
  public Future<Void> service(ServiceKey key) {
    if (barrier == ReadBarrier.NONE) {
      return Future.succeededFuture();
    }
    ServiceView view = registry.view(key);
    return view != null && view.ephemeralOnly() ? Future.succeededFuture() : barrier.await();
  }

  /** Before reading across a namespace (service lists): the barrier if a majority answers, else this node's view. */
  public Future<Void> namespace() {
    return barrier == ReadBarrier.NONE ? Future.succeededFuture() : barrier.await().otherwiseEmpty();
  }
}
