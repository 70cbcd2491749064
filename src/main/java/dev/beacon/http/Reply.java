package dev.beacon.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint's answer, independent of the transport: HTTP writes it (with {@code headers}), the event-bus API wraps
 * it.
 */
public record Reply(int status, boolean json, Buffer body, boolean gzipped, Map<String, String> headers) {

  public Reply(int status, boolean json, Buffer body) {
    this(status, json, body, false);
  }

  public Reply(int status, boolean json, Buffer body, boolean gzipped) {
    this(status, json, body, gzipped, Map.of());
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, json, body, gzipped, Map.copyOf(more));
  }

  /** A JSON body already gzip-compressed (a cached list response for a client that accepts gzip). */
  public static Reply gzippedJson(Buffer body) {
    return new Reply(200, true, body, true);
  }

  public static final Reply OK = text(200, "ok");

  public static Reply text(int status, String body) {
    return new Reply(status, false, Buffer.buffer(body));
  }

  public static Reply json(JsonObject body) {
    return new Reply(200, true, body.toBuffer());
  }

  public static Reply json(JsonArray body) {
    return new Reply(200, true, body.toBuffer());
  }

  public static Reply json(Buffer body) {
    return new Reply(200, true, body);
  }

  /** Nacos's error body: {@code caused: <message>;}. */
  public static Reply error(int status, String message) {
    return text(status, "caused: " + message + ";");
  }
}
