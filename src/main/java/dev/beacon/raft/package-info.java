/**
 * Beacon's persistent store: a thin wrapper over Apache Ratis (NETTY rpc) that replicates opaque byte[] entries.
 *
 * <ul>
 *   <li>{@link dev.beacon.raft.RaftNode#start} starts one member; {@link dev.beacon.raft.RaftNode#submit} replicates
 *       an entry from any member (the embedded Ratis client finds the leader) and completes with the leader's
 *       {@link dev.beacon.raft.RaftApplier#apply} reply, or fails with
 *       {@link dev.beacon.raft.RaftUnavailableException} after about the request timeout.</li>
 *   <li>The applier runs on Ratis' state-machine updater thread (named like
 *       {@code <nodeId>@group-<id>-StateMachineUpdater}), never on the submitter's thread: hop back to a Vert.x
 *       context before touching context-bound state.</li>
 *   <li>Storage lives in {@code storageDir/<nodeId>/<group uuid>/} (log in {@code current/}, snapshots in
 *       {@code sm/}); the group uuid is fixed, so never reuse a storage dir for a different cluster.</li>
 *   <li>The member list is fixed at start; changing it needs Ratis' setConfiguration, which is not wrapped here.</li>
 * </ul>
 */
package dev.beacon.raft;
