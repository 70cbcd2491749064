package dev.beacon.distro;

import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceView;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Views a node changed (and services it removed) since its last delta. A removal carries the revision of the view
 * it removed: a replica drops its copy only if that copy is not newer.
 */
record Delta(String sender, List<ServiceView> views, List<Removal> removals) {

  record Removal(ServiceKey key, long revision) {
  }

  Buffer encode() {
    WireOut out = new WireOut();
    out.string(sender).varint(views.size());
    views.forEach(v -> ViewCodec.write(out, v, ViewCodec.ALL));
    out.varint(removals.size());
    removals.forEach(r -> {
      ViewCodec.writeKey(out, r.key());
      out.longValue(r.revision());
    });
    return out.buffer();
  }

  static Delta decode(Buffer buffer) {
    WireIn in = new WireIn(buffer);
    String sender = in.string();
    int count = in.intVarint();
    List<ServiceView> views = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      views.add(ViewCodec.read(in));
    }
    int removed = in.intVarint();
    List<Removal> removals = new ArrayList<>(removed);
    for (int n = 0; n < removed; n++) {
      removals.add(new Removal(ViewCodec.readKey(in), in.longValue()));
    }
    return new Delta(sender, views, removals);
  }
}
