package dev.beacon.raft;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings for one node of the group.
 *
 * @param nodeId               this node's id; must be a key of {@code peers}
 * @param peers                ordered map id -&gt; "host:port" of the Raft RPC endpoint of every member (this one included)
 * @param storageDir           parent directory; the node keeps its log and snapshots in {@code storageDir/nodeId}
 * @param requestTimeout       how long {@link RaftNode#submit} may take before failing with
 *                             {@link RaftUnavailableException}
 * @param snapshotEveryEntries take a snapshot (and purge the log) every this many applied entries
 */
public record RaftSettings(String nodeId, Map<String, String> peers, Path storageDir, Duration requestTimeout,
                           long snapshotEveryEntries) {

  /**
   * Election timeouts. Short, so a single-member group or a group that lost its leader elects within ~2 s; a follower
   * that does not hear from the leader for a random time in [min, max] starts an election (with pre-vote, so a
   * partitioned node does not disrupt the group when it comes back).
   */
  public static final Duration ELECTION_TIMEOUT_MIN = Duration.ofSeconds(1);
  public static final Duration ELECTION_TIMEOUT_MAX = Duration.ofSeconds(2);

  public RaftSettings {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(peers, "peers");
    Objects.requireNonNull(storageDir, "storageDir");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (!peers.containsKey(nodeId)) {
      throw new IllegalArgumentException("raft peers " + peers.keySet() + " do not contain this node " + nodeId);
    }
    peers.forEach((id, address) -> {
      if (id.isBlank() || address == null || address.lastIndexOf(':') <= 0) {
        throw new IllegalArgumentException("raft peer must be id -> host:port, got " + id + " -> " + address);
      }
      port(address); // validates
    });
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    if (snapshotEveryEntries < 1) {
      throw new IllegalArgumentException("snapshotEveryEntries must be >= 1: " + snapshotEveryEntries);
    }
    peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers)); // keep the caller's order, forbid changes
  }

  /** "host:port" of this node's Raft endpoint. */
  public String ownAddress() {
    return peers.get(nodeId);
  }

  /** The host of a "host:port" Raft address ({@code [::1]:9000} gives {@code ::1}). */
  public static String host(String address) {
    String h = address.substring(0, address.lastIndexOf(':'));
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h; // [::1]:9000
  }

  public static int port(String address) {
    try {
      int p = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      if (p < 1 || p > 65535) {
        throw new NumberFormatException("out of range");
      }
      return p;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad port in raft peer address " + address, e);
    }
  }
}
