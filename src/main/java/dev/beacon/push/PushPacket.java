package dev.beacon.push;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * The UDP push datagram nacos-client 1.4 expects: {@code {"type":"dom","data":"<list JSON as a string>",
 * "lastRefTime":<nanos>}}, gzip-compressed as a whole when it reaches 1024 bytes (the client checks the gzip magic).
 */
final class PushPacket {

  static final int GZIP_THRESHOLD = 1024;

  private PushPacket() {
  }

  static Buffer encode(Buffer listJson, long lastRefTime) {
    byte[] bytes = new JsonObject().put("type", "dom").put("data", listJson.toString())
        .put("lastRefTime", lastRefTime).toBuffer().getBytes();
    return Buffer.buffer(bytes.length >= GZIP_THRESHOLD ? gzip(bytes) : bytes);
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 4 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen writing to memory
    }
    return out.toByteArray();
  }
}
