/**
 * Beacon's persistent store: a thin wrapper over Apache Ratis (gRPC transport) that replicates opaque byte[] entries, and
 * the registry's use of it: {@link dev.beacon.raft.RaftSink} routes persistent writes (persistent instances, service
 * definitions, cluster settings) into the log and everything else to the inner sink; {@link
 * dev.beacon.raft.RegistryApplier} applies committed entries through the registry worker and snapshots/restores the
 * persistent part of the registry.
 *
 * <ul>
 *   <li>{@link dev.beacon.raft.RaftNode#start} starts one member; {@link dev.beacon.raft.RaftNode#submit} replicates
 *       an entry from any member (the embedded Ratis client finds the leader) and completes with the leader's
 *       {@link dev.beacon.raft.RaftApplier#apply} reply, or fails with
 *       {@link dev.beacon.raft.RaftUnavailableException} after about the request timeout. After such a failure the
 *       node replaces its Ratis client: Ratis' ordered async client fails every later request once one gives up.</li>
 *   <li>{@link dev.beacon.raft.CommitHealth} logs once when writes stop committing and once when they resume, and
 *       feeds {@code /ready}'s "no write committed" note and the failure metrics.</li>
 *   <li>The applier runs on Ratis' state-machine updater thread (named like
 *       {@code <nodeId>@group-<id>-StateMachineUpdater}), never on the submitter's thread: hop back to a Vert.x
 *       context before touching context-bound state.</li>
 *   <li>Storage lives in {@code storageDir/<nodeId>/<group uuid>/} (log in {@code current/}, snapshots in
 *       {@code sm/}); the group uuid is fixed, so never reuse a storage dir for a different cluster.</li>
 *   <li>The member list is fixed at start; changing it needs Ratis' setConfiguration, which is not wrapped here.</li>
 *   <li>Imports: everything but three classes imports nothing from {@code dev.beacon} (the Ratis wrapper stays
 *       generic); {@code RaftSetup} imports {@code dev.beacon.config}; {@code RaftSink} and {@code RegistryApplier}
 *       import {@code dev.beacon.model}, {@code dev.beacon.registry} and {@code dev.beacon.core.Addresses};
 *       {@code RegistryApplier} also applies runtime switches ({@code dev.beacon.config.Switches}) and auth entries
 *       ({@code dev.beacon.auth.AuthStore}), submitted by {@code RaftSwitches} and {@code RaftAuth} through
 *       {@code RaftEntries}. Must never
 *       import health, distro, push, http or metrics.</li>
 *   <li>Must never be imported by model, config, registry, health, distro, push or client. The composition root and
 *       metrics import it; http imports {@code RaftSwitches} and {@code RaftAuth} and uses {@code RaftNode} through {@code Node}.</li>
 * </ul>
 */
package dev.beacon.raft;
