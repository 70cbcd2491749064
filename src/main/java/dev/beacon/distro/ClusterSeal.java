package dev.beacon.distro;

import dev.beacon.registry.CommandJson;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proof that a message to a server-internal address ({@code beacon.distro.*}) was sent by a server. Vert.x
 * applications join the cluster by design (the event-bus API reaches them so), so every member can send to any
 * address; only servers know {@code cluster-secret}. Every message a server sends to an internal address carries an
 * HMAC-SHA256 over its address, body, send time, a random nonce and the sending node ({@link #seal}, an outbound
 * interceptor); a server delivers such a message only if the HMAC is right, the time within {@link #WINDOW_MILLIS}
 * of its own clock, and the nonce not seen within that window (no replay) ({@link #check}, an inbound interceptor).
 * Anything else is dropped, counted, and logged once per claimed sender. Applications' addresses
 * ({@code beacon.naming*}) are not touched: they stay open to every member, guarded by tokens when auth is on.
 */
public final class ClusterSeal {

  private static final Logger LOG = Logger.getLogger(ClusterSeal.class.getName());

  static final String INTERNAL = "beacon.distro.";
  static final String SEAL = "beacon-seal";
  static final String TIME = "beacon-seal-time";
  static final String NONCE = "beacon-seal-nonce";
  static final String FROM = "beacon-seal-from";
  /** How far a sealed message's time may be from the receiver's clock (servers run NTP), and how long nonces last. */
  static final long WINDOW_MILLIS = 30_000;
  /** Claimed senders already logged: bounded, so a flood of invented names cannot grow it. */
  private static final int LOGGED_MAX = 1_000;

  private final SecretKeySpec key;
  private final String self;
  private final LongAdder refused;
  private final ThreadLocal<Mac> macs;
  /** Nonces of the messages delivered within the window, with their time. */
  private final Map<Long, Long> seen = new ConcurrentHashMap<>();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  ClusterSeal(String secret, String self, LongAdder refused) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.self = self;
    this.refused = refused;
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
      }
    });
  }

  /** Seals what this server sends to internal addresses and refuses unsealed internal messages it receives. */
  static void install(EventBus bus, String secret, String self, LongAdder refused) {
    ClusterSeal seal = new ClusterSeal(secret, self, refused);
    bus.addOutboundInterceptor(seal::seal);
    bus.addInboundInterceptor(seal::check);
  }

  private void seal(DeliveryContext<Object> ctx) {
    String address = ctx.message().address();
    if (address != null && address.startsWith(INTERNAL)) {
      MultiMap headers = ctx.message().headers();
      String time = String.valueOf(System.currentTimeMillis());
      String nonce = String.valueOf(ThreadLocalRandom.current().nextLong());
      headers.set(TIME, time).set(NONCE, nonce).set(FROM, self)
          .set(SEAL, mac(address, time, nonce, self, ctx.body()));
    }
    ctx.next();
  }

  private void check(DeliveryContext<Object> ctx) {
    String address = ctx.message().address();
    if (address == null || !address.startsWith(INTERNAL)) {
      ctx.next();
      return;
    }
    // message().body(), not body(): the latter is only the sender's object, null for a message from another member.
    String refusal = refusal(address, ctx.message().headers(), ctx.message().body());
    if (refusal == null) {
      ctx.next();
      return;
    }
    refused.increment();
    String from = ctx.message().headers().get(FROM);
    String sender = from == null ? "a member that sent no seal" : "\"" + from + "\"";
    if (logged.size() < LOGGED_MAX && logged.add(sender)) {
      LOG.warning("cluster: dropped a message to " + address + " from " + sender + ": " + refusal
          + " (only servers given cluster-secret may use beacon.distro.*; further ones are only counted)");
    }
  }

  /** Why a message to an internal address is refused, or null when its seal holds. */
  String refusal(String address, MultiMap headers, Object body) {
    String seal = headers.get(SEAL);
    String time = headers.get(TIME);
    String nonce = headers.get(NONCE);
    String from = headers.get(FROM);
    if (seal == null || time == null || nonce == null || from == null) {
      return "no seal";
    }
    long sent;
    long id;
    try {
      sent = Long.parseLong(time);
      id = Long.parseLong(nonce);
    } catch (NumberFormatException e) {
      return "malformed seal";
    }
    long now = System.currentTimeMillis();
    if (Math.abs(now - sent) > WINDOW_MILLIS) {
      return "sealed " + (now - sent) + " ms away from this server's clock";
    }
    byte[] expected = mac(address, time, nonce, from, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, seal.getBytes(StandardCharsets.US_ASCII))) {
      return "wrong seal (not a server's cluster-secret, or the message was changed)";
    }
    if (seen.putIfAbsent(id, sent) != null) {
      return "replayed";
    }
    if (seen.size() > 10_000) {
      seen.values().removeIf(t -> now - t > WINDOW_MILLIS);
    }
    return null;
  }

  private String mac(String address, String time, String nonce, String from, Object body) {
    Mac mac = macs.get();
    for (String part : new String[] {address, time, nonce, from}) {
      mac.update(part.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
    }
    mac.update(bodyBytes(body));
    return Base64.getEncoder().encodeToString(mac.doFinal());
  }

  /** The body as its sender encoded it: equal on both sides of the wire for every body type Distro sends. */
  static byte[] bodyBytes(Object body) {
    if (body == null) {
      return new byte[0];
    }
    if (body instanceof Buffer b) {
      return b.getBytes();
    }
    if (body instanceof JsonObject j) {
      return j.toBuffer().getBytes();
    }
    if (body instanceof JsonArray a) {
      return a.toBuffer().getBytes();
    }
    if (CommandCodec.forwardable(body)) {
      return CommandJson.encode(body).toBuffer().getBytes();
    }
    return String.valueOf(body).getBytes(StandardCharsets.UTF_8);
  }
}
