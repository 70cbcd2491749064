package dev.beacon.registry;

import dev.beacon.model.ClusterSettings;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.PersistentPart;
import dev.beacon.model.Selector;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.registry.RegistryCommand.BatchMetadata;
import dev.beacon.registry.RegistryCommand.Deregister;
import dev.beacon.registry.RegistryCommand.Patch;
import dev.beacon.registry.RegistryCommand.Publish;
import dev.beacon.registry.RegistryCommand.Register;
import dev.beacon.registry.RegistryCommand.RemoveService;
import dev.beacon.registry.RegistryCommand.SetHealth;
import dev.beacon.registry.RegistryCommand.UpdateCluster;
import dev.beacon.registry.RegistryCommand.UpsertService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON form of the commands that leave a node: forwarded to a service's responsible node (Distro) or written to the
 * Raft log (persistent data). Also the JSON of the model values they carry, for Raft snapshots.
 */
public final class CommandJson {

  /** The types of the commands Raft carries (every command {@link #decode} reads but a {@code Beat}). */
  public static final Set<String> COMMANDS = Set.of("Register", "Deregister", "Patch", "SetHealth", "UpsertService",
      "RemoveService", "UpdateCluster", "BatchMetadata");

  private CommandJson() {
  }

  /** A command or beat as JSON: {@code {"type":"Register", ...}}. */
  public static JsonObject encode(Object o) {
    JsonObject j = new JsonObject().put("type", o.getClass().getSimpleName());
    if (o instanceof Beat b) {
      j.put("key", key(b.key())).put("ref", ref(b.ref()))
          .put("body", b.fromBody() == null ? null : instance(b.fromBody()));
    } else if (o instanceof Register c) {
      j.put("key", key(c.key())).put("instance", instance(c.instance()));
    } else if (o instanceof Publish c) {
      JsonArray removed = new JsonArray();
      c.removed().forEach(r -> removed.add(ref(r)));
      JsonArray added = new JsonArray();
      c.added().forEach(i -> added.add(instance(i)));
      j.put("key", key(c.key())).put("removed", removed).put("added", added);
    } else if (o instanceof Deregister c) {
      j.put("key", key(c.key())).put("ref", ref(c.ref())).put("ephemeral", c.ephemeral());
    } else if (o instanceof Patch c) {
      j.put("key", key(c.key())).put("ref", ref(c.ref())).put("weight", c.weight())
          .put("healthy", c.healthy()).put("enabled", c.enabled()).put("app", c.app())
          .put("metadata", c.metadata() == null ? null : meta(c.metadata()));
    } else if (o instanceof SetHealth c) {
      j.put("key", key(c.key())).put("ref", ref(c.ref())).put("healthy", c.healthy()).put("manual", c.manual());
    } else if (o instanceof UpsertService c) {
      j.put("key", key(c.key())).put("settings", settings(c.settings())).put("mode", c.mode().name());
    } else if (o instanceof RemoveService c) {
      j.put("key", key(c.key())).put("refuseIfNotEmpty", c.refuseIfNotEmpty());
    } else if (o instanceof UpdateCluster c) {
      j.put("key", key(c.key())).put("cluster", cluster(c.cluster()));
    } else if (o instanceof BatchMetadata c) {
      JsonArray refs = new JsonArray();
      c.refs().forEach(r -> refs.add(ref(r)));
      j.put("key", key(c.key())).put("refs", refs).put("consistency", c.consistency())
          .put("metadata", new JsonObject(new HashMap<String, Object>(c.metadata()))).put("delete", c.delete());
    } else {
      throw new IllegalArgumentException("not forwardable: " + o.getClass().getName());
    }
    return j;
  }

  /** The command or beat a JSON object from {@link #encode} describes; IllegalArgumentException if it is none. */
  public static Object decode(JsonObject j) {
    ServiceKey key = key(j.getJsonArray("key"));
    return switch (j.getString("type")) {
      case "Beat" -> new Beat(key, ref(j.getJsonArray("ref")),
          j.getJsonObject("body") == null ? null : instance(j.getJsonObject("body")));
      case "Register" -> new Register(key, instance(j.getJsonObject("instance")));
      case "Publish" -> {
        List<InstanceRef> removed = new ArrayList<>();
        j.getJsonArray("removed").forEach(r -> removed.add(ref((JsonArray) r)));
        List<Instance> added = new ArrayList<>();
        j.getJsonArray("added").forEach(i -> added.add(instance((JsonObject) i)));
        yield new Publish(key, removed, added);
      }
      case "Deregister" -> new Deregister(key, ref(j.getJsonArray("ref")), j.getBoolean("ephemeral"));
      case "Patch" -> new Patch(key, ref(j.getJsonArray("ref")), j.getDouble("weight"), j.getBoolean("healthy"),
          j.getBoolean("enabled"), j.getJsonObject("metadata") == null ? null : meta(j.getJsonObject("metadata")),
          j.getString("app"));
      case "SetHealth" -> new SetHealth(key, ref(j.getJsonArray("ref")), j.getBoolean("healthy"),
          j.getBoolean("manual"));
      case "UpsertService" -> new UpsertService(key, settings(j.getJsonObject("settings")),
          UpsertService.Mode.valueOf(j.getString("mode")));
      // Entries written before the flag existed were refused when not empty.
      case "RemoveService" -> new RemoveService(key, j.getBoolean("refuseIfNotEmpty", true));
      case "UpdateCluster" -> new UpdateCluster(key, cluster(j.getJsonObject("cluster")));
      case "BatchMetadata" -> {
        List<InstanceRef> refs = new ArrayList<>();
        j.getJsonArray("refs").forEach(r -> refs.add(ref((JsonArray) r)));
        yield new BatchMetadata(key, refs, j.getString("consistency"), strings(j.getJsonObject("metadata")),
            j.getBoolean("delete"));
      }
      default -> throw new IllegalArgumentException("unknown forwarded command: " + j.getString("type"));
    };
  }

  /** A Raft snapshot's entry for one service; {@code settings} is null when the service is not defined. */
  public static JsonObject part(PersistentPart p) {
    JsonArray instances = new JsonArray();
    p.instances().forEach(i -> instances.add(instance(i)));
    JsonArray clusters = new JsonArray();
    p.clusters().forEach(c -> clusters.add(cluster(c)));
    return new JsonObject().put("key", key(p.key()))
        .put("settings", p.settings().defined() ? settings(p.settings()) : null)
        .put("clusters", clusters).put("instances", instances);
  }

  public static PersistentPart part(JsonObject j) {
    List<ClusterSettings> clusters = new ArrayList<>();
    j.getJsonArray("clusters").forEach(c -> clusters.add(cluster((JsonObject) c)));
    List<Instance> instances = new ArrayList<>();
    j.getJsonArray("instances").forEach(i -> instances.add(instance((JsonObject) i)));
    JsonObject settings = j.getJsonObject("settings");
    return new PersistentPart(key(j.getJsonArray("key")),
        settings == null ? ServiceSettings.IMPLICIT : settings(settings), clusters, instances);
  }

  public static JsonArray key(ServiceKey k) {
    return new JsonArray().add(k.namespace()).add(k.groupedName());
  }

  public static ServiceKey key(JsonArray a) {
    return new ServiceKey(a.getString(0), a.getString(1));
  }

  private static JsonArray ref(InstanceRef r) {
    return new JsonArray().add(r.cluster()).add(r.ip()).add(r.port());
  }

  private static InstanceRef ref(JsonArray a) {
    return new InstanceRef(a.getString(0), a.getString(1), a.getInteger(2));
  }

  public static JsonObject instance(Instance i) {
    return new JsonObject().put("ref", ref(i.ref())).put("weight", i.weight()).put("healthy", i.healthy())
        .put("enabled", i.enabled()).put("ephemeral", i.ephemeral()).put("marked", i.marked())
        .put("metadata", meta(i.metadata())).put("app", i.app()).put("snowflakeId", i.snowflakeId());
  }

  public static Instance instance(JsonObject j) {
    return new Instance(ref(j.getJsonArray("ref")), j.getDouble("weight"), j.getBoolean("healthy"),
        j.getBoolean("enabled"), j.getBoolean("ephemeral"), j.getBoolean("marked"), meta(j.getJsonObject("metadata")),
        j.getString("app"), j.getString("snowflakeId"));
  }

  public static JsonObject settings(ServiceSettings s) {
    return new JsonObject().put("protectThreshold", s.protectThreshold()).put("metadata", meta(s.metadata()))
        .put("selectorType", s.selector().type()).put("selectorExpression", s.selector().expression())
        .put("defined", s.defined());
  }

  public static ServiceSettings settings(JsonObject j) {
    Selector selector = new Selector(j.getString("selectorType"), j.getString("selectorExpression"));
    return new ServiceSettings(j.getFloat("protectThreshold"), meta(j.getJsonObject("metadata")),
        selector.isNone() ? Selector.NONE : selector, j.getBoolean("defined"));
  }

  public static JsonObject cluster(ClusterSettings c) {
    return new JsonObject().put("name", c.name()).put("checkerType", c.checkerType()).put("checkPath", c.checkPath())
        .put("expectedCode", c.expectedCode()).put("headers", c.headers()).put("checkPort", c.checkPort())
        .put("useInstancePort", c.useInstancePort()).put("metadata", meta(c.metadata()));
  }

  public static ClusterSettings cluster(JsonObject j) {
    return new ClusterSettings(j.getString("name").intern(), j.getString("checkerType"), j.getString("checkPath"),
        j.getInteger("expectedCode"), j.getString("headers"), j.getInteger("checkPort"),
        j.getBoolean("useInstancePort"), meta(j.getJsonObject("metadata")));
  }

  private static JsonObject meta(Metadata m) {
    return new JsonObject(new HashMap<String, Object>(m.asMap()));
  }

  private static Metadata meta(JsonObject j) {
    return Metadata.of(strings(j));
  }

  private static Map<String, String> strings(JsonObject j) {
    Map<String, String> map = new HashMap<>();
    j.forEach(e -> map.put(e.getKey(), String.valueOf(e.getValue())));
    return map;
  }
}
