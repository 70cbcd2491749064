package dev.beacon.distro;

import dev.beacon.core.Addresses;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Registry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Snapshots between servers. Serving: {@code start} takes a snapshot (the immutable views as they are now, a cheap
 * array of references) and answers its first chunk; {@code chunk} answers the next ones, {@code chunk} services each,
 * so a large registry never travels as one giant message; {@code fetch} answers named services (verify repairs).
 * Joining: ask any ready server ({@link Addresses#DISTRO_SYNC} is consumed only by joined servers, the event bus picks
 * one), then pull the remaining chunks from that server while applying the previous one.
 */
final class FullSync {

  private static final Logger LOG = Logger.getLogger(FullSync.class.getName());
  private static final long SESSION_TTL = 60_000;
  private static final int ATTEMPTS = 5;

  private final Vertx vertx;
  private final String local;
  private final Registry registry;
  private final Replica replica;
  private final DistroStats stats;
  private final int chunkSize;
  private final DeliveryOptions requests;
  private final Map<String, List<ServiceView>> sessions = new HashMap<>();

  FullSync(Vertx vertx, String local, Registry registry, Replica replica, DistroStats stats, int chunkSize,
           long timeout) {
    this.vertx = vertx;
    this.local = local;
    this.registry = registry;
    this.replica = replica;
    this.stats = stats;
    this.chunkSize = Math.max(1, chunkSize);
    this.requests = new DeliveryOptions().setSendTimeout(timeout);
  }

  // ---- serving ----

  void serve(Message<JsonObject> m) {
    JsonObject req = m.body();
    switch (req.getString("op", "")) {
      case "start" -> {
        List<ServiceView> snapshot = new ArrayList<>(registry.views());
        String session = UUID.randomUUID().toString();
        sessions.put(session, snapshot);
        vertx.setTimer(SESSION_TTL, id -> sessions.remove(session));
        LOG.info("full sync for " + req.getString("from") + ": " + snapshot.size() + " services in "
            + chunks(snapshot) + " chunk(s)");
        m.reply(chunk(session, snapshot, 0));
      }
      case "chunk" -> {
        List<ServiceView> snapshot = sessions.get(req.getString("session"));
        if (snapshot == null) {
          m.fail(410, "sync session expired");
          return;
        }
        m.reply(chunk(req.getString("session"), snapshot, req.getInteger("index")));
      }
      case "fetch" -> {
        List<ServiceView> views = new ArrayList<>();
        for (Object o : req.getJsonArray("keys")) {
          JsonArray k = (JsonArray) o;
          ServiceView v = registry.view(new ServiceKey(k.getString(0), k.getString(1)));
          if (v != null) {
            views.add(v);
          }
        }
        m.reply(new SyncChunk(local, "", 0, 1, views).encode());
      }
      default -> m.fail(400, "unknown sync op: " + req.getString("op"));
    }
  }

  private int chunks(List<ServiceView> snapshot) {
    return Math.max(1, (snapshot.size() + chunkSize - 1) / chunkSize);
  }

  private Buffer chunk(String session, List<ServiceView> snapshot, int index) {
    int total = chunks(snapshot);
    List<ServiceView> part = snapshot.subList(Math.min(snapshot.size(), index * chunkSize),
        Math.min(snapshot.size(), (index + 1) * chunkSize));
    if (index >= total - 1) {
      sessions.remove(session);
    }
    return new SyncChunk(local, session, index, total, part).encode();
  }

  /** Asks {@code owner} for the named services and applies what it has. */
  Future<Void> fetch(String owner, List<ServiceKey> keys) {
    JsonArray list = new JsonArray();
    keys.forEach(k -> list.add(new JsonArray().add(k.namespace()).add(k.groupedName())));
    return vertx.eventBus().<Buffer>request(Addresses.distroSync(owner),
            new JsonObject().put("op", "fetch").put("keys", list), requests)
        .compose(m -> replica.apply(SyncChunk.decode(m.body()).views()));
  }

  // ---- joining ----

  /** Completes once a snapshot from a peer is applied, or at once when no server is there yet. */
  Future<Void> join() {
    Promise<Void> done = Promise.promise();
    attempt(1, done, System.currentTimeMillis());
    return done.future();
  }

  private void attempt(int n, Promise<Void> done, long started) {
    vertx.eventBus().<Buffer>request(Addresses.DISTRO_SYNC, new JsonObject().put("op", "start").put("from", local),
            requests)
        .compose(m -> pull(SyncChunk.decode(m.body())))
        .onSuccess(services -> {
          stats.fullSyncs.increment();
          stats.fullSyncServices.add(services);
          long took = System.currentTimeMillis() - started;
          stats.fullSyncMillis.add(took);
          LOG.info("full sync done: " + services + " services in " + took + " ms");
          done.complete();
        })
        .onFailure(e -> {
          if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
            LOG.info("no registry server to sync from: starting with an empty registry");
            done.complete();
          } else if (n < ATTEMPTS) {
            LOG.warning("full sync attempt " + n + " failed (" + e.getMessage() + "); retrying");
            vertx.setTimer(500L * n, id -> attempt(n + 1, done, started));
          } else {
            // Verification rounds will fill what is missing; refusing to start forever would be worse.
            LOG.warning("full sync failed " + n + " times (" + e.getMessage() + "); starting with what arrived");
            done.complete();
          }
        });
  }

  /** Applies chunk {@code first}'s views while fetching the next chunk; resolves with the services received. */
  private Future<Integer> pull(SyncChunk first) {
    Future<Void> applied = replica.apply(first.views());
    if (first.index() + 1 >= first.total()) {
      return applied.map(v -> first.views().size());
    }
    Future<Integer> rest = vertx.eventBus().<Buffer>request(Addresses.distroSync(first.sender()),
            new JsonObject().put("op", "chunk").put("session", first.session()).put("index", first.index() + 1),
            requests)
        .compose(m -> pull(SyncChunk.decode(m.body())));
    return Future.all(applied, rest).map(v -> first.views().size() + rest.result());
  }
}
