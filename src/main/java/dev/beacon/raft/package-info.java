/**
 * Beacon's persistent store: a thin wrapper over Apache Ratis (gRPC transport) that replicates opaque byte[] entries
 * ({@link dev.beacon.raft.RaftNode}, {@link dev.beacon.raft.BeaconStateMachine}, {@link dev.beacon.raft.RaftApplier}),
 * and the adapters that put core's ports on it: {@link dev.beacon.raft.RaftEntries} ({@code ReplicatedEntries}, the
 * one submit chain of every replicated entry), {@link dev.beacon.raft.RaftReads} ({@code ReadBarrier}: ReadIndex) and
 * {@code RaftNode} itself ({@code RaftStatus}). {@link dev.beacon.raft.RaftSink} routes persistent writes (persistent
 * instances, service definitions, cluster settings) into the log through {@code RaftEntries}, and everything else to
 * the inner sink. {@link dev.beacon.raft.ReplicatedState} applies committed entries: one table from an entry's
 * {@code type} to its kind ({@link dev.beacon.raft.PersistentServices} through the registry worker; switches, users
 * and namespace definitions by their stores, outside the worker), and a snapshot keeps each kind under its key.
 *
 * <ul>
 *   <li>{@link dev.beacon.raft.RaftNode#start} starts one member; {@link dev.beacon.raft.RaftNode#submit} replicates
 *       an entry from any member (the embedded Ratis client finds the leader) and completes with the leader's
 *       {@link dev.beacon.raft.RaftApplier#apply} reply once this node has applied the entry too, or fails with
 *       {@link dev.beacon.raft.RaftUnavailableException} once no leader can accept it any more (its deadline, carried
 *       in {@code StampedEntry}, has passed), so a write reported failed never lands. After such a failure the node
 *       replaces its Ratis client: Ratis' ordered async client fails every later request once one gives up.</li>
 *   <li>{@link dev.beacon.raft.CommitHealth} logs once when writes stop committing and once when they resume, and
 *       feeds {@code /ready}'s "no write committed" note and the failure metrics.</li>
 *   <li>The applier runs on Ratis' state-machine updater thread (named like
 *       {@code <nodeId>@group-<id>-StateMachineUpdater}), never on the submitter's thread: hop back to a Vert.x
 *       context before touching context-bound state.</li>
 *   <li>Storage lives in {@code storageDir/<nodeId>/<group uuid>/} (log in {@code current/}, snapshots in
 *       {@code sm/}); the group uuid is fixed, so never reuse a storage dir for a different cluster.</li>
 *   <li>The member list is fixed at start; changing it needs Ratis' setConfiguration, which is not wrapped here.</li>
 *   <li>May import {@code dev.beacon.config} ({@code RaftSetup}), {@code dev.beacon.core} (the ports it implements,
 *       {@code Addresses}), {@code dev.beacon.model} and {@code dev.beacon.registry} ({@code RaftSink} and
 *       {@code PersistentServices}: commands, their JSON, the worker's header). The Ratis wrapper itself imports
 *       nothing from Beacon. The other kinds' stores reach {@code ReplicatedState} as rows of the table the
 *       composition root lists, so this package does not import auth. Must never import health, distro, push, api,
 *       http, bus, grpc or metrics.</li>
 *   <li>Must never be imported by model, config, core, registry, health, distro, push, api, http, bus, grpc or
 *       client: the API edges reach it only through core's ports. The composition root and metrics import it.</li>
 * </ul>
 */
package dev.beacon.raft;
