/**
 * Distro, the AP replication of ephemeral data between registry servers in cluster mode:
 * {@link dev.beacon.distro.Membership} (servers by hello/goodbye and Hazelcast member events),
 * {@link dev.beacon.distro.Responsibility} (rendezvous hashing), {@link dev.beacon.distro.DistroSink} (forwards writes
 * and beats to the responsible node, applies them here when it does not answer), and
 * {@link dev.beacon.distro.DistroVerticle} (deltas, verification, full sync on join, hand-over on stop), plus the
 * Hazelcast bootstrap and the wire codecs.
 *
 * <ul>
 *   <li>May import {@code dev.beacon.config}, {@code dev.beacon.model}, {@code dev.beacon.registry},
 *       {@code dev.beacon.health} ({@code BeatTable} only) and from {@code dev.beacon} {@code Addresses} and
 *       {@code ByReferenceCodec}.</li>
 *   <li>Must never import raft, push, http or metrics.</li>
 *   <li>Must never be imported by model, config, registry, health, raft or client. http and push see it only as
 *       {@link dev.beacon.distro.ClusterView} through {@code Node}; metrics imports {@code DistroStats}.</li>
 *   <li>Threading: {@code Membership}'s peer table and the pending deltas are confined to the Distro event loop
 *       (Hazelcast events hop there with {@code runOnContext}); other threads read the current {@code Responsibility}
 *       through a volatile, immutable snapshot. It changes the tables only through the worker.</li>
 * </ul>
 */
package dev.beacon.distro;
