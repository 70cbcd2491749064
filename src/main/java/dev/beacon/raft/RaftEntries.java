package dev.beacon.raft;

import dev.beacon.model.BeaconError;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * Submits a JSON entry that {@link RegistryApplier} applies outside the registry (switches, auth) and returns the
 * applier's reply: its {@code ok} value, or a {@link BeaconError} with its status. Without a majority it fails like
 * any persistent write (503).
 */
final class RaftEntries {

  private RaftEntries() {
  }

  static Future<Object> submit(RaftNode raft, JsonObject entry) {
    Context caller = Vertx.currentContext();
    var committed = raft.submit(entry.toBuffer().getBytes());
    return (caller == null ? Future.fromCompletionStage(committed) : Future.fromCompletionStage(committed, caller))
        .recover(e -> Future.failedFuture(RaftSink.unavailable(e)))
        .compose(RaftEntries::reply);
  }

  /** The applier's answer: {@code {"ok":…}} or {@code {"status":…,"message":…}}. */
  static Future<Object> reply(byte[] bytes) {
    JsonObject json = new JsonObject(Buffer.buffer(bytes));
    return json.containsKey("ok") ? Future.succeededFuture(json.getValue("ok"))
        : Future.failedFuture(new BeaconError(json.getInteger("status", 500), json.getString("message")));
  }
}
