package dev.beacon.distro;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.beacon.core.Addresses;
import dev.beacon.core.ErrorReply;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Beat;
import dev.beacon.registry.LocalSink;
import dev.beacon.registry.Registry;
import dev.beacon.registry.RegistryCommand;
import dev.beacon.registry.ServiceChanges;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Distro on one node: membership (hello/goodbye plus Hazelcast member events), serving forwarded writes and beats for
 * the services this node is responsible for, publishing deltas of what changed here, applying peers' deltas, periodic
 * verification, and the full sync of a joining node. It never touches the tables: everything goes to the worker.
 * {@link #start} completes only after the full sync, and only then does this node say hello and take responsibility.
 */
public final class DistroVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(DistroVerticle.class.getName());

  private final Distro distro;
  private final Membership membership;
  private final DistroStats stats;
  private final Registry registry;
  /** Given the services this node just became responsible for (the health side restarts their beat clocks). */
  private final Consumer<Set<ServiceKey>> gainedServices;
  private final Function<Beat, Future<JsonObject>> beats;
  private final HazelcastInstance hazelcast;
  private Replica replica;
  private FullSync sync;
  private Verification verification;
  private UUID membershipListener;
  private MessageConsumer<Object> commands;
  private final Map<ServiceKey, Object> pending = new LinkedHashMap<>();
  private boolean flushScheduled;

  DistroVerticle(Distro distro, Registry registry, Consumer<Set<ServiceKey>> gainedServices,
                 Function<Beat, Future<JsonObject>> beats) {
    this.distro = distro;
    this.membership = distro.membership();
    this.stats = distro.stats();
    this.registry = registry;
    this.gainedServices = gainedServices;
    this.beats = beats;
    this.hazelcast = distro.bootstrap().clusterManager().getHazelcastInstance();
  }

  @Override
  public Future<?> start() {
    replica = new Replica(vertx, stats, distro.raftOwnsPersistent());
    sync = new FullSync(vertx, membership.localNode(), registry, replica, stats, distro.syncChunk(),
        Math.max(10_000, distro.forwardTimeout() * 5));
    verification = new Verification(vertx, registry, membership, sync, replica, stats, distro.verifyPeriod());
    membership.onChange(this::responsibilityMoved);
    var bus = vertx.eventBus();
    List<Future<?>> ready = new ArrayList<>();
    ready.add(bus.<JsonObject>consumer(Addresses.DISTRO_HELLO, m -> hello(m.body())).completion());
    ready.add(bus.<Buffer>consumer(Addresses.DISTRO_DELTAS, m -> delta(Delta.decode(m.body()))).completion());
    // The Raft leader's read index for a follower's linearizable read (sealed like every internal address).
    ready.add(bus.consumer(Addresses.distroReadIndex(membership.localNode()), m -> distro.leaderReadIndex()
        .whenComplete((index, e) -> {
          if (e == null) {
            m.reply(index);
          } else {
            m.fail(503, String.valueOf(e.getMessage()));
          }
        })).completion());
    // Answered once applied: a leaving peer waits for that before its goodbye (a plain send has no one to answer).
    ready.add(bus.<Buffer>consumer(Addresses.distroDeltas(membership.localNode()),
        m -> delta(Delta.decode(m.body())).onComplete(ar -> m.reply(null))).completion());
    ready.add(bus.<JsonObject>consumer(Addresses.distroGoodbye(membership.localNode()), m -> {
      hello(m.body());
      m.reply(null);
    }).completion());
    commands = bus.consumer(Addresses.distroCommands(membership.localNode()), this::forwarded);
    ready.add(commands.completion());
    ready.add(bus.<Buffer>consumer(Addresses.DISTRO_VERIFY, m -> {
      VerifyDigest digest = VerifyDigest.decode(m.body());
      if (membership.joined() && !digest.sender().equals(membership.localNode())) {
        verification.receive(digest);
      }
    }).completion());
    ready.add(bus.<ServiceChanges>localConsumer(Addresses.SERVICE_CHANGES, m -> changed(m.body())).completion());
    membershipListener = hazelcast.getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent e) {
        context.runOnContext(v -> sayHello());
      }

      @Override
      public void memberRemoved(MembershipEvent e) {
        String id = e.getMember().getUuid().toString();
        context.runOnContext(v -> membership.hazelcastMemberLeft(id));
      }
    });
    return Future.all(ready).compose(v -> sync.join()).compose(v -> {
      membership.join();
      sayHello();
      vertx.setPeriodic(distro.helloPeriod(), id -> {
        sayHello();
        membership.expire(System.currentTimeMillis(), distro.memberTimeout());
      });
      vertx.setPeriodic(distro.verifyPeriod(), id -> verification.publish());
      return Future.all(bus.<JsonObject>consumer(Addresses.DISTRO_SYNC, sync::serve).completion(),
          bus.<JsonObject>consumer(Addresses.distroSync(membership.localNode()), sync::serve).completion());
    });
  }

  /**
   * Leaving: stop taking forwarded writes (peers then apply them themselves), hand the changes not yet sent and then
   * a goodbye to every peer, each acknowledged or timed out, so that the survivors hold everything this node owned
   * before they recompute responsibility (and give the services they gain a fresh grace period).
   */
  @Override
  public Future<?> stop() {
    List<String> peers = membership.responsibility().servers().stream()
        .filter(s -> !s.equals(membership.localNode())).toList();
    membership.leave();
    try {
      hazelcast.getCluster().removeMembershipListener(membershipListener);
    } catch (RuntimeException e) {
      // Hazelcast already gone (killed): nothing to unregister.
    }
    Departure departure = new Departure(vertx, membership.localNode(), peers, distro.forwardTimeout());
    Future<Void> stopped = commands == null ? Future.succeededFuture() : commands.unregister();
    return stopped.transform(v -> {
      List<Delta> last = drain();
      last.forEach(this::count);
      return departure.handOver(last);
    }).transform(v -> departure.goodbye()).transform(ar -> {
      // Unacknowledged (a peer died too, or our Hazelcast is gone): peers learn from Hazelcast; still a clean stop.
      LOG.info("Distro left " + peers.size() + " peer(s); goodbye " + (ar.succeeded() ? "acknowledged" : "not "
          + "acknowledged by all (" + ar.cause().getMessage() + ")") + "; " + stats);
      return Future.succeededFuture();
    });
  }

  // ---- membership ----

  private void sayHello() {
    if (membership.joined()) {
      vertx.eventBus().publish(Addresses.DISTRO_HELLO,
          new JsonObject().put("node", membership.localNode()).put("hz", hazelcastId()));
    }
  }

  /**
   * The Hazelcast member UUID (not Vert.x's node id, a member attribute): what membership events report. Read each
   * time: a member that merges back after a network partition rejoins under a new UUID.
   */
  private String hazelcastId() {
    try {
      return hazelcast.getCluster().getLocalMember().getUuid().toString();
    } catch (RuntimeException e) {
      return ""; // Hazelcast is gone (shutting down): no peer takes this hello
    }
  }

  private void hello(JsonObject hello) {
    String node = hello.getString("node");
    if (hello.getBoolean("bye", false)) {
      membership.goodbye(node);
    } else if (isHazelcastMember(hello.getString("hz"))
        && membership.heard(node, hello.getString("hz"), System.currentTimeMillis())) {
      sayHello();
    }
  }

  /** A hello counts only from a current Hazelcast member: a node cut off from the cluster is not a server. */
  private boolean isHazelcastMember(String id) {
    try {
      for (var member : hazelcast.getCluster().getMembers()) {
        if (member.getUuid().toString().equals(id)) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      // our own Hazelcast is gone: we are the one cut off
    }
    return false;
  }

  /**
   * Services that moved to this node get a fresh grace period: their beats went to the old owner until now. When a
   * server came (a start, or the heal of a partition), this node's digest goes out at once rather than at the next
   * verify period, so copies that diverged while it was away are reconciled a period sooner.
   */
  private void responsibilityMoved(Responsibility before, Responsibility after) {
    if (membership.joined() && !before.servers().containsAll(after.servers())) {
      verification.publish();
    }
    String local = membership.localNode();
    Set<ServiceKey> gained = new HashSet<>();
    for (ServiceView v : registry.views()) {
      if (local.equals(after.owner(v.key())) && !local.equals(before.owner(v.key()))) {
        gained.add(v.key());
      }
    }
    if (!gained.isEmpty()) {
      gainedServices.accept(gained);
      LOG.info("now responsible for " + gained.size() + " more service(s); their instances get a fresh grace period");
    }
  }

  // ---- forwarded writes and beats ----

  private void forwarded(Message<Object> m) {
    stats.forwardedIn.increment();
    Object body = m.body();
    Future<?> result;
    try {
      result = body instanceof Beat beat ? beats.apply(beat)
          : LocalSink.toWorker(vertx, (RegistryCommand) body);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      if (ar.succeeded()) {
        m.reply(ar.result());
      } else {
        ErrorReply.of(ar.cause(), body).fail(m);
      }
    });
  }

  // ---- deltas ----

  /** Every change made here (not one received from a peer) goes out in the next delta, after delta-delay ms. */
  private void changed(ServiceChanges changes) {
    for (ServiceChanges.Change c : changes.changes()) {
      if (!c.replicate()) {
        continue;
      }
      pending.put(c.key(), c.removed() ? new Delta.Removal(c.key(), c.previous().revision()) : c.current());
    }
    if (!pending.isEmpty() && !flushScheduled) {
      flushScheduled = true;
      long delay = distro.deltaDelay();
      if (delay > 0) {
        vertx.setTimer(delay, id -> flush());
      } else {
        context.runOnContext(v -> flush());
      }
    }
  }

  private void flush() {
    flushScheduled = false;
    for (Delta delta : drain()) {
      count(delta);
      vertx.eventBus().publish(Addresses.DISTRO_DELTAS, delta.encode());
    }
  }

  /** The pending changes as deltas of at most distro-sync-chunk services each; empties {@code pending}. */
  private List<Delta> drain() {
    List<Delta> deltas = new ArrayList<>();
    List<ServiceView> views = new ArrayList<>();
    List<Delta.Removal> removals = new ArrayList<>();
    for (Object o : pending.values()) {
      if (o instanceof ServiceView v) {
        views.add(v);
      } else {
        removals.add((Delta.Removal) o);
      }
      if (views.size() + removals.size() >= distro.syncChunk()) {
        deltas.add(new Delta(membership.localNode(), views, removals));
        views = new ArrayList<>();
        removals = new ArrayList<>();
      }
    }
    pending.clear();
    if (!views.isEmpty() || !removals.isEmpty()) {
      deltas.add(new Delta(membership.localNode(), views, removals));
    }
    return deltas;
  }

  private void count(Delta delta) {
    stats.deltasSent.increment();
    stats.viewsSent.add(delta.views().size());
  }

  private Future<?> delta(Delta delta) {
    if (delta.sender().equals(membership.localNode())) {
      return Future.succeededFuture();
    }
    Future<Void> applied = replica.apply(delta.views());
    return delta.removals().isEmpty() ? applied : Future.join(applied, replica.remove(delta.removals()));
  }
}
