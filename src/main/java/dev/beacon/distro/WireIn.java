package dev.beacon.distro;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads what {@link WireOut} wrote, in the same order. */
final class WireIn {

  private final Buffer buffer;
  private final List<String> strings = new ArrayList<>();
  private int pos;

  WireIn(Buffer buffer) {
    this.buffer = buffer;
  }

  boolean hasMore() {
    return pos < buffer.length();
  }

  long varint() {
    long v = 0;
    int shift = 0;
    byte b;
    do {
      b = buffer.getByte(pos++);
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return v;
  }

  int intVarint() {
    return Math.toIntExact(varint());
  }

  long longValue() {
    long v = buffer.getLong(pos);
    pos += 8;
    return v;
  }

  double doubleValue() {
    double v = buffer.getDouble(pos);
    pos += 8;
    return v;
  }

  boolean bool() {
    return buffer.getByte(pos++) != 0;
  }

  String string() {
    long tag = varint();
    if (tag == 0) {
      return null;
    }
    if (tag >= 2) {
      return strings.get((int) (tag - 2));
    }
    int length = intVarint();
    String s = buffer.getString(pos, pos + length, StandardCharsets.UTF_8.name());
    pos += length;
    strings.add(s);
    return s;
  }
}
