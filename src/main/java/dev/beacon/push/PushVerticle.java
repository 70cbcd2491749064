package dev.beacon.push;

import dev.beacon.client.NamingProtocol;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Setting;
import dev.beacon.config.Switches;
import dev.beacon.core.Addresses;
import dev.beacon.core.NodeStatus;
import dev.beacon.distro.ClusterView;
import dev.beacon.model.InstanceList;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import dev.beacon.registry.Registry;
import dev.beacon.registry.ServiceChanges;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Tells consumers about changed services: UDP pushes to this node's nacos-client subscribers and the per-service
 * event-bus change feed. Changes to one service within {@code push-delay} make one push carrying the newest view.
 */
public final class PushVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(PushVerticle.class.getName());

  private final BeaconConfig config;
  private final Registry registry;
  private final ClusterView cluster;
  private final NodeStatus status;
  private final Switches switches;
  private final SubscriberTable subscribers;
  private final long pushDelay;
  /** Services with a push scheduled; the value says whether any of the changes may go to the feed from here. */
  private final Map<ServiceKey, Boolean> scheduled = new HashMap<>();
  /** Services some event-bus subscriber wants, until when: the feed is encoded only for these. */
  private final Map<ServiceKey, Long> interest = new HashMap<>();
  private final long interestTtl;
  private UdpPush udp;

  public PushVerticle(BeaconConfig config, Registry registry, ClusterView cluster, NodeStatus status, Switches switches,
                      SubscriberTable subscribers) {
    this.config = config;
    this.registry = registry;
    this.cluster = cluster;
    this.status = status;
    this.switches = switches;
    this.subscribers = subscribers;
    this.pushDelay = config.millis(Setting.PUSH_DELAY);
    this.interestTtl = config.millis(Setting.FEED_INTEREST_TTL);
  }

  @Override
  public Future<?> start() {
    DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions());
    udp = new UdpPush(vertx, socket, subscribers.stats(), config.millis(Setting.PUSH_ACK_TIMEOUT),
        config.intValue(Setting.PUSH_RETRIES));
    socket.handler(udp::received);
    vertx.setPeriodic(Math.max(1, config.millis(Setting.PUSH_SWEEP_PERIOD)), id -> {
      long now = System.currentTimeMillis();
      interest.values().removeIf(until -> until < now);
      int dropped = subscribers.sweep();
      if (dropped > 0) {
        LOG.fine(() -> "dropped " + dropped + " expired push subscribers");
      }
    });
    return socket.listen(0, config.host())
        .onSuccess(s -> LOG.fine(() -> "UDP push socket on " + s.localAddress()))
        .compose(s -> vertx.eventBus().<JsonObject>consumer(Addresses.FEED_INTEREST, this::interested).completion())
        .compose(v -> vertx.eventBus().<ServiceChanges>localConsumer(Addresses.SERVICE_CHANGES,
            m -> m.body().changes().forEach(this::schedule)).completion());
  }

  /**
   * Records interest (every server does: responsibility may move). The responsible node then acknowledges it: with
   * {@code replyTo} (NamingClient) by sending the current state there, also for a service that does not exist
   * ({@code "removed":true}), so the subscriber knows its feed is live; without, a new follower gets the current
   * state published once.
   */
  private void interested(Message<JsonObject> m) {
    JsonObject body = m.body();
    String namespace = body == null ? null : body.getString(NamingProtocol.NAMESPACE);
    String service = body == null ? null : body.getString(NamingProtocol.SERVICE);
    if (namespace != null && service != null && service.contains(ServiceKey.SEPARATOR)) {
      ServiceKey key = new ServiceKey(namespace, service);
      boolean fresh = !interested(key);
      interest.put(key, System.currentTimeMillis() + interestTtl);
      if (!status.ready() || !cluster.isResponsible(key)) {
        return;
      }
      ServiceView view = registry.view(key);
      String replyTo = body.getString(NamingProtocol.REPLY_TO);
      // Interest travels apart from the writes: the current state from the responsible node means a change made
      // just before the interest arrived is not lost, and nothing is published twice.
      if (replyTo != null) {
        vertx.eventBus().send(replyTo, feedEvent(key, view, switches.defaultCacheMillis()));
      } else if (fresh && view != null) {
        publishFeed(key, view);
      }
    }
  }

  private void schedule(ServiceChanges.Change change) {
    ServiceKey key = change.key();
    if (!subscribers.hasSubscribers(key) && !interested(key)) {
      return; // nobody to tell: no timer, no encoding
    }
    // A peer's view counts once this node serves: at the node responsible it is a write that node never saw (applied
    // by a peer while it did not answer, or a verify repair); views a joining node syncs are not news.
    boolean feed = change.origin() != ServiceChanges.Origin.PEER || status.ready();
    Boolean before = scheduled.get(key);
    if (before != null) {
      scheduled.put(key, before || feed);
      return;
    }
    scheduled.put(key, feed);
    if (pushDelay > 0) {
      vertx.setTimer(pushDelay, id -> flush(key));
    } else {
      vertx.runOnContext(v -> flush(key));
    }
  }

  /** Pushes the service's current view; the registry read here is at least as new as every merged change. */
  private void flush(ServiceKey key) {
    boolean feed = scheduled.remove(key);
    ServiceView view = registry.view(key);
    // Subscribers asking for the same clusters in the same naming style get the same bytes: encode once per shape.
    Map<InstanceList.Query, Buffer> encoded = new HashMap<>();
    long pushCacheMillis = switches.defaultPushCacheMillis();
    // pushEnabled=false (a runtime switch): subscribers are kept but not pushed to; clients then poll.
    for (Subscriber s : switches.pushEnabled() ? subscribers.list(key) : List.<Subscriber>of()) {
      InstanceList.Query q = new InstanceList.Query(s.clusters(), "", false, InstanceList.groupedNames(s.agent()),
          true, pushCacheMillis);
      udp.push(s, encoded.computeIfAbsent(q, shape -> InstanceList.encode(key, view, shape)));
    }
    // Each change reaches the feed once cluster-wide: from the node responsible, and not again from replicas.
    if (feed && cluster.isResponsible(key) && interested(key)) {
      publishFeed(key, view);
    }
  }

  private boolean interested(ServiceKey key) {
    return interest.getOrDefault(key, 0L) >= System.currentTimeMillis();
  }

  private void publishFeed(ServiceKey key, ServiceView view) {
    vertx.eventBus().publish(Addresses.changesOf(key), feedEvent(key, view, switches.defaultCacheMillis()));
  }

  /** The list response (all clusters, unhealthy included, grouped names), plus {@code removed:true} when gone. */
  static JsonObject feedEvent(ServiceKey key, ServiceView view, long cacheMillis) {
    Buffer json = InstanceList.encode(key, view, new InstanceList.Query("", "", false, true, false, cacheMillis));
    JsonObject event = new JsonObject(json);
    if (view == null) {
      event.put(NamingProtocol.REMOVED, true);
    }
    return event;
  }
}
