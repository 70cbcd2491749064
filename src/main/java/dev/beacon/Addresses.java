package dev.beacon;

/** Every event-bus address Beacon uses, declared once. */
public final class Addresses {

  /** Local: registry commands for the single {@code RegistryWorkerVerticle}. */
  public static final String REGISTRY_COMMANDS = "beacon.registry.commands";
  /** Local: published after each applied batch ({@code ServiceChanges}). */
  public static final String SERVICE_CHANGES = "beacon.registry.changes";
  /** Cluster-wide: the event-bus naming API for Vert.x applications (JSON in, JSON out). */
  public static final String NAMING_API = "beacon.naming";
  /** Cluster-wide prefix of per-service change feeds: {@code beacon.naming.changes.<namespace>.<group@@name>}. */
  public static final String CHANGES_PREFIX = "beacon.naming.changes.";

  private Addresses() {
  }

  public static String changesOf(dev.beacon.model.ServiceKey key) {
    return CHANGES_PREFIX + key.namespace() + "." + key.groupedName();
  }
}
