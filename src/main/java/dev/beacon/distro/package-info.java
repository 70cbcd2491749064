/**
 * Distro, the AP replication of ephemeral data between registry servers in cluster mode:
 * {@link dev.beacon.distro.Membership} (servers by hello/goodbye and Hazelcast member events),
 * {@link dev.beacon.distro.Responsibility} (rendezvous hashing), {@link dev.beacon.distro.DistroSink} (forwards writes
 * and beats to the responsible node, applies them here when it does not answer), and
 * {@link dev.beacon.distro.DistroVerticle} (deltas, verification, full sync on join, hand-over on stop), plus the
 * Hazelcast bootstrap and the wire codecs.
 *
 * <ul>
 *   <li>May import {@code dev.beacon.config}, {@code dev.beacon.model}, {@code dev.beacon.registry} and
 *       {@code dev.beacon.core}. Services it becomes responsible for are handed to a callback (the composition root
 *       restarts their beat clocks), so it does not import health.</li>
 *   <li>Must never import health, raft, push, http or metrics.</li>
 *   <li>Must never be imported by model, config, core, registry, health, raft or client. http, bus and push import
 *       only {@link dev.beacon.distro.ClusterView}; metrics imports {@code DistroStats}.</li>
 *   <li>Threading: {@code Membership}'s peer table and the pending deltas are confined to the Distro event loop
 *       (Hazelcast events hop there with {@code runOnContext}); other threads read the current {@code Responsibility}
 *       through a volatile, immutable snapshot. It changes the tables only through the worker.</li>
 * </ul>
 */
package dev.beacon.distro;
