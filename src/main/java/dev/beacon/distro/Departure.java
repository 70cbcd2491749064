package dev.beacon.distro;

import dev.beacon.core.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A server leaving the cluster on purpose: its last deltas, then its goodbye, sent to each peer and acknowledged (or
 * timed out). Published messages are fire-and-forget and a closing Vert.x may drop them; answers prove delivery.
 */
record Departure(Vertx vertx, String local, List<String> peers, long timeout) {

  /** Sends each delta to every peer; completes when all applied them or timed out. */
  Future<?> handOver(List<Delta> deltas) {
    List<Future<?>> acks = new ArrayList<>();
    for (Delta delta : deltas) {
      Buffer encoded = delta.encode();
      peers.forEach(peer -> acks.add(ask(Addresses.distroDeltas(peer), encoded)));
    }
    return Future.join(acks);
  }

  /** Tells every peer this server is gone; they recompute responsibility at once instead of waiting for Hazelcast. */
  Future<?> goodbye() {
    JsonObject bye = new JsonObject().put("node", local).put("bye", true);
    // Published too, for a server that is joining right now and not yet in this node's list.
    vertx.eventBus().publish(Addresses.DISTRO_HELLO, bye);
    return Future.join(peers.stream().map(peer -> ask(Addresses.distroGoodbye(peer), bye)).toList());
  }

  private Future<?> ask(String address, Object body) {
    return vertx.eventBus().request(address, body, new DeliveryOptions().setSendTimeout(timeout));
  }
}
