/**
 * The event-bus client for Vert.x applications in the servers' Hazelcast cluster: {@link
 * dev.beacon.client.NamingClient} registers instances (beating them, re-registering on code 20404), looks them up,
 * picks one by weight, and subscribes to a service's change feed. It runs inside applications, not in a server.
 *
 * <ul>
 *   <li>May import only {@code dev.beacon.model} ({@code ServiceKey}) and {@code dev.beacon.core.Addresses}: it talks to
 *       the servers over the event-bus API and must never import config, registry, health, distro, raft, push, http
 *       or metrics.</li>
 *   <li>Must never be imported by any server package; it is shipped in the same jar only for convenience.</li>
 * </ul>
 */
package dev.beacon.client;
