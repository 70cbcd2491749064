/**
 * The few small types every package shares: {@link dev.beacon.core.Addresses} (every event-bus address, declared
 * once), the local event-bus codecs ({@link dev.beacon.core.LocalCodec}, {@link dev.beacon.core.ByReferenceCodec}),
 * {@link dev.beacon.core.NodeStatus} (STARTING / UP / DOWN), {@link dev.beacon.core.ErrorReply} (the one mapping of a
 * failure to a status and message), and the ports through which the API edges reach Raft without knowing it:
 * {@link dev.beacon.core.ReplicatedEntries} (an entry every node applies), {@link dev.beacon.core.ReadBarrier} (a
 * linearizable read) and {@link dev.beacon.core.RaftStatus} (who leads, whether writes commit). The raft package
 * implements the ports; {@code Beacon} wires them.
 *
 * <ul>
 *   <li>May import {@code dev.beacon.model} and the client module's {@code dev.beacon.client.NamingProtocol} (the
 *       addresses applications use are declared there) only.</li>
 *   <li>Any package may import it; it is a leaf, so sharing these types makes no package cycle.</li>
 *   <li>Threading: immutable constants and interfaces; {@code NodeStatus} is one volatile field.</li>
 * </ul>
 */
package dev.beacon.core;
