/**
 * Who may do what: tokens, passwords, and users, role bindings and permissions, as Nacos 1.4's auth does it, without
 * its known mistakes.
 *
 * <ul>
 *   <li>{@link dev.beacon.auth.Authenticator} issues HS256 tokens ({@code sub}, {@code exp}; JDK HMAC in
 *       {@code Jwt}: HS256 only, {@code exp} required, constant-time compare) and turns a token or a name and
 *       password back into a user; verified tokens and matched passwords are cached, but each use checks the expiry
 *       and that the user still exists. BCrypt ({@link dev.beacon.auth.Passwords}) runs on worker threads.</li>
 *   <li>{@link dev.beacon.auth.AuthStore} holds one immutable {@link dev.beacon.auth.AuthData}, swapped when a
 *       committed Raft entry ({@link dev.beacon.auth.AuthEntry}) is applied or a snapshot restored, so every node
 *       agrees; {@link dev.beacon.auth.AuthData#allowed} is Nacos's decision procedure with glob matching
 *       ({@code Glob}) instead of unescaped regexes.</li>
 *   <li>Refusals are {@link dev.beacon.auth.Denied} with Nacos's reason; the HTTP edge makes them 403s.</li>
 *   <li>May import nothing from {@code dev.beacon} (Vert.x {@code Future}/JSON and BCrypt only): a leaf beside
 *       config.</li>
 *   <li>Imported by the composition root ({@code Beacon} makes the store a row of the replicated-state table, so
 *       every node applies the entries and snapshots keep the store under {@code "auth"}), api ({@code Guard}), http
 *       ({@code AuthEndpoints}), bus ({@code AuthStats}) and grpc. Must never be imported by model, config, core,
 *       registry, health, distro, raft, push or client.</li>
 * </ul>
 */
package dev.beacon.auth;
