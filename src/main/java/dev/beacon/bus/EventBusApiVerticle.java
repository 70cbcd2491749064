package dev.beacon.bus;

import dev.beacon.api.Failure;
import dev.beacon.api.Guard;
import dev.beacon.api.Params;
import dev.beacon.auth.AuthStats;
import dev.beacon.client.NamingProtocol;
import dev.beacon.core.Addresses;
import dev.beacon.core.NodeStatus;
import dev.beacon.distro.ClusterView;
import dev.beacon.http.Reply;
import dev.beacon.http.Routes;
import dev.beacon.model.InstanceList;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The naming API on the cluster-wide event bus for Vert.x applications, on the shared address
 * ({@link Addresses#NAMING_API}, the event bus picks a server) and on this server's own
 * ({@link Addresses#namingApiOf}, what {@code NamingClient} uses to try another server when one does not answer):
 * {@code {"action":"instance.register","params":{...}}} runs the very endpoint HTTP runs for that action (same
 * validation and semantics). Replies: a JSON object body as is, an array as {@code {"result":[...]}}, text as
 * {@code {"result":"ok"}}; failures {@code fail(status, message)} with the HTTP status and message. Every reply
 * names this server in the header {@link NamingProtocol#SERVER_HEADER}, and, when the request asks for it
 * ({@link NamingProtocol#WANT_SERVERS_HEADER}), lists the servers it sees ({@link NamingProtocol#SERVERS_HEADER}).
 */
public final class EventBusApiVerticle extends VerticleBase {

  /** The agent endpoints see for event-bus calls: grouped names in replies, never a UDP push subscriber. */
  public static final String AGENT = InstanceList.EVENT_BUS_AGENT;

  /** The message header that carries a token (what {@code NamingClient} sends when it has credentials). */
  public static final String TOKEN_HEADER = NamingProtocol.TOKEN_HEADER;

  private final Map<String, Routes.Route> routes;
  private final Guard guard;
  private final NodeStatus status;
  private final AuthStats authStats;
  private final ClusterView cluster;

  public EventBusApiVerticle(Routes routes, Guard guard, NodeStatus status, AuthStats authStats, ClusterView cluster) {
    this.routes = routes.byAction();
    this.guard = guard;
    this.status = status;
    this.authStats = authStats;
    this.cluster = cluster;
  }

  /**
   * Starts consuming the cluster-wide address; called once the node is ready (before it reports UP). Vert.x spreads
   * requests over every consumer, so a starting node would otherwise answer its share with 503s that peers could serve.
   */
  public Future<Void> open() {
    Promise<Void> opened = Promise.promise();
    context.runOnContext(v -> Future.all(vertx.eventBus().consumer(Addresses.NAMING_API, this::handle).completion(),
            vertx.eventBus().consumer(Addresses.namingApiOf(cluster.localNode()), this::handle).completion())
        .<Void>mapEmpty().onComplete(opened));
    return opened.future();
  }

  private void handle(Message<Object> message) {
    JsonObject request = asJson(message.body());
    if (request == null) {
      message.fail(400, "message body must be a JSON object");
      return;
    }
    Object action = request.getValue(NamingProtocol.ACTION);
    if (!(action instanceof String name) || name.isBlank()) {
      message.fail(400, "Param 'action' is required.");
      return;
    }
    Routes.Route route = routes.get(name);
    if (route == null) {
      message.fail(400, "unknown action: " + name);
      return;
    }
    Object params = request.getValue(NamingProtocol.PARAMS);
    if (params != null && !(params instanceof JsonObject)) {
      message.fail(400, "params must be a JSON object");
      return;
    }
    if (!status.ready()) {
      message.fail(503, "server is " + status.state() + " now, please try again later!");
      return;
    }
    Future<Reply> reply;
    try {
      // The token travels in the message header accessToken (NamingClient puts it there) or among the params; the
      // same Guard as HTTP admits it. Event-bus members are never loopback callers: no auth changes while auth is off.
      Params p = new Params(toParams((JsonObject) params), AGENT, false, message.headers().get(TOKEN_HEADER), null);
      reply = guard.admit(route.access(), p, false).compose(admitted -> route.endpoint().handle(admitted));
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (ar.succeeded()) {
        answer(message, ar.result(), headers(message));
      } else {
        fail(message, Failure.of(ar.cause()));
      }
    });
  }

  /** Who answered, and the servers it sees when the caller asks (how NamingClient learns where else to go). */
  private DeliveryOptions headers(Message<Object> request) {
    DeliveryOptions options = new DeliveryOptions().addHeader(NamingProtocol.SERVER_HEADER, cluster.localNode());
    if (request.headers().contains(NamingProtocol.WANT_SERVERS_HEADER)) {
      options.addHeader(NamingProtocol.SERVERS_HEADER, String.join(",", cluster.serverIds()));
    }
    return options;
  }

  private static JsonObject asJson(Object body) {
    try {
      if (body instanceof JsonObject json) {
        return json;
      }
      if (body instanceof String text) {
        return new JsonObject(text);
      }
      if (body instanceof Buffer buffer) {
        return new JsonObject(buffer);
      }
      return null;
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /** HTTP parameters are strings: scalars become their text, objects and arrays (metadata, beat) their JSON. */
  private static MultiMap toParams(JsonObject params) {
    MultiMap values = MultiMap.caseInsensitiveMultiMap();
    if (params != null) {
      params.forEach(e -> {
        Object v = e.getValue();
        if (v instanceof JsonObject o) {
          values.add(e.getKey(), o.encode());
        } else if (v instanceof JsonArray a) {
          values.add(e.getKey(), a.encode());
        } else if (v != null) {
          values.add(e.getKey(), String.valueOf(v));
        }
      });
    }
    return values;
  }

  /** {@code fail(status, message)} with Nacos's message text (a refusal: 403 and its reason). */
  private void fail(Message<Object> message, Failure f) {
    if (f.denied()) {
      authStats.forbidden.increment();
    }
    message.fail(f.status(), f.message());
  }

  /**
   * A successful endpoint reply (always 200) as the event-bus API's JSON answer, from the JSON the endpoint made; only
   * a body that was encoded already (the instance list, cached per revision for HTTP) is decoded.
   */
  private static void answer(Message<Object> message, Reply reply, DeliveryOptions headers) {
    Object value = reply.content() instanceof Buffer encoded ? Json.decodeValue(encoded) : reply.content();
    message.reply(value instanceof JsonObject object ? object : new JsonObject().put(NamingProtocol.RESULT, value),
        headers);
  }
}
