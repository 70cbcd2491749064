package dev.beacon.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint's answer, independent of the transport. It keeps what the endpoint made: a JSON object or array, text,
 * or a JSON body already encoded (a cached instance list); HTTP writes its bytes ({@link #body}, with
 * {@code headers}), the event-bus API sends its JSON ({@link #content}) without encoding it first.
 */
public record Reply(int status, Object content, boolean gzipped, Map<String, String> headers) {

  public static final Reply OK = text(200, "ok");

  public Reply {
    if (!(content instanceof JsonObject || content instanceof JsonArray || content instanceof String
        || content instanceof Buffer)) {
      throw new IllegalArgumentException("not a reply body: " + content);
    }
  }

  public Reply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Reply(status, content, gzipped, Map.copyOf(more));
  }

  /** Whether the body is JSON (else text). */
  public boolean json() {
    return !(content instanceof String);
  }

  /** The body's bytes, as HTTP sends them. */
  public Buffer body() {
    if (content instanceof Buffer b) {
      return b;
    }
    if (content instanceof String s) {
      return Buffer.buffer(s);
    }
    return content instanceof JsonObject o ? o.toBuffer() : ((JsonArray) content).toBuffer();
  }

  /** A JSON body already gzip-compressed (a cached list response for a client that accepts gzip). */
  public static Reply gzippedJson(Buffer body) {
    return new Reply(200, body, true, Map.of());
  }

  public static Reply text(int status, String body) {
    return new Reply(status, body, false, Map.of());
  }

  public static Reply json(JsonObject body) {
    return json(200, body);
  }

  public static Reply json(int status, JsonObject body) {
    return new Reply(status, body, false, Map.of());
  }

  public static Reply json(JsonArray body) {
    return new Reply(200, body, false, Map.of());
  }

  /** A JSON body already encoded (any JSON value). */
  public static Reply json(Buffer body) {
    return new Reply(200, body, false, Map.of());
  }

  /** Nacos's error body: {@code caused: <message>;}. */
  public static Reply error(int status, String message) {
    return text(status, "caused: " + message + ";");
  }
}
