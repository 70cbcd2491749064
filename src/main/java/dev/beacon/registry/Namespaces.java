package dev.beacon.registry;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespaces an operator defined (id, show name, description); a namespace that only holds services is implicit
 * and has none. Changed only by Raft entries ({@code Namespace}), applied on every node by the Raft apply thread and
 * kept in snapshots; read from any thread through one volatile immutable map.
 */
public final class Namespaces {

  /** Type of the Raft entry that creates, updates or deletes a namespace definition. */
  public static final String ENTRY = "Namespace";

  /** One defined namespace. */
  public record Definition(String id, String name, String description) {
  }

  private volatile Map<String, Definition> defined = Map.of();

  public Map<String, Definition> defined() {
    return defined;
  }

  public Definition get(String id) {
    return defined.get(id);
  }

  /** A Raft entry: {@code op} is {@code create} (refused when defined), {@code update} (upsert) or {@code delete}. */
  public static JsonObject entry(String op, String id, String name, String description) {
    return new JsonObject().put("type", ENTRY).put("op", op).put("id", id).put("name", name)
        .put("desc", description);
  }

  /**
   * Applies an entry on every node alike; returns the applier's reply, {@code {"ok":true}} or
   * {@code {"status":…,"message":…}}. (Emptiness is checked by the endpoint before it submits a delete.)
   */
  public synchronized JsonObject apply(JsonObject entry) {
    String id = entry.getString("id");
    Map<String, Definition> next = new TreeMap<>(defined);
    switch (entry.getString("op", "")) {
      case "create" -> {
        if (next.containsKey(id)) {
          return refusal(400, "the namespaceId is existed, namespaceId: " + id);
        }
        next.put(id, new Definition(id, entry.getString("name"), entry.getString("desc", "")));
      }
      case "update" -> next.put(id, new Definition(id, entry.getString("name"), entry.getString("desc", "")));
      case "delete" -> {
        if (next.remove(id) == null) {
          return refusal(404, "namespace " + id + " is not found");
        }
      }
      default -> {
        return refusal(400, "unknown namespace operation: " + entry.getString("op"));
      }
    }
    defined = Map.copyOf(next);
    return new JsonObject().put("ok", true);
  }

  public JsonObject snapshot() {
    JsonObject out = new JsonObject();
    defined.values().forEach(d -> out.put(d.id(), new JsonObject().put("name", d.name()).put("desc", d.description())));
    return out;
  }

  public synchronized void restore(JsonObject snapshot) {
    Map<String, Definition> next = new TreeMap<>();
    if (snapshot != null) {
      snapshot.forEach(e -> {
        JsonObject d = (JsonObject) e.getValue();
        next.put(e.getKey(), new Definition(e.getKey(), d.getString("name"), d.getString("desc", "")));
      });
    }
    defined = Map.copyOf(next);
  }

  private static JsonObject refusal(int status, String message) {
    return new JsonObject().put("status", status).put("message", message);
  }
}
