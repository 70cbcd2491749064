/**
 * The node's entry point and composition root, plus the few small types every package shares.
 *
 * <ul>
 *   <li>{@link dev.beacon.Beacon} reads the configuration, starts Vert.x (clustered or not), Raft and the verticles,
 *       reports UP once Raft is ready, and shuts down in the order that loses nothing. {@link dev.beacon.Node} is the
 *       state the verticles share. Between them, this package's classes import every other package.</li>
 *   <li>{@link dev.beacon.Addresses} (every event-bus address; those applications use come from the client
 *       module's {@code NamingProtocol}), {@link dev.beacon.LocalCodec}, {@link dev.beacon.ByReferenceCodec} and
 *       {@link dev.beacon.NodeStatus} import at most {@code dev.beacon.model} and {@code dev.beacon.client}; any
 *       package may import them.</li>
 *   <li>Only http and push may import {@code Node}; no package may import {@code Beacon}, {@code Logging} or
 *       {@code Listeners}. Because shared types and the composition root live together, every package that imports
 *       {@code Addresses} or a codec forms a package-level cycle with this one; the class-level hub is {@code Node}.
 *       Moving the shared types to a leaf package would remove those cycles.</li>
 * </ul>
 */
package dev.beacon;
