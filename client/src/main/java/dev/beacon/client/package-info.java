/**
 * The event-bus client for Vert.x applications in the servers' Hazelcast cluster (artifact {@code beacon-client}):
 * {@link dev.beacon.client.NamingClient} registers instances (beating them, re-registering on code 20404), looks them
 * up, picks one by weight, and subscribes to a service's change feed; {@link dev.beacon.client.NamingProtocol} is the
 * message contract (addresses, fields, headers, codes) the servers build on; {@link dev.beacon.client.BeaconCluster}
 * joins an application to the servers' cluster.
 *
 * <ul>
 *   <li>May import nothing from the server's packages: it depends on vertx-core and vertx-hazelcast only (scope
 *       provided: the application brings them).</li>
 *   <li>The server depends on this package for the contract; nothing here may know the server's classes.</li>
 * </ul>
 */
package dev.beacon.client;
