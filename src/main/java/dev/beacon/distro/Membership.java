package dev.beacon.distro;

import dev.beacon.model.ServiceKey;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * The live registry servers as this node sees them, and so who is responsible for what. Servers are the nodes that
 * run Distro and say hello (an application that joins Hazelcast only for the event bus never does); a server is
 * dropped when Hazelcast reports its member gone, when it says goodbye, or when it has not said hello for
 * {@code distro-member-timeout}. Changed only on the Distro verticle's event loop; read from any thread through one
 * volatile, immutable {@link Responsibility}. This node counts itself only once it has joined (finished its full
 * sync): until then it owns nothing, exactly as its peers see it.
 */
public final class Membership implements ClusterView {

  private static final Logger LOG = Logger.getLogger(Membership.class.getName());

  private record Peer(String hazelcastId, long lastSeen) {
  }

  private final String local;
  private final Map<String, Peer> peers = new HashMap<>();
  private volatile boolean joined;
  private volatile Responsibility responsibility;
  private volatile Map<String, Long> lastSeen = Map.of();
  private long version;
  private BiConsumer<Responsibility, Responsibility> onChange = (before, after) -> { };

  public Membership(String local) {
    this.local = local;
    this.responsibility = new Responsibility(List.of(local));
  }

  void onChange(BiConsumer<Responsibility, Responsibility> listener) {
    this.onChange = listener;
  }

  @Override
  public String localNode() {
    return local;
  }

  @Override
  public String responsibleNode(ServiceKey key) {
    return responsibility.owner(key);
  }

  @Override
  public List<JsonObject> servers() {
    Map<String, Long> seen = lastSeen;
    List<JsonObject> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (String s : responsibility.servers()) {
      out.add(Servers.describe(s, s.equals(local) ? now : seen.getOrDefault(s, now)));
    }
    return out;
  }

  @Override
  public List<String> serverIds() {
    return responsibility.servers();
  }

  public Responsibility responsibility() {
    return responsibility;
  }

  public boolean joined() {
    return joined;
  }

  /** Bumped on every change of the server list. */
  public long version() {
    return version;
  }

  int serversHash() {
    return responsibility.servers().hashCode();
  }

  void join() {
    joined = true;
    recompute("joined");
  }

  void leave() {
    joined = false;
  }

  /** A hello from a server; returns true when it was not known. */
  boolean heard(String node, String hazelcastId, long now) {
    if (node.equals(local)) {
      return false;
    }
    Peer old = peers.put(node, new Peer(hazelcastId, now));
    if (old == null) {
      recompute(node + " said hello");
      return true;
    }
    lastSeen = snapshotSeen();
    return false;
  }

  void goodbye(String node) {
    if (peers.remove(node) != null) {
      recompute(node + " said goodbye");
    }
  }

  void hazelcastMemberLeft(String hazelcastId) {
    List<String> gone = peers.entrySet().stream().filter(e -> e.getValue().hazelcastId().equals(hazelcastId))
        .map(Map.Entry::getKey).toList();
    if (!gone.isEmpty()) {
      gone.forEach(peers::remove);
      recompute(gone + " left the Hazelcast cluster");
    }
  }

  void expire(long now, long timeout) {
    List<String> silent = peers.entrySet().stream().filter(e -> now - e.getValue().lastSeen() > timeout)
        .map(Map.Entry::getKey).toList();
    if (!silent.isEmpty()) {
      silent.forEach(peers::remove);
      recompute(silent + " silent for over " + timeout + " ms");
    }
  }

  private Map<String, Long> snapshotSeen() {
    Map<String, Long> seen = new HashMap<>();
    peers.forEach((k, v) -> seen.put(k, v.lastSeen()));
    return Map.copyOf(seen);
  }

  private void recompute(String why) {
    List<String> servers = new ArrayList<>(peers.keySet());
    if (joined || servers.isEmpty()) {
      servers.add(local);
    }
    servers.sort(null);
    lastSeen = snapshotSeen();
    Responsibility before = responsibility;
    if (servers.equals(before.servers())) {
      return;
    }
    Responsibility after = new Responsibility(servers);
    responsibility = after;
    version++;
    LOG.info("servers now " + servers + " (version " + version + "): " + why);
    onChange.accept(before, after);
  }
}
