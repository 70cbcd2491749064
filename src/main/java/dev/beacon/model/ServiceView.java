package dev.beacon.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * One immutable revision of a service: its settings, clusters and instances, a revision, a checksum and the
 * encoded host lists of the common list query (built lazily, once per revision, shared by every reader).
 * Only the registry worker makes new views; readers on any thread use them without locks.
 */
public final class ServiceView {

  private final ServiceKey key;
  private final ServiceSettings settings;
  private final Map<String, ClusterSettings> clusters;
  private final Instance[] instances;
  private final long revision;
  private final long lastRefTime;
  private final long instancesSum;
  private final AtomicReferenceArray<byte[]> encoded = new AtomicReferenceArray<>(MEMO_SLOTS);
  /** {@link #ephemeralOnly}: 0 not computed yet, 1 yes, 2 no. */
  private byte ephemeralOnly;

  /**
   * Slots for encoded responses of this revision (see {@link #memo}): 0–15 the v1 list bodies, 16 and 17 the gRPC
   * ones.
   */
  public static final int MEMO_SLOTS = 18;
  /** The memo slot of the gRPC {@code ServiceInfo} of all clusters. */
  public static final int GRPC_SLOT = 16;
  /** The memo slot of the whole gRPC {@code QueryServiceResponse} of all clusters, ready to send. */
  public static final int GRPC_QUERY_SLOT = 17;

  /**
   * instances must be sorted by {@link #ORDER}; clusters an unmodifiable sorted map; instancesSum their
   * {@link Checksums#sum}.
   */
  ServiceView(ServiceKey key, ServiceSettings settings, Map<String, ClusterSettings> clusters, Instance[] instances,
              long instancesSum, long revision, long lastRefTime) {
    this.key = key;
    this.settings = settings;
    this.clusters = clusters;
    this.instances = instances;
    this.instancesSum = instancesSum;
    this.revision = revision;
    this.lastRefTime = lastRefTime;
  }

  static final Comparator<Instance> ORDER = (a, b) -> compare(a.ref(), b.ref());

  static int compare(InstanceRef a, InstanceRef b) {
    int c = a.cluster().compareTo(b.cluster());
    if (c == 0) {
      c = a.ip().compareTo(b.ip());
    }
    return c != 0 ? c : Integer.compare(a.port(), b.port());
  }

  /** A view rebuilt from its parts (a replica decoding its owner's view); sorts the instances itself. */
  public static ServiceView of(ServiceKey key, ServiceSettings settings, Collection<ClusterSettings> clusters,
                               Collection<Instance> instances, long revision, long lastRefTime) {
    TreeMap<String, ClusterSettings> byName = new TreeMap<>();
    clusters.forEach(c -> byName.put(c.name(), c));
    Instance[] sorted = instances.toArray(new Instance[0]);
    Arrays.sort(sorted, ORDER);
    return new ServiceView(key, settings, Collections.unmodifiableNavigableMap(byName), sorted,
        Checksums.sum(sorted), revision, lastRefTime);
  }

  public static ServiceView empty(ServiceKey key, ServiceSettings settings, long revision, long now) {
    return new ServiceView(key, settings, Collections.emptyNavigableMap(), new Instance[0], 0, revision, now);
  }

  public ServiceKey key() {
    return key;
  }

  public ServiceSettings settings() {
    return settings;
  }

  public Map<String, ClusterSettings> clusters() {
    return clusters;
  }

  public ClusterSettings cluster(String name) {
    ClusterSettings c = clusters.get(name);
    return c != null ? c : ClusterSettings.defaults(name);
  }

  /** The instance array itself, for a draft to copy; never modified. */
  Instance[] sortedInstances() {
    return instances;
  }

  long instancesSum() {
    return instancesSum;
  }

  public List<Instance> instances() {
    return Collections.unmodifiableList(Arrays.asList(instances));
  }

  public int size() {
    return instances.length;
  }

  public long revision() {
    return revision;
  }

  public long lastRefTime() {
    return lastRefTime;
  }

  public String checksum() {
    return Checksums.of(settings, clusters, instancesSum);
  }

  /** Binary search: instances are kept sorted by address, so a beat finds its instance in O(log n). */
  public Instance find(InstanceRef ref) {
    int at = indexOf(i -> instances[i], instances.length, ref);
    return at >= 0 ? instances[at] : null;
  }

  /**
   * Walks two revisions of a service in address order and calls {@code visit(before, after)} for every address whose
   * instance differs (null when absent on that side); O(n) with no lookups, since both arrays are sorted.
   */
  public static void diff(ServiceView previous, ServiceView current, BiConsumer<Instance, Instance> visit) {
    Instance[] a = previous == null ? new Instance[0] : previous.instances;
    Instance[] b = current == null ? new Instance[0] : current.instances;
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] == b[j]) {
        // Copy-on-write shares every untouched instance between revisions: identity settles most positions.
        i++;
        j++;
        continue;
      }
      int c = i == a.length ? 1 : j == b.length ? -1 : compare(a[i].ref(), b[j].ref());
      if (c < 0) {
        visit.accept(a[i++], null);
      } else if (c > 0) {
        visit.accept(null, b[j++]);
      } else {
        if (a[i] != b[j] && !a[i].equals(b[j])) {
          visit.accept(a[i], b[j]);
        }
        i++;
        j++;
      }
    }
  }

  /** Position of ref among {@code size} address-ordered instances, or {@code -(insertion point) - 1}. */
  static int indexOf(IntFunction<Instance> at, int size, InstanceRef ref) {
    int lo = 0;
    int hi = size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compare(at.apply(mid).ref(), ref);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -lo - 1;
  }

  /**
   * Whether this view is AP data only: at least one ephemeral instance, and nothing Raft owns (no definition, no
   * configured cluster, no persistent instance). Computed once per revision; a race computes it twice, alike.
   */
  public boolean ephemeralOnly() {
    byte known = ephemeralOnly;
    if (known == 0) {
      known = instances.length > 0 && PersistentPart.of(this).isEmpty() ? (byte) 1 : (byte) 2;
      ephemeralOnly = known;
    }
    return known == 1;
  }

  public long healthyCount() {
    return Arrays.stream(instances).filter(Instance::healthy).count();
  }

  /**
   * An encoded response of this revision, built on first use and then shared by every reader: the common list
   * queries are served as one cached byte array per revision. Views are immutable, so the memo never goes stale.
   */
  public byte[] memo(int slot, Supplier<byte[]> encode) {
    byte[] bytes = encoded.get(slot);
    if (bytes == null) {
      bytes = encode.get();
      encoded.lazySet(slot, bytes);
    }
    return bytes;
  }

  public ServiceDraft draft() {
    return new ServiceDraft(this);
  }

  @Override
  public String toString() {
    return key + "@" + revision + "[" + instances.length + " instances]";
  }
}
