package dev.beacon.core;

import dev.beacon.client.NamingProtocol;
import dev.beacon.model.ServiceKey;

/**
 * Every event-bus address Beacon uses, declared once; those applications use come from the client's message
 * contract ({@link NamingProtocol}), so the two cannot drift.
 */
public final class Addresses {

  /** Local: registry commands for the single {@code RegistryWorkerVerticle}. */
  public static final String REGISTRY_COMMANDS = "beacon.registry.commands";
  /** Local: published after each applied batch ({@code ServiceChanges}). */
  public static final String SERVICE_CHANGES = "beacon.registry.changes";
  /** Cluster-wide: the event-bus naming API for Vert.x applications (JSON in, JSON out). */
  public static final String NAMING_API = NamingProtocol.API;
  /**
   * Cluster-wide, published by subscribers: {@code {"namespace":…,"service":"GROUP@@name"}} declares interest in a
   * service's change feed for {@code feed-interest-ttl} ms; servers publish changes only of services someone wants.
   */
  public static final String FEED_INTEREST = NamingProtocol.INTEREST;
  /** Cluster-wide prefix of per-service change feeds: {@code beacon.naming.changes.<namespace>.<group@@name>}. */
  public static final String CHANGES_PREFIX = NamingProtocol.CHANGES_PREFIX;

  /** Cluster-wide publish: Distro membership hello (and goodbye) of registry servers. */
  public static final String DISTRO_HELLO = "beacon.distro.hello";
  /** Cluster-wide publish: changed views (and removals) from the node that applied them. */
  public static final String DISTRO_DELTAS = "beacon.distro.deltas";
  /** Cluster-wide publish: checksums of the services the sender is responsible for. */
  public static final String DISTRO_VERIFY = "beacon.distro.verify";
  /** Cluster-wide request: a joining node asks any ready server for a snapshot (round-robin picks one). */
  public static final String DISTRO_SYNC = "beacon.distro.sync";

  private Addresses() {
  }

  /** Per node: registry commands and beats forwarded to the responsible node. */
  public static String distroCommands(String nodeId) {
    return "beacon.distro." + nodeId + ".commands";
  }

  /** Per node: snapshot chunks and view fetches served by one server. */
  public static String distroSync(String nodeId) {
    return "beacon.distro." + nodeId + ".sync";
  }

  /** Per node: views pushed to one server (a replica that holds a newer view than its owner). */
  public static String distroDeltas(String nodeId) {
    return "beacon.distro." + nodeId + ".deltas";
  }

  /** Per node: a leaving server's goodbye, answered, so that it knows every survivor has heard it. */
  public static String distroGoodbye(String nodeId) {
    return "beacon.distro." + nodeId + ".goodbye";
  }

  /** Per node: a follower asks the Raft leader for its read index (a linearizable read's point). */
  public static String distroReadIndex(String nodeId) {
    return "beacon.distro." + nodeId + ".readindex";
  }

  public static String changesOf(ServiceKey key) {
    return NamingProtocol.changesOf(key.namespace(), key.groupedName());
  }

  /** Cluster-wide, per server: the naming API of this one server ({@code beacon.naming.server.<node>}). */
  public static String namingApiOf(String nodeId) {
    return NamingProtocol.serverApi(nodeId);
  }
}
