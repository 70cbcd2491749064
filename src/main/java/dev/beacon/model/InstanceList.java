package dev.beacon.model;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The body of {@code GET /instance/list} (and of a UDP push), field for field as Nacos 1.4 {@code doSrvIpxt} writes it.
 * The common queries (all clusters, no env) are encoded once per view revision and reused; {@code lastRefTime} is the
 * revision's time, which lets the whole body be cached (the client only compares it with what it saw before).
 */
public final class InstanceList {

  private InstanceList() {
  }

  /**
   * The query shape: {@code clusters} as sent (echoed verbatim), {@code env} echoed, agent naming style, and whether the
   * caller is a push subscriber (which decides {@code cacheMillis}).
   */
  public record Query(String clusters, String env, boolean healthyOnly, boolean groupedNames, boolean pushed,
                      long cacheMillis) {
    List<String> clusterList() {
      return clusters.isEmpty() ? List.of() : Arrays.stream(clusters.split(",")).map(String::trim).toList();
    }
  }

  /**
   * The gzip-compressed body, for clients that accept gzip (nacos-client does): cached per revision like the plain one,
   * so a popular service is compressed once per change, not once per query. Null when the shape is not cached.
   */
  /** The user agent of Beacon's own event-bus API, which gets grouped names like a Java client. */
  public static final String EVENT_BUS_AGENT = "Beacon-EventBus:v1";

  /**
   * Whether a caller with this user agent gets grouped names ({@code group@@name}): a Java client of version 1.0.0 or
   * later, as Nacos decides it, and the event-bus API.
   */
  public static boolean groupedNames(String userAgent) {
    String ua = userAgent == null ? "" : userAgent;
    if (ua.startsWith(EVENT_BUS_AGENT)) {
      return true;
    }
    if (!ua.startsWith("Nacos-Java-Client:v")) {
      return false;
    }
    String version = ua.substring("Nacos-Java-Client:v".length());
    return !version.isEmpty() && version.charAt(0) >= '1';
  }

  /** Memo slots: 0–7 the plain bodies by query shape, 8–15 the same gzipped. */
  private static final int GZIPPED = 8;

  public static Buffer encodeGzipped(ServiceKey key, ServiceView view, Query q) {
    if (view == null || !cacheable(q)) {
      return null;
    }
    int slot = slot(q);
    return Buffer.buffer(view.memo(slot + GZIPPED,
        () -> gzip(view.memo(slot, () -> body(key, view, q)))));
  }

  public static Buffer encode(ServiceKey key, ServiceView view, Query q) {
    if (view == null) {
      return Buffer.buffer(Json.encode(g -> {
        g.writeStartObject();
        g.writeStringField("name", key.groupedName());
        g.writeStringField("clusters", q.clusters());
        g.writeNumberField("cacheMillis", q.cacheMillis());
        g.writeArrayFieldStart("hosts");
        g.writeEndArray();
        g.writeEndObject();
      }));
    }
    if (cacheable(q)) {
      return Buffer.buffer(view.memo(slot(q), () -> body(key, view, q)));
    }
    return Buffer.buffer(body(key, view, q));
  }

  private static boolean cacheable(Query q) {
    return q.clusters().isEmpty() && q.env().isEmpty();
  }

  private static int slot(Query q) {
    return (q.healthyOnly() ? 1 : 0) | (q.groupedNames() ? 2 : 0) | (q.pushed() ? 4 : 0);
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] body(ServiceKey key, ServiceView view, Query q) {
    HostList hosts = HostList.encode(view, q.clusterList(), q.healthyOnly(), q.groupedNames());
    String dom = q.groupedNames() ? key.groupedName() : key.bareName();
    return Json.encode(g -> {
      g.writeStartObject();
      g.writeFieldName("hosts");
      g.writeRawValue(new String(hosts.json(), StandardCharsets.UTF_8));
      g.writeStringField("dom", dom);
      g.writeStringField("name", key.groupedName());
      g.writeNumberField("cacheMillis", q.cacheMillis());
      g.writeNumberField("lastRefTime", view.lastRefTime());
      g.writeStringField("checksum", view.checksum());
      g.writeBooleanField("useSpecifiedURL", false);
      g.writeStringField("clusters", q.clusters());
      g.writeStringField("env", q.env());
      Json.writeMap(g, "metadata", view.settings().metadata().asMap());
      g.writeBooleanField("reachProtectionThreshold", hosts.reachedThreshold());
      g.writeEndObject();
    });
  }
}
