package dev.beacon;

import dev.beacon.auth.Authenticator;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Switches;
import dev.beacon.core.NodeStatus;
import dev.beacon.core.ReplicatedEntries;
import dev.beacon.distro.ClusterView;
import dev.beacon.health.BeatTable;
import dev.beacon.metrics.Metrics;
import dev.beacon.push.Subscriptions;
import dev.beacon.raft.RaftNode;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Namespaces;
import dev.beacon.registry.Registry;

/**
 * What one running node is made of, as {@link Beacon} (the composition root) built it: kept for Beacon's own
 * start-up and shutdown and for tests and tools that inspect a node. No verticle or endpoint receives it: each
 * constructor names the parts it uses.
 */
public record Node(BeaconConfig config, Registry registry, BeatTable beats, CommandSink sink, ClusterView cluster,
                   Subscriptions subscriptions, NodeStatus status, Metrics metrics, RaftNode raft,
                   ReplicatedEntries entries, Switches switches, Authenticator auth, Namespaces namespaces) {
}
