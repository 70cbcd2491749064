/**
 * Instance health on the node responsible for a service: {@link dev.beacon.health.BeatTable} (last beat per
 * ephemeral instance, outside the views), {@link dev.beacon.health.Beats} (applies a heartbeat, answers 20404 for an
 * unknown instance), and {@link dev.beacon.health.HealthVerticle} (beat expiry, removal of empty implicit services,
 * TCP/HTTP checks of persistent instances).
 *
 * <ul>
 *   <li>May import {@code dev.beacon.config}, {@code dev.beacon.model}, {@code dev.beacon.registry} and
 *       {@code dev.beacon.core}. It learns responsibility as a {@code Predicate<ServiceKey>}, so it must never
 *       import distro; nor raft (health flips of persistent instances go through the {@code CommandSink}).</li>
 *   <li>Imported by http ({@code BeatTable}: beats on register, last beat in the catalog) and the composition root.
 *       Must never be imported by model, config, registry, distro, raft or client.</li>
 *   <li>Threading: {@code BeatTable} is written from several contexts (HTTP event loops, the Distro and Health
 *       verticles) and is all concurrent maps and atomics; {@code HealthVerticle}'s own state is confined to its
 *       event loop. It changes the tables only by sending commands to the worker.</li>
 * </ul>
 */
package dev.beacon.health;
