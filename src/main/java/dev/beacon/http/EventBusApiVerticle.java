package dev.beacon.http;

import dev.beacon.Addresses;
import dev.beacon.Node;
import dev.beacon.auth.Denied;
import dev.beacon.client.NamingProtocol;
import dev.beacon.model.InstanceList;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.DecodeException;
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

  private final Node node;
  private final Guard guard;
  private Map<String, Routes.Route> routes;

  public EventBusApiVerticle(Node node) {
    this.node = node;
    this.guard = new Guard(node);
  }

  @Override
  public Future<?> start() {
    routes = new Routes(node).byAction();
    return Future.succeededFuture();
  }

  /**
   * Starts consuming the cluster-wide address; called once the node is ready (before it reports UP). Vert.x spreads
   * requests over every consumer, so a starting node would otherwise answer its share with 503s that peers could serve.
   */
  public Future<Void> open() {
    Promise<Void> opened = Promise.promise();
    context.runOnContext(v -> Future.all(vertx.eventBus().consumer(Addresses.NAMING_API, this::handle).completion(),
            vertx.eventBus().consumer(Addresses.namingApiOf(node.cluster().localNode()), this::handle).completion())
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
    if (!node.status().ready()) {
      message.fail(503, "server is " + node.status().state() + " now, please try again later!");
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
    reply.onComplete(ar -> answer(message, ar.succeeded() ? ar.result() : failure(ar.cause()), headers(message)));
  }

  /** Who answered, and the servers it sees when the caller asks (how NamingClient learns where else to go). */
  private DeliveryOptions headers(Message<Object> request) {
    DeliveryOptions options = new DeliveryOptions().addHeader(NamingProtocol.SERVER_HEADER, node.cluster().localNode());
    if (request.headers().contains(NamingProtocol.WANT_SERVERS_HEADER)) {
      options.addHeader(NamingProtocol.SERVERS_HEADER, String.join(",", node.cluster().serverIds()));
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

  /** A refusal is {@code fail(403, reason)} with Nacos's reason text; everything else the shared mapping. */
  private Reply failure(Throwable cause) {
    if (cause instanceof Denied denied) {
      node.auth().stats().forbidden.increment();
      return Reply.error(403, denied.getMessage());
    }
    return Failures.toReply(cause);
  }

  private static void answer(Message<Object> message, Reply reply, DeliveryOptions headers) {
    String text = reply.body().toString();
    if (reply.status() != 200) {
      message.fail(reply.status(), unwrap(text));
    } else if (!reply.json()) {
      message.reply(new JsonObject().put(NamingProtocol.RESULT, text), headers);
    } else if (text.stripLeading().startsWith("[")) {
      message.reply(new JsonObject().put(NamingProtocol.RESULT, new JsonArray(text)), headers);
    } else {
      message.reply(new JsonObject(text), headers);
    }
  }

  /** {@code caused: <message>;} → {@code <message>}: the wrapper is Nacos's HTTP body format, not the message. */
  private static String unwrap(String body) {
    if (body.startsWith("caused: ") && body.endsWith(";")) {
      return body.substring("caused: ".length(), body.length() - 1);
    }
    return body;
  }
}
