package dev.beacon.distro;

import dev.beacon.model.ServiceKey;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server holds of the services it is responsible for: revision and checksum of each. {@code serversHash}
 * identifies the server list the sender computed responsibility with; a receiver only drops services missing from
 * the digest when it computes with the same list (otherwise "missing" may just mean "not yours in my view").
 */
record VerifyDigest(String sender, int serversHash, List<Entry> entries) {

  record Entry(ServiceKey key, long revision, String checksum) {
  }

  Buffer encode() {
    WireOut out = new WireOut();
    out.string(sender).longValue(serversHash).varint(entries.size());
    for (Entry e : entries) {
      ViewCodec.writeKey(out, e.key());
      out.longValue(e.revision()).longValue(Long.parseUnsignedLong(e.checksum(), 16));
    }
    return out.buffer();
  }

  static VerifyDigest decode(Buffer buffer) {
    WireIn in = new WireIn(buffer);
    String sender = in.string();
    int hash = (int) in.longValue();
    int count = in.intVarint();
    List<Entry> entries = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      entries.add(new Entry(ViewCodec.readKey(in), in.longValue(), Long.toHexString(in.longValue())));
    }
    return new VerifyDigest(sender, hash, entries);
  }
}
