package dev.beacon.push;

import dev.beacon.model.ServiceKey;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramPacket;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Sends push datagrams and tracks their acks: a push unacknowledged after {@code ackTimeout} is resent (same packet,
 * same {@code lastRefTime}) up to {@code retries} times, then counted as failed. A newer push to the same subscriber
 * supersedes a pending one, so stale data is never resent. Confined to the owning verticle's event loop.
 */
final class UdpPush {

  private static final Logger LOG = Logger.getLogger(UdpPush.class.getName());

  /** One push awaiting its ack. */
  private record Pending(Subscriber subscriber, Buffer packet, long lastRefTime, int sends, long timer) {
  }

  private record Target(ServiceKey key, Subscriber.Id id) {
  }

  private final Vertx vertx;
  private final DatagramSocket socket;
  private final PushStats stats;
  private final long ackTimeout;
  private final int retries;
  /** Keyed by {@code <subscriber udp port>:<lastRefTime>}, what the ack carries. */
  private final Map<String, Pending> awaitingAck = new HashMap<>();
  private final Map<Target, String> latest = new HashMap<>();
  private long lastRefTime;

  UdpPush(Vertx vertx, DatagramSocket socket, PushStats stats, long ackTimeout, int retries) {
    this.vertx = vertx;
    this.socket = socket;
    this.stats = stats;
    this.ackTimeout = ackTimeout;
    this.retries = retries;
  }

  void push(Subscriber subscriber, Buffer listJson) {
    // nanoTime as Nacos does, made strictly increasing so every packet's ack key is unique.
    lastRefTime = Math.max(System.nanoTime(), lastRefTime + 1);
    Target target = new Target(subscriber.key(), subscriber.id());
    String previous = latest.put(target, ackKey(subscriber.port(), lastRefTime));
    if (previous != null) {
      Pending superseded = awaitingAck.remove(previous);
      if (superseded != null) {
        vertx.cancelTimer(superseded.timer());
      }
    }
    stats.sent();
    send(new Pending(subscriber, PushPacket.encode(listJson, lastRefTime), lastRefTime, 0, -1));
  }

  private void send(Pending p) {
    String key = ackKey(p.subscriber().port(), p.lastRefTime());
    long timer = vertx.setTimer(Math.max(1, ackTimeout), id -> timedOut(key));
    awaitingAck.put(key, new Pending(p.subscriber(), p.packet(), p.lastRefTime(), p.sends() + 1, timer));
    socket.send(p.packet(), p.subscriber().port(), p.subscriber().ip()).onFailure(e -> {
      LOG.fine(() -> "push to " + p.subscriber().address() + " not sent: " + e.getMessage());
      if (awaitingAck.remove(key) != null) {
        vertx.cancelTimer(timer);
        forget(p.subscriber(), key);
        stats.failed();
      }
    });
  }

  private void timedOut(String key) {
    Pending p = awaitingAck.remove(key);
    if (p == null) {
      return;
    }
    if (p.sends() <= retries) {
      stats.resent();
      send(p);
      return;
    }
    forget(p.subscriber(), key);
    stats.failed();
    LOG.fine(() -> "push to " + p.subscriber().address() + " for " + p.subscriber().key() + " not acknowledged after "
        + p.sends() + " sends");
  }

  /** A datagram from a client: {@code push-ack} settles a pending push; anything else is only logged. */
  void received(DatagramPacket packet) {
    JsonObject msg;
    try {
      msg = new JsonObject(packet.data());
    } catch (DecodeException | ClassCastException e) {
      LOG.fine(() -> "ignored non-JSON datagram from " + packet.sender());
      return;
    }
    String type = String.valueOf(msg.getValue("type"));
    if (!"push-ack".equals(type)) {
      LOG.fine(() -> "ignored datagram of type " + type + " from " + packet.sender());
      return;
    }
    String key;
    try {
      key = ackKey(packet.sender().port(), Long.parseLong(String.valueOf(msg.getValue("lastRefTime")).trim()));
    } catch (NumberFormatException e) {
      LOG.fine(() -> "ignored push-ack with a bad lastRefTime from " + packet.sender());
      return;
    }
    Pending p = awaitingAck.remove(key);
    if (p == null) {
      return; // a late or duplicate ack
    }
    vertx.cancelTimer(p.timer());
    forget(p.subscriber(), key);
    stats.acked();
  }

  private void forget(Subscriber s, String key) {
    latest.remove(new Target(s.key(), s.id()), key);
  }

  private static String ackKey(int port, long lastRefTime) {
    return port + ":" + lastRefTime;
  }
}
