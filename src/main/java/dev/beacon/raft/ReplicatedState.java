package dev.beacon.raft;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything Raft replicates, as one table of kinds: each committed entry goes to the kind its {@code type} names,
 * and a snapshot holds each kind's part under the kind's key. The composition root lists the kinds ({@code Beacon}:
 * the registry's persistent services, switches, auth, namespaces), so adding a kind is an entry builder beside its
 * store and one row there. Replies are {@code {"ok":<reply>}} or {@code {"status":<4xx>,"message":…}}; what
 * {@link RaftEntries} hands the submitter.
 *
 * <p>Compatibility: entries are plain JSON with a {@code type} (as every earlier version wrote them) and snapshots a
 * JSON object with one key per kind; a kind missing from an older snapshot is restored from {@code null} (empty).
 */
public final class ReplicatedState implements RaftApplier {

  /**
   * One kind of replicated state: its key in a snapshot, the entry types it applies, how it applies one (the reply),
   * its part of a snapshot (a JSON value) and how it is restored from that part ({@code null}: the snapshot has none;
   * the future completes once it is restored).
   */
  public record Kind(String key, Set<String> types, Function<JsonObject, Future<JsonObject>> apply,
                     Supplier<Object> snapshot, Function<Object, Future<?>> restore) {

    /** A store that applies entries at once on the Raft apply thread and snapshots as one JSON object. */
    public static Kind of(String key, Set<String> types, Function<JsonObject, JsonObject> apply,
                          Supplier<JsonObject> snapshot, Consumer<JsonObject> restore) {
      return new Kind(key, types, entry -> Future.succeededFuture(apply.apply(entry)), snapshot::get, part -> {
        restore.accept((JsonObject) part);
        return Future.succeededFuture();
      });
    }
  }

  private final List<Kind> kinds;
  private final Map<String, Kind> byType = new HashMap<>();

  public ReplicatedState(List<Kind> kinds) {
    this.kinds = List.copyOf(kinds);
    Set<String> keys = new HashSet<>();
    for (Kind kind : kinds) {
      if (!keys.add(kind.key())) {
        throw new IllegalArgumentException("two kinds keep their snapshot under " + kind.key());
      }
      kind.types().forEach(type -> {
        if (byType.putIfAbsent(type, kind) != null) {
          throw new IllegalArgumentException("entry type " + type + " belongs to two kinds");
        }
      });
    }
  }

  @Override
  public CompletableFuture<byte[]> apply(byte[] entry) {
    Future<JsonObject> reply;
    try {
      JsonObject json = new JsonObject(Buffer.buffer(entry));
      Kind kind = byType.get(json.getString("type"));
      reply = kind == null ? Future.succeededFuture(unreadable("unknown entry type " + json.getString("type")))
          : kind.apply().apply(json);
    } catch (RuntimeException e) {
      reply = Future.succeededFuture(unreadable(e.getMessage()));
    }
    return reply.toCompletionStage().toCompletableFuture().thenApply(json -> json.toBuffer().getBytes());
  }

  /** Each kind's part under its key. */
  @Override
  public byte[] snapshot() {
    JsonObject all = new JsonObject();
    kinds.forEach(kind -> all.put(kind.key(), kind.snapshot().get()));
    return all.toBuffer().getBytes();
  }

  /** Every kind back to what the snapshot holds; waits until the registry worker has it all. */
  @Override
  public void restore(byte[] snapshot) {
    JsonObject all = new JsonObject(Buffer.buffer(snapshot));
    List<Future<?>> restored = new ArrayList<>();
    kinds.forEach(kind -> restored.add(kind.restore().apply(all.getValue(kind.key()))));
    try {
      // Ratis calls this on its own thread and replays the log after it returns.
      Future.all(restored).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("restoring the Raft snapshot failed: " + e, e);
    }
  }

  private static JsonObject unreadable(String why) {
    return new JsonObject().put("status", 400).put("message", "unreadable Raft entry: " + why);
  }
}
