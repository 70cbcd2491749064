/**
 * The few small types every package shares: {@link dev.beacon.core.Addresses} (every event-bus address, declared
 * once), the local event-bus codecs ({@link dev.beacon.core.LocalCodec}, {@link dev.beacon.core.ByReferenceCodec}) and
 * {@link dev.beacon.core.NodeStatus} (STARTING / UP / DOWN).
 *
 * <ul>
 *   <li>May import {@code dev.beacon.model} and the client module's {@code NamingProtocol} (the addresses applications
 *       use are declared there) only.</li>
 *   <li>Any package may import it; it is a leaf, so sharing these types makes no package cycle.</li>
 *   <li>Threading: immutable constants; {@code NodeStatus} is one volatile field.</li>
 * </ul>
 */
package dev.beacon.core;
