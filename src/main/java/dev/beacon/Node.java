package dev.beacon;

import dev.beacon.auth.Authenticator;
import dev.beacon.config.BeaconConfig;
import dev.beacon.config.Switches;
import dev.beacon.distro.ClusterView;
import dev.beacon.health.BeatTable;
import dev.beacon.metrics.Metrics;
import dev.beacon.raft.RaftNode;
import dev.beacon.push.Subscriptions;
import dev.beacon.registry.CommandSink;
import dev.beacon.registry.Namespaces;
import dev.beacon.registry.Registry;

/** The in-process state one node's verticles share: built once in {@link Beacon}, handed to each verticle. */
public record Node(BeaconConfig config, Registry registry, BeatTable beats, CommandSink sink, ClusterView cluster,
                   Subscriptions subscriptions, NodeStatus status, Metrics metrics, RaftNode raft,
                   Switches switches, Authenticator auth, Namespaces namespaces) {
}
