package dev.beacon.http;

import dev.beacon.api.Access;
import dev.beacon.api.Guard;
import dev.beacon.api.NamingRequests;
import dev.beacon.api.Params;
import dev.beacon.core.Addresses;
import dev.beacon.model.BeaconError;
import dev.beacon.model.ServiceKey;
import dev.beacon.registry.ServiceChanges;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code GET /nacos/v1/console/changes?namespaceId=[&serviceName=&groupName=]}: server-sent events naming the services
 * of one namespace (or one service) whose view changed on this node, fed by the local {@code ServiceChanges} the
 * worker publishes after each batch (so changes applied anywhere in the cluster arrive once Distro or Raft brought
 * them here). The console then reads what it shows through the ordinary API. Admitted like a list read (naming
 * {@code r} on the namespace or the service, token as {@code accessToken} since EventSource sends no headers), and
 * checked again before each event, so a revoked or expired token ends the stream.
 *
 * <p>Events: {@code hello} once, then {@code change} with {@code {"services":["GROUP@@name",…]}} at most every
 * {@value #FLUSH_MILLIS} ms ({@code "services":[]} and {@code "many":true} when more than {@value #MAX_NAMED}
 * changed), a comment every {@value #PING_MILLIS} ms so that dropped connections are noticed. One instance per
 * {@link HttpVerticle}, confined to its event loop.
 */
final class ChangeStream {

  static final String PATH = "/v1/console/changes";
  private static final Logger LOG = Logger.getLogger(ChangeStream.class.getName());
  private static final long FLUSH_MILLIS = 200;
  private static final long PING_MILLIS = 15_000;
  private static final int MAX_NAMED = 200;
  /** Open streams per event loop; more are refused with 503 rather than grow without bound. */
  private static final int MAX_STREAMS = 500;

  private final Vertx vertx;
  private final Guard guard;
  private final Set<Stream> streams = new HashSet<>();
  private MessageConsumer<ServiceChanges> consumer;

  ChangeStream(Vertx vertx, Guard guard) {
    this.vertx = vertx;
    this.guard = guard;
  }

  /**
   * Starts the stream of an admitted request (the caller ran the readiness check and the {@link Guard}); throws
   * {@link BeaconError} before writing anything for a malformed name or when this loop has too many streams.
   */
  void open(HttpServerResponse response, Params admitted, boolean loopback) {
    if (streams.size() >= MAX_STREAMS) {
      throw BeaconError.unavailable("too many change streams on this node");
    }
    String namespace = NamingRequests.namespace(admitted);
    String service = admitted.has("serviceName") ? NamingRequests.serviceKey(admitted).groupedName() : null;
    Stream stream = new Stream(response, admitted, loopback, namespace, service);
    response.setChunked(true).putHeader("Content-Type", "text/event-stream;charset=UTF-8")
        .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
    response.write("retry: 1000\nevent: hello\ndata: {}\n\n");
    streams.add(stream);
    stream.ping = vertx.setPeriodic(PING_MILLIS, id -> stream.response.write(": ping\n\n"));
    response.closeHandler(v -> close(stream));
    if (consumer == null) {
      consumer = vertx.eventBus().localConsumer(Addresses.SERVICE_CHANGES, m -> changed(m.body()));
    }
  }

  private void changed(ServiceChanges changes) {
    for (ServiceChanges.Change c : changes.changes()) {
      ServiceKey key = c.key();
      for (Stream s : streams) {
        if (s.namespace.equals(key.namespace()) && (s.service == null || s.service.equals(key.groupedName()))) {
          s.pending.add(key.groupedName());
          if (s.flush < 0) {
            s.flush = vertx.setTimer(FLUSH_MILLIS, id -> flush(s));
          }
        }
      }
    }
  }

  /** Sends what changed, after checking the caller's token again. */
  private void flush(Stream s) {
    s.flush = -1;
    guard.admit(Access.READ, s.params, s.loopback).onComplete(ar -> {
      if (!streams.contains(s)) {
        return;
      }
      if (ar.failed()) {
        s.response.write("event: denied\ndata: " + new JsonObject().put("message", ar.cause().getMessage()).encode()
            + "\n\n");
        s.response.end();
        close(s);
        return;
      }
      JsonObject body = new JsonObject();
      body.put("services", s.pending.size() > MAX_NAMED ? new JsonArray() : new JsonArray(s.pending.stream().toList()));
      if (s.pending.size() > MAX_NAMED) {
        body.put("many", true);
      }
      s.pending.clear();
      s.response.write("event: change\ndata: " + body.encode() + "\n\n");
    });
  }

  private void close(Stream s) {
    if (streams.remove(s)) {
      vertx.cancelTimer(s.ping);
      if (s.flush >= 0) {
        vertx.cancelTimer(s.flush);
      }
      LOG.fine(() -> "change stream closed: " + s.namespace + (s.service == null ? "" : "/" + s.service));
    }
    if (streams.isEmpty() && consumer != null) {
      consumer.unregister();
      consumer = null;
    }
  }

  /** Ends every stream (the verticle stops): clients reconnect to another node or when this one is back. */
  void closeAll() {
    for (Stream s : Set.copyOf(streams)) {
      s.response.end();
      close(s);
    }
  }

  private static final class Stream {
    final HttpServerResponse response;
    final Params params;
    final boolean loopback;
    final String namespace;
    final String service;
    final Set<String> pending = new LinkedHashSet<>();
    long ping;
    long flush = -1;

    Stream(HttpServerResponse response, Params params, boolean loopback, String namespace, String service) {
      this.response = response;
      this.params = params;
      this.loopback = loopback;
      this.namespace = namespace;
      this.service = service;
    }
  }
}
