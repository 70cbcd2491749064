package dev.beacon.core;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The port for an entry every node applies: committed by a majority of the Raft group, then applied by every member
 * (and again on replay after a restart) to the store its {@code type} names, and kept in snapshots. Implemented by the
 * raft package, wired by {@code Beacon}; the entries are built beside their stores ({@code Switches.entry},
 * {@code AuthEntry}, {@code Namespaces.entry}, {@code CommandJson} for registry commands).
 */
@FunctionalInterface
public interface ReplicatedEntries {

  /**
   * Completes, on the caller's context, with the store's answer (the applier's {@code ok} value) once the entry is
   * committed and applied on this node; fails with a {@code BeaconError}: the store's refusal (4xx) or 503 when no
   * majority committed it within the Raft request timeout (then it never takes effect).
   */
  Future<Object> submit(JsonObject entry);
}
