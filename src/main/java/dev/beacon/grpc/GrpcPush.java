package dev.beacon.grpc;

import dev.beacon.model.ServiceKey;
import dev.beacon.registry.Registry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Pushes to 2.x subscribers: a {@code NotifySubscriberRequest} on the connection's bi-stream whenever a subscribed
 * service changes (changes within {@code push-delay} make one push of the newest view), and once to a connection
 * that just subscribed (a client that redid its subscriptions after a reconnect relies on it). Each push waits for
 * the client's {@code NotifySubscriberResponse} with the same request id; one not acknowledged within the ack timeout
 * is sent again, with the view current then, up to {@code retries} times. Confined to its verticle's event loop (one
 * per {@link GrpcVerticle} instance, for that instance's connections).
 */
final class GrpcPush {

  private static final Logger LOG = Logger.getLogger(GrpcPush.class.getName());

  private final Vertx vertx;
  private final Registry registry;
  private final long delay;
  private final long ackTimeout;
  private final int retries;
  private final Map<ServiceKey, Set<GrpcConnection>> subscribers = new HashMap<>();
  /** Services with a push to all their subscribers scheduled. */
  private final Set<ServiceKey> scheduled = new HashSet<>();
  private final GrpcStats stats;
  private long requestIds;

  GrpcPush(Vertx vertx, Registry registry, long delay, long ackTimeout, int retries, GrpcStats stats) {
    this.vertx = vertx;
    this.stats = stats;
    this.registry = registry;
    this.delay = delay;
    this.ackTimeout = ackTimeout;
    this.retries = retries;
  }

  void subscribe(GrpcConnection conn, ServiceKey key, String clusters) {
    conn.subscribed.put(key, clusters);
    subscribers.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(conn);
    later(() -> push(conn, key, retries));
  }

  void unsubscribe(GrpcConnection conn, ServiceKey key) {
    conn.subscribed.remove(key);
    Set<GrpcConnection> set = subscribers.get(key);
    if (set != null && set.remove(conn) && set.isEmpty()) {
      subscribers.remove(key);
    }
  }

  void unsubscribeAll(GrpcConnection conn) {
    for (ServiceKey key : conn.subscribed.keySet().toArray(new ServiceKey[0])) {
      unsubscribe(conn, key);
    }
    conn.unacked.clear();
  }

  /** A service changed: one push to each subscriber after the push delay. */
  void changed(ServiceKey key) {
    if (subscribers.containsKey(key) && scheduled.add(key)) {
      later(() -> {
        scheduled.remove(key);
        for (GrpcConnection conn : subscribers.getOrDefault(key, Set.of()).toArray(new GrpcConnection[0])) {
          push(conn, key, retries);
        }
      });
    }
  }

  /** The client's answer to a push; false if it answers nothing this connection is waiting for. */
  boolean acknowledged(GrpcConnection conn, String requestId) {
    return conn.unacked.remove(requestId) != null;
  }

  private void push(GrpcConnection conn, ServiceKey key, int retriesLeft) {
    String clusters = conn.subscribed.get(key);
    if (clusters == null || conn.stream == null) {
      return; // unsubscribed or gone meanwhile
    }
    String requestId = String.valueOf(++requestIds);
    byte[] serviceInfo = ServiceInfos.encode(key, registry.view(key), clusters, false);
    Buffer body = ServiceInfos.body(serviceInfo, "\"module\":\"naming\",\"requestId\":\"" + requestId
        + "\",\"headers\":{}");
    conn.unacked.put(requestId, key);
    conn.stream.write(new Payload("NotifySubscriberRequest", "", Map.of(), body).encode());
    stats.pushes.increment();
    vertx.setTimer(ackTimeout, id -> {
      if (conn.unacked.remove(requestId) != null) {
        stats.unacknowledged.increment();
        LOG.fine(() -> "push " + requestId + " of " + key + " to " + conn + " not acknowledged within "
            + ackTimeout + " ms" + (retriesLeft > 0 ? "; sending again" : ""));
        if (retriesLeft > 0) {
          push(conn, key, retriesLeft - 1);
        }
      }
    });
  }

  private void later(Runnable task) {
    if (delay > 0) {
      vertx.setTimer(delay, id -> task.run());
    } else {
      vertx.runOnContext(v -> task.run());
    }
  }
}
