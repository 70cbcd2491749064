package dev.beacon.distro;

import dev.beacon.model.ClusterSettings;
import dev.beacon.model.Instance;
import dev.beacon.model.InstanceRef;
import dev.beacon.model.Metadata;
import dev.beacon.model.Selector;
import dev.beacon.model.ServiceKey;
import dev.beacon.model.ServiceSettings;
import dev.beacon.model.ServiceView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Binary form of a {@link ServiceView} between Distro peers: key, settings, clusters, instances, revision and
 * lastRefTime. The revision travels unchanged (a replica keeps its owner's revision, so "newer wins" compares like
 * with like); the checksum is recomputed from the content on decode.
 * {@code include} chooses the instances to send: today every instance, so that a later change can restrict Distro to
 * ephemeral instances once Raft replicates persistent ones.
 */
public final class ViewCodec {

  public static final Predicate<Instance> ALL = i -> true;

  private ViewCodec() {
  }

  static void writeKey(WireOut out, ServiceKey key) {
    out.string(key.namespace()).string(key.groupedName());
  }

  static ServiceKey readKey(WireIn in) {
    return new ServiceKey(in.string(), in.string());
  }

  static void write(WireOut out, ServiceView view, Predicate<Instance> include) {
    writeKey(out, view.key());
    ServiceSettings s = view.settings();
    out.doubleValue(s.protectThreshold());
    metadata(out, s.metadata());
    out.string(s.selector().type()).string(s.selector().expression()).bool(s.defined());
    out.varint(view.clusters().size());
    for (ClusterSettings c : view.clusters().values()) {
      out.string(c.name()).string(c.checkerType()).string(c.checkPath()).varint(c.expectedCode())
          .string(c.headers()).varint(c.checkPort()).bool(c.useInstancePort());
      metadata(out, c.metadata());
    }
    List<Instance> instances = view.instances();
    int count = 0;
    for (Instance i : instances) {
      count += include.test(i) ? 1 : 0;
    }
    out.varint(count);
    for (Instance i : instances) {
      if (include.test(i)) {
        int flags = (i.healthy() ? 1 : 0) | (i.enabled() ? 2 : 0) | (i.ephemeral() ? 4 : 0) | (i.marked() ? 8 : 0);
        out.string(i.clusterName()).string(i.ip()).varint(i.port()).doubleValue(i.weight()).varint(flags);
        metadata(out, i.metadata());
        out.string(i.app()).string(i.snowflakeId());
      }
    }
    out.longValue(view.revision()).longValue(view.lastRefTime());
  }

  static ServiceView read(WireIn in) {
    ServiceKey key = readKey(in);
    float threshold = (float) in.doubleValue();
    Metadata serviceMeta = metadata(in);
    Selector selector = new Selector(in.string(), in.string());
    ServiceSettings settings = new ServiceSettings(threshold, serviceMeta, selector.isNone() ? Selector.NONE : selector,
        in.bool());
    int clusterCount = in.intVarint();
    List<ClusterSettings> clusters = new ArrayList<>(clusterCount);
    for (int n = 0; n < clusterCount; n++) {
      clusters.add(new ClusterSettings(in.string().intern(), in.string(), in.string(), in.intVarint(), in.string(),
          in.intVarint(), in.bool(), metadata(in)));
    }
    int count = in.intVarint();
    List<Instance> instances = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      InstanceRef ref = new InstanceRef(in.string(), in.string(), in.intVarint());
      double weight = in.doubleValue();
      int flags = in.intVarint();
      instances.add(new Instance(ref, weight, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0,
          metadata(in), in.string(), in.string()));
    }
    return ServiceView.of(key, settings, clusters, instances, in.longValue(), in.longValue());
  }

  private static void metadata(WireOut out, Metadata m) {
    out.varint(m.asMap().size());
    m.asMap().forEach((k, v) -> out.string(k).string(v));
  }

  private static Metadata metadata(WireIn in) {
    int size = in.intVarint();
    if (size == 0) {
      return Metadata.EMPTY;
    }
    Map<String, String> map = new HashMap<>(size * 2);
    for (int n = 0; n < size; n++) {
      map.put(in.string(), in.string());
    }
    return Metadata.of(map);
  }
}
