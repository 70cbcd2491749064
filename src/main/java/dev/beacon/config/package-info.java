/**
 * Node configuration: every key in {@link dev.beacon.config.Setting} (default, {@code BEACON_*} environment name and
 * meaning), and the immutable {@link dev.beacon.config.BeaconConfig} loaded once from defaults, then the environment,
 * then {@code --key=value} arguments, and handed down.
 *
 * <ul>
 *   <li>Imports nothing from the other {@code dev.beacon} packages (only the JDK): a leaf.</li>
 *   <li>Imported by the composition root ({@code dev.beacon}), health, distro, raft, push and http.</li>
 *   <li>Must never be imported by {@code dev.beacon.model} (values do not read settings) or
 *       {@code dev.beacon.client} (module {@code client/}, which cannot see the server), which runs inside
 *       applications and has its own {@code NamingClientOptions}.</li>
 * </ul>
 */
package dev.beacon.config;
