package dev.beacon.distro;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Compact binary writer for Distro messages: varints, and strings written once per message then referred to by
 * index, so the cluster names, metadata keys and values that thousands of instances repeat cost a byte or two each.
 */
final class WireOut {

  private final Buffer buffer = Buffer.buffer(256);
  private final Map<String, Integer> strings = new HashMap<>();

  Buffer buffer() {
    return buffer;
  }

  WireOut varint(long v) {
    while ((v & ~0x7FL) != 0) {
      buffer.appendByte((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    buffer.appendByte((byte) v);
    return this;
  }

  WireOut longValue(long v) {
    buffer.appendLong(v);
    return this;
  }

  WireOut doubleValue(double v) {
    buffer.appendDouble(v);
    return this;
  }

  WireOut bool(boolean v) {
    buffer.appendByte((byte) (v ? 1 : 0));
    return this;
  }

  /** 0 = null, 1 = new string (length, UTF-8 bytes), n+2 = the n-th string of this message. */
  WireOut string(String s) {
    if (s == null) {
      return varint(0);
    }
    Integer seen = strings.get(s);
    if (seen != null) {
      return varint(seen + 2L);
    }
    strings.put(s, strings.size());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    varint(1).varint(bytes.length);
    buffer.appendBytes(bytes);
    return this;
  }
}
