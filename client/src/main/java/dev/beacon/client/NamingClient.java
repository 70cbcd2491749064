package dev.beacon.client;

import static dev.beacon.client.NamingProtocol.ACTION;
import static dev.beacon.client.NamingProtocol.PARAMS;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Service discovery for Vert.x applications in the same (Hazelcast) cluster as the Beacon servers, over the event bus
 * instead of HTTP: register instances (kept alive by automatic beats), look them up, pick one, and subscribe to a
 * service's changes. Every call is a request to a server ({@link NamingProtocol}); failures are
 * {@link io.vertx.core.eventbus.ReplyException}s carrying the HTTP status ({@code failureCode()}) and message.
 *
 * <pre>{@code
 * NamingClient naming = NamingClient.create(vertx);
 * naming.register("orders", "DEFAULT_GROUP", InstanceSpec.of("127.0.0.5", 8080))
 *     .compose(v -> naming.selectOneHealthy("payments", "DEFAULT_GROUP"))
 *     .onSuccess(host -> System.out.println(host.getString("ip") + ":" + host.getInteger("port")));
 * }</pre>
 */
public final class NamingClient {

  private static final Logger LOG = Logger.getLogger(NamingClient.class.getName());

  private final Vertx vertx;
  private final NamingClientOptions options;
  private final Servers servers;
  private volatile boolean closed;
  /** The token of the last login (only with credentials) and when to log in again. */
  private volatile String token;
  private volatile long renewAt;
  private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
  /** Live subscriptions: each holds consumers and an interest-renewal timer, all ended by its unsubscribe. */
  private final Set<ChangeSubscription> subscriptions = ConcurrentHashMap.newKeySet();

  /**
   * One registered instance and its pending beat timer (none for persistent instances, which are not beaten). The
   * next beat is scheduled when the previous one is answered, after the {@code clientBeatInterval} the server asked
   * for (as nacos-client does), so beats never pile up behind a slow server.
   */
  private static final class Registration {
    final String serviceName;
    final String group;
    final InstanceSpec instance;
    volatile long interval;
    volatile long timer = -1;
    volatile boolean cancelled;

    Registration(String serviceName, String group, InstanceSpec instance, long interval) {
      this.serviceName = serviceName;
      this.group = group;
      this.instance = instance;
      this.interval = interval;
    }
  }

  private NamingClient(Vertx vertx, NamingClientOptions options) {
    this.vertx = vertx;
    this.options = new NamingClientOptions(options);
    this.servers = new Servers(options.getServerRefreshPeriod());
  }

  /** A client with default options (namespace {@code public}, 5 s beats). */
  public static NamingClient create(Vertx vertx) {
    return create(vertx, new NamingClientOptions());
  }

  public static NamingClient create(Vertx vertx, NamingClientOptions options) {
    return new NamingClient(vertx, options);
  }

  /**
   * Registers an instance. An ephemeral one is then beaten until {@link #deregister} or {@link #close}: first after
   * the configured beat interval, then at the {@code clientBeatInterval} the server answers each beat with (the
   * instance's {@code preserved.heart.beat.interval} or the server's {@code beat-interval}); when a server answers a
   * beat with "not found" the client registers it again.
   */
  public Future<Void> register(String serviceName, String group, InstanceSpec instance) {
    return request("instance.register", registerParams(serviceName, group, instance)).compose(reply -> {
      Registration r = new Registration(serviceName, group, instance, options.getBeatInterval());
      stop(registrations.put(registrationKey(serviceName, group, instance), r));
      if (closed) { // closed while the register was under way: undo it, as close() does for the others
        return deregister(serviceName, group, instance)
            .transform(ar -> Future.failedFuture(new IllegalStateException("client closed")));
      }
      if (instance.ephemeral()) {
        scheduleBeat(r);
      }
      return Future.succeededFuture();
    });
  }

  /** Stops beating the instance and removes it from the registry. */
  public Future<Void> deregister(String serviceName, String group, InstanceSpec instance) {
    stop(registrations.remove(registrationKey(serviceName, group, instance)));
    return request("instance.deregister", instanceParams(serviceName, group, instance)
        .put("ephemeral", instance.ephemeral())).mapEmpty();
  }

  /** The instances of a service (all clusters), as the hosts of the Nacos list response. */
  public Future<List<JsonObject>> getInstances(String serviceName, String group, boolean healthyOnly) {
    return request("instance.list", serviceParams(serviceName, group).put("healthyOnly", healthyOnly))
        .map(reply -> {
          JsonArray hosts = reply.getJsonArray("hosts", new JsonArray());
          List<JsonObject> list = new ArrayList<>(hosts.size());
          for (int i = 0; i < hosts.size(); i++) {
            list.add(hosts.getJsonObject(i));
          }
          return list;
        });
  }

  /**
   * One healthy instance, chosen at random by weight. The server's healthy-only list already leaves out disabled
   * instances and applies the protect threshold; fails with {@link IllegalStateException} when none is left.
   */
  public Future<JsonObject> selectOneHealthy(String serviceName, String group) {
    return getInstances(serviceName, group, true).compose(hosts -> {
      List<JsonObject> candidates = hosts.stream().filter(h -> h.getBoolean("healthy", false)
          && h.getBoolean("enabled", true) && h.getDouble("weight", 1.0) > 0).toList();
      JsonObject chosen = Weighted.pick(candidates, ThreadLocalRandom.current().nextDouble());
      return chosen != null ? Future.succeededFuture(chosen)
          : Future.failedFuture(new IllegalStateException("no healthy instance of " + group + "@@" + serviceName));
    });
  }

  /**
   * Follows a service's changes. Completes once the feed is live: the server responsible for the service has
   * recorded the interest and sent the current state, which the handler receives first (for a service that does not
   * exist yet: no hosts and {@code "removed":true}). Then the handler gets every change: the list response (all
   * clusters, unhealthy included), and {@code "removed":true} once the service is gone. Fails when no server
   * acknowledges the interest within {@code requestTimeout}, tried {@code 1 + retries} times.
   */
  public Future<ChangeSubscription> subscribe(String serviceName, String group, Handler<JsonObject> handler) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("client closed"));
    }
    String grouped = NamingProtocol.groupedName(group, serviceName);
    // Both consumers on one context, so the acknowledged state and the changes after it reach the handler in order.
    Context context = vertx.getOrCreateContext();
    Promise<ChangeSubscription> subscribed = Promise.promise();
    context.runOnContext(v -> {
      Feed feed = new Feed(options.getNamespaceId(), grouped, handler);
      feed.start().<ChangeSubscription>map(feed).onComplete(subscribed);
    });
    return subscribed.future();
  }

  /**
   * One subscription: the consumer of the service's change feed, a consumer of its own for the server's
   * acknowledgement (the current state, sent to {@code replyTo}), and the timer that renews the interest.
   */
  private final class Feed implements ChangeSubscription {
    private final JsonObject interest;
    private final String description;
    private final MessageConsumer<JsonObject> changes;
    private final MessageConsumer<JsonObject> ack;
    private final Promise<Void> acknowledged = Promise.promise();
    private volatile long renew = -1;
    private volatile long retry = -1;
    private volatile boolean ended;

    Feed(String namespace, String grouped, Handler<JsonObject> handler) {
      this.description = namespace + "/" + grouped;
      String replyTo = "beacon.naming.subscriber." + UUID.randomUUID();
      this.interest = new JsonObject().put(NamingProtocol.NAMESPACE, namespace).put(NamingProtocol.SERVICE, grouped);
      this.changes = vertx.eventBus().consumer(NamingProtocol.changesOf(namespace, grouped), m -> {
        if (!ended) {
          handler.handle(m.body());
        }
      });
      this.ack = vertx.eventBus().consumer(replyTo, m -> {
        if (!ended && !acknowledged.future().isComplete()) {
          handler.handle(m.body()); // the current state comes first, before subscribe completes
          acknowledged.tryComplete();
        }
      });
      interest.put(NamingProtocol.REPLY_TO, replyTo);
    }

    Future<Void> start() {
      subscriptions.add(this);
      return Future.all(changes.completion(), ack.completion())
          .compose(v -> {
            declare(options.getUnavailableRetries());
            return acknowledged.future();
          })
          .compose(v -> {
            vertx.cancelTimer(retry);
            ack.unregister();
            JsonObject renewal = interest.copy();
            renewal.remove(NamingProtocol.REPLY_TO);
            // Servers publish a service's changes only while someone declares interest: renew it well within its TTL.
            renew = vertx.setPeriodic(options.getInterestPeriod(),
                id -> vertx.eventBus().publish(NamingProtocol.INTEREST, renewal));
            return ended ? Future.failedFuture(new IllegalStateException("client closed")) : Future.<Void>succeededFuture();
          })
          .onFailure(e -> unsubscribe());
    }

    /** Publishes the interest; without an acknowledgement within requestTimeout, again, {@code left} more times. */
    private void declare(int left) {
      if (ended || acknowledged.future().isComplete()) {
        return;
      }
      vertx.eventBus().publish(NamingProtocol.INTEREST, interest);
      retry = vertx.setTimer(options.getRequestTimeout(), id -> {
        if (left > 0) {
          declare(left - 1);
        } else {
          acknowledged.tryFail(new ReplyException(ReplyFailure.TIMEOUT, -1, "no server acknowledged interest in "
              + description + " within " + options.getRequestTimeout() + " ms, "
              + (options.getUnavailableRetries() + 1) + " times"));
        }
      });
    }

    @Override
    public Future<Void> unsubscribe() {
      ended = true;
      vertx.cancelTimer(renew);
      vertx.cancelTimer(retry);
      acknowledged.tryFail(new IllegalStateException("unsubscribed"));
      subscriptions.remove(this);
      return Future.join(changes.unregister(), ack.unregister()).mapEmpty();
    }
  }

  /** Any action of the naming API ({@code instance.register}, {@code service.create}, …) with raw params. */
  public Future<JsonObject> request(String action, JsonObject params) {
    if (closed && !"instance.deregister".equals(action)) {
      return Future.failedFuture(new IllegalStateException("client closed"));
    }
    JsonObject body = new JsonObject().put(ACTION, action).put(PARAMS, params);
    return send(body);
  }

  /**
   * Sends the request to the servers in turn ({@link Servers}), each attempt waiting {@code requestTimeout}. The next
   * server gets it after a 503 (starting, stopping, no Raft majority), after no answer in time for reads and
   * idempotent writes (every action but {@code service.create}: a killed or cut-off server stays on the event bus
   * until the cluster drops it), and when the event bus has no consumer for a server any more (the cluster dropped
   * it). With no server known, or all tried, the attempt goes to the shared address and the event bus picks one.
   */
  private Future<JsonObject> send(JsonObject body) {
    if (options.getUsername() == null) {
      return attempt(body, null, new Attempts());
    }
    // With credentials: the current token, and once more with a fresh one if a server refuses it (expired, or the
    // servers' key changed); a refusal for want of permission stays a refusal.
    return token().compose(t -> attempt(body, t, new Attempts()))
        .recover(e -> forbidden(e) ? login().compose(t -> attempt(body, t, new Attempts())) : Future.failedFuture(e));
  }

  /** The servers one request went to, and how each attempt ended. */
  private final class Attempts {
    final List<String> tried = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    final List<String> order = servers.order();
    int left = options.getUnavailableRetries() + 1;

    /** The next server not yet tried, or null for the shared address. */
    String next() {
      for (String id : order) {
        if (!tried.contains(id)) {
          return id;
        }
      }
      return null;
    }

    ReplyException failure(ReplyException last) {
      StringBuilder text = new StringBuilder(last.getMessage() == null ? "no answer" : last.getMessage())
          .append(" (tried ");
      for (int i = 0; i < outcomes.size(); i++) {
        text.append(i == 0 ? "" : ", ").append(outcomes.get(i));
      }
      return new ReplyException(last.failureType(), last.failureCode(), text.append(')').toString());
    }
  }

  private Future<JsonObject> attempt(JsonObject body, String accessToken, Attempts attempts) {
    String server = attempts.next();
    String address = server == null ? options.getAddress() : NamingProtocol.serverApi(server);
    DeliveryOptions d = new DeliveryOptions().setSendTimeout(options.getRequestTimeout());
    if (accessToken != null) {
      d.addHeader(NamingProtocol.TOKEN_HEADER, accessToken);
    }
    if (servers.stale()) {
      d.addHeader(NamingProtocol.WANT_SERVERS_HEADER, "1");
    }
    attempts.left--;
    String label = server == null ? "any server" : server;
    attempts.tried.add(label);
    return vertx.eventBus().<JsonObject>request(address, body, d).map(m -> answered(server, m))
        .recover(e -> {
          if (!(e instanceof ReplyException r)) {
            return Future.failedFuture(e);
          }
          // No answer in time, or the event bus could not hand it over (the server's connection failed): lost.
          boolean lost = r.failureType() == ReplyFailure.TIMEOUT || r.failureType() == ReplyFailure.ERROR;
          boolean noHandlers = r.failureType() == ReplyFailure.NO_HANDLERS;
          attempts.outcomes.add(label + ": " + (r.failureType() == ReplyFailure.TIMEOUT
              ? "no answer within " + options.getRequestTimeout() + " ms" : lost ? "not delivered: " + r.getMessage()
              : noHandlers ? "not on the event bus" : r.failureCode() + " " + r.getMessage()));
          if (server != null && lost) {
            servers.suspect(server);
          } else if (server != null && noHandlers) {
            servers.gone(server);
          }
          boolean again = unavailable(e) || noHandlers || (lost && idempotent(body));
          if (!again) {
            return Future.failedFuture(attempts.outcomes.size() > 1 || lost || noHandlers ? attempts.failure(r) : r);
          }
          return attempts.left > 0 ? attempt(body, accessToken, attempts) : Future.failedFuture(attempts.failure(r));
        });
  }

  private JsonObject answered(String server, Message<JsonObject> m) {
    servers.learn(m.headers().get(NamingProtocol.SERVERS_HEADER));
    String by = m.headers().get(NamingProtocol.SERVER_HEADER);
    if (by != null) {
      servers.answered(by);
    } else if (server != null) {
      servers.answered(server);
    }
    return m.body();
  }

  private Future<String> token() {
    String t = token;
    return t != null && System.currentTimeMillis() < renewAt ? Future.succeededFuture(t) : login();
  }

  /** Logs in; the token is renewed after 90 % of its lifetime, as nacos-client does. */
  private Future<String> login() {
    JsonObject body = new JsonObject().put(ACTION, NamingProtocol.LOGIN).put(PARAMS, new JsonObject()
        .put("username", options.getUsername()).put("password", options.getPassword()));
    return attempt(body, null, new Attempts()).map(reply -> {
      token = reply.getString("accessToken");
      renewAt = System.currentTimeMillis() + reply.getLong("tokenTtl", 0L) * 900;
      return token;
    });
  }

  private static boolean forbidden(Throwable e) {
    return e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && r.failureCode() == NamingProtocol.FORBIDDEN;
  }

  private static boolean unavailable(Throwable e) {
    return e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && r.failureCode() == NamingProtocol.UNAVAILABLE;
  }

  private static boolean idempotent(JsonObject body) {
    return !NamingProtocol.SERVICE_CREATE.equals(body.getString(ACTION));
  }

  /**
   * Stops all beats and interest renewals, deregisters every instance this client registered and ends its
   * subscriptions; the client then refuses new requests. Completes when the deregistrations are answered.
   */
  public Future<Void> close() {
    closed = true;
    List<Future<?>> pending = new ArrayList<>();
    for (Registration r : List.copyOf(registrations.values())) {
      pending.add(deregister(r.serviceName, r.group, r.instance));
    }
    for (ChangeSubscription s : List.copyOf(subscriptions)) {
      pending.add(s.unsubscribe());
    }
    return Future.join(pending).mapEmpty();
  }

  private void scheduleBeat(Registration r) {
    if (!r.cancelled) {
      r.timer = vertx.setTimer(r.interval, id -> beat(r));
    }
  }

  private void stop(Registration r) {
    if (r != null) {
      r.cancelled = true;
      vertx.cancelTimer(r.timer);
    }
  }

  private void beat(Registration r) {
    if (r.cancelled) {
      return;
    }
    InstanceSpec instance = r.instance;
    request("instance.beat", instanceParams(r.serviceName, r.group, instance)).onComplete(ar -> {
      if (ar.failed()) {
        LOG.fine(() -> "beat of " + instance.ip() + ":" + instance.port() + " failed: " + ar.cause().getMessage());
      } else {
        if (ar.result().getValue("clientBeatInterval") instanceof Number asked && asked.longValue() > 0) {
          r.interval = asked.longValue();
        }
        if (ar.result().getInteger("code", 0) == NamingProtocol.BEAT_NOT_FOUND && !r.cancelled) {
          request("instance.register", registerParams(r.serviceName, r.group, instance)).onFailure(e ->
              LOG.warning("re-register of " + instance.ip() + ":" + instance.port() + " failed: " + e.getMessage()));
        }
      }
      scheduleBeat(r);
    });
  }

  private JsonObject serviceParams(String serviceName, String group) {
    return new JsonObject().put("namespaceId", options.getNamespaceId()).put("serviceName", serviceName)
        .put("groupName", NamingProtocol.groupOrDefault(group));
  }

  private JsonObject instanceParams(String serviceName, String group, InstanceSpec instance) {
    return serviceParams(serviceName, group).put("ip", instance.ip()).put("port", instance.port())
        .put("clusterName", instance.cluster());
  }

  private JsonObject registerParams(String serviceName, String group, InstanceSpec instance) {
    return instanceParams(serviceName, group, instance).put("weight", instance.weight())
        .put("ephemeral", instance.ephemeral()).put("enabled", true).put("healthy", true)
        .put("metadata", new JsonObject(Map.copyOf(instance.metadata())));
  }

  private String registrationKey(String serviceName, String group, InstanceSpec instance) {
    return NamingProtocol.groupedName(group, serviceName) + "#" + instance.cluster() + "#" + instance.ip() + "#"
        + instance.port();
  }
}
