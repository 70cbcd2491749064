package dev.beacon.distro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beacon.model.ClusterSettings;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.Selector;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Beat;
import dev.beacon.registry.RegistryCommand;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** Wire round trips: what a peer decodes equals what was sent, checksum included. */
class CodecTest {

  private static final ServiceKey KEY = ServiceKey.of("ns-1", "G", "orders");
  private static final Instance A = new Instance(new InstanceRef("DEFAULT", "127.0.0.1", 8080), 1.5, true, true, true,
      false, Metadata.of(Map.of("version", "1.0", "zone", "ü-1")), "app", null);
  private static final Instance B = new Instance(new InstanceRef("EAST", "127.0.0.2", 8081), 0, false, false, false,
      true, Metadata.EMPTY, null, "7");
  private static final ServiceSettings SETTINGS = new ServiceSettings(0.3f, Metadata.of(Map.of("k", "v")),
      new Selector("label", "CONSUMER.label.A=PROVIDER.label.A"), true);
  private static final ClusterSettings EAST = new ClusterSettings("EAST", "HTTP", "/health", 204, "h=1", 81, false,
      Metadata.of(Map.of("c", "d")));

  @Test
  void viewRoundTrip() {
    ServiceView view = ServiceView.of(KEY, SETTINGS, List.of(EAST, ClusterSettings.defaults("DEFAULT")),
        List.of(B, A), 123_456_789L, 42L);
    Delta delta = Delta.decode(new Delta("n1", List.of(view), List.of(new Delta.Removal(KEY, 9L))).encode());
    ServiceView back = delta.views().get(0);
    assertEquals(view.key(), back.key());
    assertEquals(view.settings(), back.settings());
    assertEquals(view.clusters(), back.clusters());
    assertEquals(view.instances(), back.instances());
    assertEquals(view.revision(), back.revision());
    assertEquals(view.lastRefTime(), back.lastRefTime());
    assertEquals(view.checksum(), back.checksum());
    assertEquals(new Delta.Removal(KEY, 9L), delta.removals().get(0));
    assertEquals("n1", delta.sender());
  }

  @Test
  void repeatedStringsAreWrittenOnce() {
    List<Instance> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(new Instance(new InstanceRef("DEFAULT", "127.0.0.1", 1000 + i), 1, true, true, true, false,
          Metadata.of(Map.of("version", "1.0.0", "preserved.register.source", "SPRING_CLOUD")), "DEFAULT", null));
    }
    ServiceView view = ServiceView.of(KEY, ServiceSettings.IMPLICIT, List.of(), many, 1, 1);
    Buffer b = new Delta("n", List.of(view), List.of()).encode();
    assertEquals(view.checksum(), Delta.decode(b).views().get(0).checksum());
    // port, weight, flags, string refs: about 20 bytes per instance instead of the ~150 of its JSON
    Assertions.assertTrue(b.length() < 1000 * 25, "encoded size " + b.length());
  }

  @Test
  void digestAndChunkRoundTrip() {
    VerifyDigest d = new VerifyDigest("n2", -17, List.of(new VerifyDigest.Entry(KEY, 5L, "fedcba9876543210"),
        new VerifyDigest.Entry(ServiceKey.of("public", "DEFAULT_GROUP", "x"), 6L, "1")));
    assertEquals(d, VerifyDigest.decode(d.encode()));
    SyncChunk c = SyncChunk.decode(new SyncChunk("n3", "s", 2, 5, List.of()).encode());
    assertEquals(new SyncChunk("n3", "s", 2, 5, List.of()), c);
  }

  @Test
  void everyForwardedCommandRoundTrips() {
    List<Object> commands = List.of(
        new RegistryCommand.Register(KEY, A),
        new RegistryCommand.Register(KEY, B),
        new RegistryCommand.Deregister(KEY, A.ref(), true),
        new RegistryCommand.Publish(KEY, List.of(A.ref()), List.of(B)),
        new RegistryCommand.Publish(KEY, List.of(), List.of(A, B)),
        new RegistryCommand.Patch(KEY, A.ref(), 2.0, null, false, Metadata.of(Map.of("x", "y")), null),
        new RegistryCommand.Patch(KEY, A.ref(), null, true, null, null, "app2"),
        new RegistryCommand.SetHealth(KEY, B.ref(), false, true),
        new RegistryCommand.UpsertService(KEY, SETTINGS, RegistryCommand.UpsertService.Mode.CREATE),
        new RegistryCommand.UpsertService(KEY, ServiceSettings.IMPLICIT, RegistryCommand.UpsertService.Mode.UPSERT),
        new RegistryCommand.RemoveService(KEY, false),
        new RegistryCommand.UpdateCluster(KEY, EAST),
        new RegistryCommand.BatchMetadata(KEY, List.of(A.ref(), B.ref()), "ephemeral", Map.of("a", "b"), false),
        new Beat(KEY, A.ref(), null),
        new Beat(KEY, A.ref(), A));
    CommandCodec codec = new CommandCodec();
    for (Object c : commands) {
      Buffer wire = Buffer.buffer().appendString("xx");
      codec.encodeToWire(wire, c);
      assertEquals(c, codec.decodeFromWire(2, wire), "round trip of " + c);
    }
  }
}
