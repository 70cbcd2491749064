/**
 * Node configuration: every key in {@link dev.beacon.config.Setting} (default, {@code BEACON_*} environment name and
 * meaning), and the immutable {@link dev.beacon.config.BeaconConfig} loaded once from defaults, then the environment,
 * then {@code --key=value} arguments, and handed down.
 *
 * <ul>
 *   <li>May import nothing from {@code dev.beacon} (the JDK, and Vert.x's JSON for the Raft entries and snapshot
 *       part of {@link dev.beacon.config.Switches}): a leaf.</li>
 *   <li>Imported by the composition root (which makes {@code Switches} a row of the replicated-state table), health,
 *       distro, raft ({@code RaftSetup}), push, api, http and grpc.</li>
 *   <li>Must never be imported by {@code dev.beacon.model} (values do not read settings) or
 *       {@code dev.beacon.client} (module {@code client/}, which cannot see the server), which runs inside
 *       applications and has its own {@code NamingClientOptions}.</li>
 * </ul>
 */
package dev.beacon.config;
