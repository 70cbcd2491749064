package dev.beacon.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An endpoint's answer, independent of the transport: HTTP writes it, the event-bus API wraps it. */
public record Reply(int status, boolean json, Buffer body, boolean gzipped) {

  public Reply(int status, boolean json, Buffer body) {
    this(status, json, body, false);
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
