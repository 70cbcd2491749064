package dev.beacon.registry;

import static dev.beacon.support.Await.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beacon.core.Addresses;
import dev.beacon.core.LocalCodec;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;
import dev.beacon.support.Await;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry worker on a real Vert.x (vertx-junit5 gives each test its own and closes it): batching, one reply per
 * command, isolation of failures, read-your-write.
 */
@ExtendWith(VertxExtension.class)
class RegistryWorkerTest {

  static final ServiceKey KEY = ServiceKey.of("public", "DEFAULT_GROUP", "worker");

  Vertx vertx;
  Registry registry;
  RegistryWorkerVerticle worker;
  List<ServiceChanges> published;

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    LocalCodec.install(vertx);
    registry = new Registry();
    worker = new RegistryWorkerVerticle(registry, new HybridClock(), 0, new SimpleMeterRegistry());
    published = new CopyOnWriteArrayList<>();
    vertx.eventBus().<ServiceChanges>localConsumer(Addresses.SERVICE_CHANGES, m -> published.add(m.body()))
        .completion().compose(v -> vertx.deployVerticle(worker)).onComplete(ctx.succeedingThenComplete());
  }

  static Instance instance(int port) {
    return new Instance(new InstanceRef("DEFAULT", "127.0.0.1", port), 1.0, true, true, true, false, Metadata.EMPTY,
        null, null);
  }

  /**
   * Sends every command in one event-loop turn, without waiting for any reply in between; completes with the replies
   * (each succeeded or failed) once all have come.
   */
  Future<List<Future<Object>>> burst(List<RegistryCommand> commands) {
    Promise<List<Future<Object>>> settled = Promise.promise();
    vertx.runOnContext(v -> {
      List<Future<Object>> replies = new ArrayList<>();
      for (RegistryCommand c : commands) {
        replies.add(vertx.eventBus().request(Addresses.REGISTRY_COMMANDS, c).map(Message::body));
      }
      Future.join(new ArrayList<>(replies)).onComplete(ar -> settled.complete(replies));
    });
    return settled.future();
  }

  /** {@link #burst}, waited for on the test's thread. */
  List<Future<Object>> settled(List<RegistryCommand> commands) throws Exception {
    return burst(commands).await(10, TimeUnit.SECONDS);
  }

  Object send(RegistryCommand command) throws Exception {
    return vertx.eventBus().request(Addresses.REGISTRY_COMMANDS, command).map(Message::body)
        .await(10, TimeUnit.SECONDS);
  }

  @Test
  void burstForOneServiceIsAppliedInFewerBatchesThanCommands(VertxTestContext ctx) {
    int n = 500;
    List<RegistryCommand> commands = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      commands.add(new RegistryCommand.Register(KEY, instance(i)));
    }
    long before = worker.batches();
    burst(commands).onComplete(ctx.succeeding(replies -> ctx.verify(() -> {
      for (Future<Object> r : replies) {
        assertEquals("ok", r.result());
      }
      long batches = worker.batches() - before;
      assertTrue(batches < n, "expected fewer than " + n + " batches, got " + batches);
      assertEquals(n, registry.view(KEY).size());
      assertEquals(n, registry.instanceCount());
      int changed = published.stream().mapToInt(c -> c.changes().size()).sum();
      assertTrue(changed <= batches, "one change per service per batch, got " + changed + " for " + batches);
      ctx.completeNow();
    })));
  }

  @Test
  void failingCommandInABatchDoesNotAffectTheOthers() throws Exception {
    List<RegistryCommand> commands = List.of(
        new RegistryCommand.Register(KEY, instance(1)),
        new RegistryCommand.Patch(KEY, new InstanceRef("DEFAULT", "127.0.0.9", 9), 2.0, null, null, null, null),
        new RegistryCommand.Register(KEY, instance(2)),
        new RegistryCommand.Register(KEY, new Instance(new InstanceRef("DEFAULT", "127.0.0.1", 1), 1.0, true,
            true, false, false, Metadata.EMPTY, null, null)),
        new RegistryCommand.Patch(KEY, new InstanceRef("DEFAULT", "127.0.0.1", 2), 5.0, null, null, null, null));
    List<Future<Object>> replies = settled(commands);
    assertEquals("ok", replies.get(0).result());
    assertEquals(400, assertInstanceOf(ReplyException.class, replies.get(1).cause()).failureCode());
    assertEquals("ok", replies.get(2).result());
    ReplyException conflict = assertInstanceOf(ReplyException.class, replies.get(3).cause());
    assertEquals(400, conflict.failureCode(), "persistent re-register of an ephemeral address");
    assertEquals("ok", replies.get(4).result());
    ServiceView view = registry.view(KEY);
    assertEquals(2, view.size());
    assertTrue(view.find(new InstanceRef("DEFAULT", "127.0.0.1", 1)).ephemeral());
    assertEquals(5.0, view.find(new InstanceRef("DEFAULT", "127.0.0.1", 2)).weight());
  }

  @Test
  void publishReplacesAConnectionsAddressesAndRefusesAConflictUntouched() throws Exception {
    send(new RegistryCommand.Register(KEY, instance(1)));
    send(new RegistryCommand.Register(KEY, instance(9)));
    assertEquals("ok", send(new RegistryCommand.Publish(KEY, List.of(instance(1).ref()),
        List.of(instance(2), instance(3)))));
    ServiceView view = registry.view(KEY);
    assertEquals(3, view.size());
    assertNull(view.find(instance(1).ref()));
    assertTrue(view.find(instance(2).ref()).ephemeral());
    Instance persistent = new Instance(new InstanceRef("DEFAULT", "127.0.0.1", 9), 1.0, true, true, false, false,
        Metadata.EMPTY, null, null);
    ReplyException conflict = assertThrows(ReplyException.class,
        () -> send(new RegistryCommand.Publish(KEY, List.of(instance(2).ref()), List.of(instance(4), persistent))));
    assertEquals(400, conflict.failureCode());
    assertSame(view, registry.view(KEY), "a refused publish leaves the service untouched");
  }

  /** Checked where a reader of the worker's results runs: on an event loop, in the reply handler. */
  @Test
  void replyComesAfterTheNewViewIsVisible(VertxTestContext ctx) {
    Checkpoint replies = ctx.checkpoint(20);
    for (int i = 1; i <= 20; i++) {
      Instance instance = instance(i);
      vertx.eventBus().request(Addresses.REGISTRY_COMMANDS, new RegistryCommand.Register(KEY, instance))
          .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
            assertEquals("ok", reply.body());
            assertNotNull(registry.view(KEY).find(instance.ref()), "own write visible on reply");
            replies.flag();
          })));
    }
  }

  @Test
  void readerHoldingAViewSeesItUnchangedAfterMoreCommands() throws Exception {
    settled(List.of(new RegistryCommand.Register(KEY, instance(1))));
    ServiceView held = registry.view(KEY);
    long revision = held.revision();
    settled(List.of(new RegistryCommand.Register(KEY, instance(2)),
        new RegistryCommand.Deregister(KEY, instance(1).ref(), true)));
    assertEquals(1, held.size());
    assertNotNull(held.find(instance(1).ref()));
    assertEquals(revision, held.revision());
    ServiceView now = registry.view(KEY);
    assertTrue(now.revision() > revision);
    assertEquals(List.of(instance(2)), now.instances());
  }

  @Test
  void removingAnEmptyImplicitServiceAndRefusingANonEmptyOne() throws Exception {
    settled(List.of(new RegistryCommand.Register(KEY, instance(1))));
    List<Future<Object>> refused = settled(List.of(new RegistryCommand.RemoveService(KEY, true)));
    assertEquals(400, ((ReplyException) refused.get(0).cause()).failureCode());
    settled(List.of(new RegistryCommand.Deregister(KEY, instance(1).ref(), true),
        new RegistryCommand.RemoveIfEmpty(KEY)));
    assertEquals(null, registry.view(KEY));
    assertEquals(0, registry.instanceCount());
    // Changes are published after the replies go out, so the removal may reach us a moment later.
    Await.until("removal published", WAIT,
        () -> published.stream().flatMap(c -> c.changes().stream()).anyMatch(ServiceChanges.Change::removed));
  }

  /** A peer's removal of a service takes only what Distro owns: Raft-committed persistent instances stay. */
  @Test
  void peerRemovalKeepsRaftOwnedPersistentInstances() throws Exception {
    Instance persistent = new Instance(new InstanceRef("DEFAULT", "127.0.0.1", 7001), 1.0, true, true, false, false,
        Metadata.EMPTY, null, null);
    send(new RegistryCommand.Register(KEY, instance(7000)));
    send(new RegistryCommand.Register(KEY, persistent));
    long revision = registry.view(KEY).revision();

    send(new RegistryCommand.RemoveRemote(KEY, revision, true));
    ServiceView kept = registry.view(KEY);
    assertNotNull(kept, "the service stays while Raft holds an instance of it");
    assertEquals(List.of(persistent.ref()), kept.instances().stream().map(Instance::ref).toList());

    send(new RegistryCommand.RemoveRemote(KEY, registry.view(KEY).revision(), false));
    assertEquals(null, registry.view(KEY), "without a Raft group the owner's removal is the whole service");
  }

  /**
   * A peer's view of a service this node does not have yet brings only its ephemeral instances when Raft owns the
   * persistent ones: those reach this node through its own Raft log, never through a peer's copy.
   */
  @Test
  void aPeersViewOfANewServiceBringsOnlyItsEphemeralInstances() throws Exception {
    ServiceKey fresh = ServiceKey.of("public", "DEFAULT_GROUP", "worker-fresh");
    Instance persistent = new Instance(new InstanceRef("DEFAULT", "127.0.0.1", 7101), 1.0, true, true, false, false,
        Metadata.EMPTY, null, null);
    Instance ephemeral = instance(7100);
    ServiceView remote = ServiceView.of(fresh, ServiceSettings.IMPLICIT, List.of(), List.of(ephemeral, persistent), 5,
        System.currentTimeMillis());
    send(new RegistryCommand.ApplyRemote(fresh, remote, true));
    assertEquals(List.of(ephemeral.ref()), registry.view(fresh).instances().stream().map(Instance::ref).toList());

    ServiceKey persistentOnly = ServiceKey.of("public", "DEFAULT_GROUP", "worker-persistent-only");
    send(new RegistryCommand.ApplyRemote(persistentOnly, ServiceView.of(persistentOnly, ServiceSettings.IMPLICIT,
        List.of(), List.of(persistent), 5, System.currentTimeMillis()), true));
    assertEquals(null, registry.view(persistentOnly), "nothing of it is Distro's: no empty service appears");

    ServiceKey noRaft = ServiceKey.of("public", "DEFAULT_GROUP", "worker-no-raft");
    send(new RegistryCommand.ApplyRemote(noRaft, ServiceView.of(noRaft, ServiceSettings.IMPLICIT, List.of(),
        List.of(ephemeral, persistent), 5, System.currentTimeMillis()), false));
    assertEquals(2, registry.view(noRaft).size(), "without a Raft group the peer's view is taken whole");
  }
}
