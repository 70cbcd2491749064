package dev.beacon.distro;

import dev.beacon.model.ServiceView;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply of a full sync (chunk {@code index} of {@code total} of the snapshot {@code session} taken by
 * {@code sender}) or of a fetch of named services (session empty, total 1).
 */
record SyncChunk(String sender, String session, int index, int total, List<ServiceView> views) {

  Buffer encode() {
    WireOut out = new WireOut();
    out.string(sender).string(session).varint(index).varint(total).varint(views.size());
    views.forEach(v -> ViewCodec.write(out, v, ViewCodec.ALL));
    return out.buffer();
  }

  static SyncChunk decode(Buffer buffer) {
    WireIn in = new WireIn(buffer);
    String sender = in.string();
    String session = in.string();
    int index = in.intVarint();
    int total = in.intVarint();
    int count = in.intVarint();
    List<ServiceView> views = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      views.add(ViewCodec.read(in));
    }
    return new SyncChunk(sender, session, index, total, views);
  }
}
