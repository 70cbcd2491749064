package dev.beacon.client;

import dev.beacon.core.Addresses;
import dev.beacon.model.ServiceKey;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Service discovery for Vert.x applications in the same (Hazelcast) cluster as the Beacon servers, over the event bus
 * instead of HTTP: register instances (kept alive by automatic beats), look them up, pick one, and subscribe to a
 * service's changes. Every call is a request to {@link Addresses#NAMING_API}; failures are
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
  /** The beat reply code for an instance the server does not know (expired, or the server restarted). */
  private static final int NOT_FOUND = 20404;
  private static final int UNAVAILABLE = 503;
  private static final int FORBIDDEN = 403;
  /** The login action of the naming API, and the header the servers read a token from. */
  private static final String LOGIN = "auth.login";
  private static final String TOKEN_HEADER = "accessToken";

  private final Vertx vertx;
  private final NamingClientOptions options;
  private final DeliveryOptions delivery;
  /** The token of the last login (only with credentials) and when to log in again. */
  private volatile String token;
  private volatile long renewAt;
  private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
  /** Live subscriptions: each holds a consumer and an interest-renewal timer, both ended by its unsubscribe. */
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
    this.delivery = new DeliveryOptions().setSendTimeout(options.getRequestTimeout());
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
    return request("instance.register", registerParams(serviceName, group, instance)).map(reply -> {
      Registration r = new Registration(serviceName, group, instance, options.getBeatInterval());
      stop(registrations.put(registrationKey(serviceName, group, instance), r));
      if (instance.ephemeral()) {
        scheduleBeat(r);
      }
      return null;
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
   * Delivers every change of the service: the list response (all clusters, unhealthy included) and
   * {@code "removed":true} once the service is gone. Completes when the consumer is registered.
   */
  public Future<ChangeSubscription> subscribe(String serviceName, String group, Handler<JsonObject> handler) {
    ServiceKey key = ServiceKey.of(options.getNamespaceId(), groupOf(group), serviceName);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.changesOf(key),
        m -> handler.handle(m.body()));
    // Servers publish a service's changes only while someone declares interest: renew it well within its TTL.
    JsonObject interest = new JsonObject().put("namespace", key.namespace()).put("service", key.groupedName());
    long renew = vertx.setPeriodic(options.getInterestPeriod(),
        id -> vertx.eventBus().publish(Addresses.FEED_INTEREST, interest));
    ChangeSubscription handle = new ChangeSubscription() {
      @Override
      public Future<Void> unsubscribe() {
        vertx.cancelTimer(renew);
        subscriptions.remove(this);
        return consumer.unregister();
      }
    };
    subscriptions.add(handle);
    return consumer.completion().map(v -> {
      vertx.eventBus().publish(Addresses.FEED_INTEREST, interest);
      return handle;
    });
  }

  /** Any action of the naming API ({@code instance.register}, {@code service.create}, …) with raw params. */
  public Future<JsonObject> request(String action, JsonObject params) {
    JsonObject body = new JsonObject().put("action", action).put("params", params);
    return send(body, options.getUnavailableRetries());
  }

  /**
   * The event bus hands each request to the next server in turn. One that is stopping (or has no Raft majority)
   * answers 503, and one that was killed or cut off does not answer at all until the cluster drops it: either way
   * the request goes again to the next server, as nacos-client moves on to its next server. Only
   * {@code service.create} is not resent after a lost answer (it may have been applied; a second one is a 400).
   */
  private Future<JsonObject> send(JsonObject body, int retries) {
    if (options.getUsername() == null) {
      return deliver(body, null, retries);
    }
    // With credentials: the current token, and once more with a fresh one if a server refuses it (expired, or the
    // servers' key changed); a refusal for want of permission stays a refusal.
    return token().compose(t -> deliver(body, t, retries))
        .recover(e -> forbidden(e) ? login().compose(t -> deliver(body, t, retries)) : Future.failedFuture(e));
  }

  private Future<JsonObject> deliver(JsonObject body, String accessToken, int retries) {
    DeliveryOptions d = accessToken == null ? delivery : new DeliveryOptions(delivery).addHeader(TOKEN_HEADER, accessToken);
    return vertx.eventBus().<JsonObject>request(options.getAddress(), body, d).map(m -> m.body())
        .recover(e -> retries > 0 && (unavailable(e) || (lost(e) && idempotent(body)))
            ? deliver(body, accessToken, retries - 1) : Future.failedFuture(e));
  }

  private Future<String> token() {
    String t = token;
    return t != null && System.currentTimeMillis() < renewAt ? Future.succeededFuture(t) : login();
  }

  /** Logs in; the token is renewed after 90 % of its lifetime, as nacos-client does. */
  private Future<String> login() {
    JsonObject body = new JsonObject().put("action", LOGIN).put("params", new JsonObject()
        .put("username", options.getUsername()).put("password", options.getPassword()));
    return deliver(body, null, options.getUnavailableRetries()).map(reply -> {
      token = reply.getString("accessToken");
      renewAt = System.currentTimeMillis() + reply.getLong("tokenTtl", 0L) * 900;
      return token;
    });
  }

  private static boolean forbidden(Throwable e) {
    return e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && r.failureCode() == FORBIDDEN;
  }

  private static boolean unavailable(Throwable e) {
    return e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && r.failureCode() == UNAVAILABLE;
  }

  /** No answer in time, or nobody consumes the address (the cluster view is changing). */
  private static boolean lost(Throwable e) {
    return e instanceof ReplyException r
        && (r.failureType() == ReplyFailure.TIMEOUT || r.failureType() == ReplyFailure.NO_HANDLERS);
  }

  private static boolean idempotent(JsonObject body) {
    return !"service.create".equals(body.getString("action"));
  }

  /** Stops all beats, deregisters every instance this client registered and ends its subscriptions. */
  public Future<Void> close() {
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
        if (ar.result().getInteger("code", 0) == NOT_FOUND && !r.cancelled) {
          request("instance.register", registerParams(r.serviceName, r.group, instance)).onFailure(e ->
              LOG.warning("re-register of " + instance.ip() + ":" + instance.port() + " failed: " + e.getMessage()));
        }
      }
      scheduleBeat(r);
    });
  }

  private JsonObject serviceParams(String serviceName, String group) {
    return new JsonObject().put("namespaceId", options.getNamespaceId()).put("serviceName", serviceName)
        .put("groupName", groupOf(group));
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
    return groupOf(group) + "@@" + serviceName + "#" + instance.cluster() + "#" + instance.ip() + "#"
        + instance.port();
  }

  private static String groupOf(String group) {
    return group == null || group.isBlank() ? ServiceKey.DEFAULT_GROUP : group;
  }
}
