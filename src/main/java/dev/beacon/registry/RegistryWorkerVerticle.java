package dev.beacon.registry;

import dev.beacon.core.Addresses;
import dev.beacon.core.ErrorReply;
import dev.beacon.model.ServiceDraft;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.ServiceChanges.Origin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The only writer of the registry. Commands arrive on the local event bus and queue up; one drain per event-loop turn
 * (or per {@code worker-batch-delay}) applies every pending command for a service to one draft, swaps in the new view,
 * replies, and publishes one {@link ServiceChanges}.
 */
public final class RegistryWorkerVerticle extends VerticleBase {

  /**
   * Header on commands that a Raft group spanning the servers committed: every server applies them itself, so their
   * changes are not Distro's to replicate, and they must not outrank the Distro owner's ephemeral revisions.
   */
  public static final String REPLICATED_BY_RAFT = "beacon-replicated-by-raft";

  private final Registry registry;
  private final HybridClock clock;
  private final long batchDelay;
  private final MeterRegistry meters;
  private final Map<Class<?>, Counter> applied = new HashMap<>();
  private final Counter batchCounter;
  // Worker context only:
  private List<Message<RegistryCommand>> pending = new ArrayList<>();
  private boolean drainScheduled;
  // Written by the worker only, read by metrics and tests on other threads:
  private volatile int queueDepth;
  private volatile long batches;

  public RegistryWorkerVerticle(Registry registry, HybridClock clock, long batchDelay, MeterRegistry meters) {
    this.registry = registry;
    this.clock = clock;
    this.batchDelay = batchDelay;
    this.meters = meters;
    this.batchCounter = Counter.builder("beacon.worker.batches").description("command batches applied")
        .register(meters);
    Gauge.builder("beacon.worker.queue.depth", this, w -> w.queueDepth)
        .description("commands waiting for the registry worker").register(meters);
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<RegistryCommand>localConsumer(Addresses.REGISTRY_COMMANDS, this::enqueue).completion();
  }

  private void enqueue(Message<RegistryCommand> message) {
    pending.add(message);
    queueDepth = pending.size();
    if (!drainScheduled) {
      drainScheduled = true;
      if (batchDelay > 0) {
        vertx.setTimer(batchDelay, id -> drain());
      } else {
        context.runOnContext(v -> drain());
      }
    }
  }

  private void drain() {
    List<Message<RegistryCommand>> batch = pending;
    pending = new ArrayList<>();
    queueDepth = 0;
    drainScheduled = false;
    batches++; // one writer: a volatile read-increment-write loses nothing
    batchCounter.increment();
    Map<ServiceKey, List<Message<RegistryCommand>>> byService = new LinkedHashMap<>();
    for (Message<RegistryCommand> m : batch) {
      byService.computeIfAbsent(m.body().key(), k -> new ArrayList<>()).add(m);
    }
    List<ServiceChanges.Change> changes = new ArrayList<>();
    List<Runnable> replies = new ArrayList<>(batch.size());
    long now = System.currentTimeMillis();
    byService.forEach((key, messages) -> {
      ServiceView before = registry.view(key);
      Target target = new Target(key, before);
      for (Message<RegistryCommand> m : messages) {
        replies.add(applyOne(target, m));
      }
      boolean byRaft = messages.stream().allMatch(m -> m.headers().contains(REPLICATED_BY_RAFT));
      ServiceChanges.Change change = commit(target, before, now, byRaft);
      if (change != null) {
        changes.add(change);
      }
    });
    // Replies go out after the swap, so a client that got "ok" reads its own write from any event loop.
    replies.forEach(Runnable::run);
    if (!changes.isEmpty()) {
      vertx.eventBus().publish(Addresses.SERVICE_CHANGES, new ServiceChanges(changes));
    }
  }

  private Runnable applyOne(Target target, Message<RegistryCommand> m) {
    try {
      Object reply = m.body().apply(target);
      applied.computeIfAbsent(m.body().getClass(), c -> Counter.builder("beacon.commands")
          .description("registry commands applied").tag("type", c.getSimpleName()).register(meters)).increment();
      return () -> m.reply(reply);
    } catch (RuntimeException e) {
      ErrorReply failure = ErrorReply.of(e, m.body());
      return () -> failure.fail(m);
    }
  }

  private ServiceChanges.Change commit(Target target, ServiceView before, long now, boolean byRaft) {
    if (target.removed()) {
      registry.remove(target.key());
      return new ServiceChanges.Change(target.key(), before, null,
          target.removedByPeer() ? Origin.PEER : byRaft ? Origin.RAFT : Origin.LOCAL);
    }
    ServiceView remote = target.replacement();
    ServiceDraft draft = target.changedDraft();
    if (draft != null) {
      long previous = Math.max(before == null ? 0 : before.revision(), remote == null ? 0 : remote.revision());
      // A Raft-only change moves the revision by one tick instead of to this node's clock: a replica whose revision
      // jumped ahead of the owner's would refuse the owner's next delta and push its stale ephemeral set back to it.
      ServiceView after = draft.build(byRaft ? previous + 1 : clock.next(previous), now);
      registry.put(after);
      return new ServiceChanges.Change(target.key(), before, after, byRaft ? Origin.RAFT : Origin.LOCAL);
    }
    if (remote != null) {
      clock.observe(remote.revision());
      registry.put(remote);
      return new ServiceChanges.Change(target.key(), before, remote, Origin.PEER);
    }
    return null;
  }

  /** Batches drained so far (a batch applies every command queued in one turn). */
  public long batches() {
    return batches;
  }
}
