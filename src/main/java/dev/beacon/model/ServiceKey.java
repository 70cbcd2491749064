package dev.beacon.model;

import dev.beacon.client.NamingProtocol;

/**
 * A service's identity: its namespace and its grouped name {@code GROUP@@name}.
 * Nacos keys everything by this pair; so does every table, message and event-bus address in Beacon.
 */
public record ServiceKey(String namespace, String groupedName) implements Comparable<ServiceKey> {

  /** The defaults and the separator of the wire contract, which applications share (the client module). */
  public static final String DEFAULT_NAMESPACE = NamingProtocol.DEFAULT_NAMESPACE;
  public static final String DEFAULT_GROUP = NamingProtocol.DEFAULT_GROUP;
  public static final String SEPARATOR = NamingProtocol.GROUP_SEPARATOR;

  public ServiceKey {
    namespace = namespace.intern();
    groupedName = groupedName.intern();
  }

  public static ServiceKey of(String namespace, String group, String name) {
    return new ServiceKey(namespace, group + SEPARATOR + name);
  }

  public String group() {
    return groupedName.substring(0, groupedName.indexOf(SEPARATOR));
  }

  /** The name without its group, as Nacos echoes it to non-Java agents and in service listings. */
  public String bareName() {
    return groupedName.substring(groupedName.indexOf(SEPARATOR) + SEPARATOR.length());
  }

  /** {@code namespace##GROUP@@name}, the form Nacos uses for push and distro keys. */
  @Override
  public String toString() {
    return namespace + "##" + groupedName;
  }

  @Override
  public int compareTo(ServiceKey o) {
    int c = namespace.compareTo(o.namespace);
    return c != 0 ? c : groupedName.compareTo(o.groupedName);
  }
}
